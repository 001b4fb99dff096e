"""Rekonesans: the Flask app for field researchers and social-services managers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from researcher import cli, errors, models, security  # noqa: F401  (models: every table)
from researcher.admin.views import bp as admin_bp
from researcher.auth.login import init_login
from researcher.auth.views import bp as auth_bp
from researcher.card.views import bp as card_bp
from researcher.config import load_config
from researcher.dashboard.views import bp as dashboard_bp
from researcher.exports.views import bp as exports_bp
from researcher.extensions import babel, csrf, db, migrate
from researcher.field.views import bp as field_bp
from researcher.i18n import select_locale
from researcher.interviews.api import bp as api_bp
from researcher.jobs import worker as jobs_worker
from researcher.labels import init_labels
from researcher.main.views import bp as main_bp
from researcher.needs.views import bp as needs_bp
from researcher.themes.views import bp as themes_bp

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config → extensions → blueprints → errors → cli. Opens no connection."""
    app = Flask(__name__, static_folder=str(PROJECT_ROOT / "static"), static_url_path="/static")
    app.config.update(load_config(Path(app.instance_path), config))

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    init_login(app)
    jobs_worker.init_app(app)

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(field_bp)
    app.register_blueprint(card_bp)
    app.register_blueprint(needs_bp)
    app.register_blueprint(themes_bp)
    app.register_blueprint(exports_bp)

    errors.register_error_handlers(app)
    security.init_security(app)
    init_labels(app)
    cli.register_cli(app)
    return app
