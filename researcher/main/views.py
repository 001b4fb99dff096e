"""Start page for each role, language switch, health check."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from researcher.access import allow, public
from researcher.auth.models import ROLES

bp = Blueprint("main", __name__)


@bp.route("/")
@allow(*ROLES)
def home():
    return render_template("main/home.html")


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
