"""Log in, log out, change own password."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

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
from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.forms import ChangePasswordForm, LoginForm
from researcher.auth.models import ROLES
from researcher.auth.services import (
    AccountError,
    LockedOut,
    address_delay,
    authenticate,
    change_password,
    end_sessions,
)
from researcher.auth.throttle import ThrottlePolicy
from researcher.extensions import db

bp = Blueprint("auth", __name__)
_UNSAFE_IN_NEXT = re.compile(r"[\x00-\x20\x7f\\]")


def _policy() -> ThrottlePolicy:
    cfg = current_app.config
    return ThrottlePolicy(
        cfg["LOGIN_MAX_FAILURES"], cfg["LOGIN_LOCK_BASE_SECONDS"], cfg["LOGIN_LOCK_MAX_SECONDS"]
    )


def _safe_next(target: str | None) -> str:
    """`target` when it is a path on this site, else the start page.

    An open redirect after login would help phishing. Browsers drop tabs and newlines from
    URLs and read a backslash as a slash, so "/\t/evil.example" or "/\\evil.example" lead
    away: anything with control characters, whitespace or backslashes is refused, and what is
    left must parse as a path with neither scheme nor host.
    """
    if not target or _UNSAFE_IN_NEXT.search(target):
        return url_for("main.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or target.startswith("//"):
        return url_for("main.home")
    return target


@bp.route("/logowanie", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        policy = _policy()
        delay = address_delay(request.remote_addr, policy)
        try:
            user = authenticate(form.email.data, form.password.data, request.remote_addr, policy)
        except LockedOut as locked:
            form.form_errors.append(
                _(
                    "Zbyt wiele nieudanych prób logowania na to konto. Spróbuj ponownie za "
                    "%(s)d s.",
                    s=locked.seconds,
                )
            )
            status = 429
        else:
            if user:
                # Permanent (PERMANENT_SESSION_LIFETIME, a working day): closing the phone's
                # browser between villages must not force a new login before the next sync.
                session.permanent = True
                login_user(user)
                db.session.commit()
                return redirect(_safe_next(request.args.get("next")))
            form.form_errors.append(_("Nieprawidłowy e-mail lub hasło albo konto nieaktywne."))
            status = 401
        db.session.commit()  # the failure counts and the access log
        if delay:  # after the commit: a slowed answer never holds the database
            time.sleep(delay)
    return render_template("auth/login.html", form=form), status


@bp.route("/wyloguj", methods=["POST"])
@public
def logout():
    if current_user.is_authenticated:
        # Ends the account's sessions on every device: a copied cookie is worthless after.
        end_sessions(current_user)
        record_access(AccessAction.LOGOUT, current_user.id, "account", current_user.id)
        db.session.commit()
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
            # This session goes on; the others ended with the change.
            login_user(current_user._get_current_object())
            db.session.commit()
            flash(_("Hasło zostało zmienione. Inne urządzenia zostały wylogowane."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/password.html", form=form)
