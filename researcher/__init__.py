"""Rekonesans: the Flask app for field researchers and social-services managers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from researcher import cli, errors, models, security, template_cache  # noqa: F401  (models)
from researcher.admin.views import bp as admin_bp
from researcher.audit.views import bp as audit_bp
from researcher.auth.login import init_login
from researcher.auth.views import bp as auth_bp
from researcher.card.views import bp as card_bp
from researcher.config import load_config
from researcher.dashboard.views import bp as dashboard_bp
from researcher.exports.views import bp as exports_bp
from researcher.extensions import babel, csrf, db, migrate
from researcher.field.views import bp as field_bp
from researcher.followups.views import bp as followups_bp
from researcher.i18n import select_locale
from researcher.intake.views import bp as intake_bp
from researcher.interviews.api import bp as api_bp
from researcher.jobs import worker as jobs_worker
from researcher.labels import init_labels
from researcher.main.views import bp as main_bp
from researcher.matching.views import bp as matching_bp
from researcher.meetings.views import bp as meetings_bp
from researcher.needs.views import bp as needs_bp
from researcher.recommendations.views import bp as recommendations_bp
from researcher.recommendations.views import public_bp as residents_bp
from researcher.records.views import bp as records_bp
from researcher.resources.views import bp as resources_bp
from researcher.retention.views import bp as retention_bp
from researcher.rights.views import bp as rights_bp
from researcher.servicetypes.views import bp as servicetypes_bp
from researcher.steering.views import bp as steering_bp
from researcher.themes.views import bp as themes_bp

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config → extensions → blueprints → errors → cli. Opens no connection."""
    app = Flask(__name__, static_folder=str(PROJECT_ROOT / "static"), static_url_path="/static")
    app.config.update(load_config(Path(app.instance_path), config))
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    init_login(app)
    jobs_worker.init_app(app)
    template_cache.init_app(app)

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(field_bp)
    app.register_blueprint(card_bp)
    app.register_blueprint(needs_bp)
    app.register_blueprint(themes_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(intake_bp)
    app.register_blueprint(meetings_bp)
    app.register_blueprint(records_bp)
    app.register_blueprint(recommendations_bp)
    app.register_blueprint(residents_bp)
    app.register_blueprint(rights_bp)
    app.register_blueprint(retention_bp)
    app.register_blueprint(followups_bp)
    app.register_blueprint(resources_bp)
    app.register_blueprint(matching_bp)
    app.register_blueprint(servicetypes_bp)
    app.register_blueprint(steering_bp)

    errors.register_error_handlers(app)
    security.init_security(app)
    init_labels(app)
    cli.register_cli(app)
    return app
