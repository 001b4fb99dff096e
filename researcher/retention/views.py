"""The admin's view of retention: when it last ran, and what is due now."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from researcher.access import allow
from researcher.auth.models import ADMIN
from researcher.extensions import utcnow
from researcher.retention.cli import RULE_LABELS
from researcher.retention.services import DEFAULTS, RULES, due, last_runs, setting

bp = Blueprint("retention", __name__, url_prefix="/admin/przechowywanie")


@bp.route("")
@allow(ADMIN)
def index():
    latest, applied = last_runs()
    return render_template(
        "admin/retention.html",
        latest=latest,
        applied=applied,
        due=due(current_app.config, utcnow()),
        rules=RULES,
        labels=RULE_LABELS,
        settings={name: setting(current_app.config, name) for name in DEFAULTS},
        keep_days=current_app.config.get("EXPORTS_KEEP_DAYS", 30),
    )
