"""Start page for each role, language switch, health check."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from researcher.access import allow, public
from researcher.auth.models import ADMIN, MANAGER, ROLES
from researcher.followups.services import urgent_open_count

bp = Blueprint("main", __name__)


@bp.route("/")
@allow(*ROLES)
def home():
    urgent = None
    if current_user.role in (MANAGER, ADMIN):  # urgent needs with contact consent, still open
        urgent = urgent_open_count()
    return render_template("main/home.html", urgent_contacts=urgent)


@bp.route("/jezyk", methods=["POST"])
@public
def language():
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    target = request.form.get("next", "")
    if not (target.startswith("/") and not target.startswith("//")):
        target = url_for("main.home")
    return redirect(target)


@bp.route("/zdrowie")
@public
def health():
    """For a load balancer or a monitoring check: answers without touching the database."""
    return {"status": "ok"}
