"""Log in, log out, change own password."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from researcher.access import allow, public
from researcher.auth.forms import ChangePasswordForm, LoginForm
from researcher.auth.models import ROLES
from researcher.auth.services import AccountError, LockedOut, authenticate, change_password
from researcher.auth.throttle import ThrottlePolicy
from researcher.extensions import db

bp = Blueprint("auth", __name__)


def _policy() -> ThrottlePolicy:
    cfg = current_app.config
    return ThrottlePolicy(
        cfg["LOGIN_MAX_FAILURES"], cfg["LOGIN_LOCK_BASE_SECONDS"], cfg["LOGIN_LOCK_MAX_SECONDS"]
    )


def _safe_next(target: str | None) -> str:
    # Only local paths: an open redirect after login would help phishing.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("main.home")


@bp.route("/logowanie", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data, request.remote_addr, _policy())
        except LockedOut as locked:
            form.form_errors.append(
                _(
                    "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za %(s)d s.",
                    s=locked.seconds,
                )
            )
            status = 429
        else:
            db.session.commit()
            if user:
                # Permanent (PERMANENT_SESSION_LIFETIME, a working day): closing the phone's
                # browser between villages must not force a new login before the next sync.
                session.permanent = True
                login_user(user)
                return redirect(_safe_next(request.args.get("next")))
            form.form_errors.append(_("Nieprawidłowy e-mail lub hasło albo konto nieaktywne."))
            status = 401
    return render_template("auth/login.html", form=form), status


@bp.route("/wyloguj", methods=["POST"])
@public
def logout():
    logout_user()
    flash(_("Wylogowano."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/haslo", methods=["GET", "POST"])
@allow(*ROLES)
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(
                current_user,
                form.current.data,
                form.new.data,
                current_app.config["PASSWORD_MIN_LENGTH"],
            )
        except AccountError as error:
            form.current.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Hasło zostało zmienione."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/password.html", form=form)
