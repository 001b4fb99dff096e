"""Flask-Login wiring: loading the user, and what an anonymous request gets."""

from __future__ import annotations

from flask import Flask, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from researcher.access import is_api_request
from researcher.auth.models import User
from researcher.errors import api_error
from researcher.extensions import db, login_manager


def load_user(session_id: str) -> User | None:
    """The account of a session cookie, if the cookie's session version is still current."""
    user_id, _sep, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None  # a cookie from before session versions, or forged: log in again
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.session_version == int(version) else None


def unauthorized():
    # The offline page's sync calls must get JSON 401, never a redirect to an HTML login page.
    if is_api_request():
        return api_error(401, "unauthorized", str(login_manager.login_message))
    flash(str(login_manager.login_message), "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Zaloguj się, aby kontynuować.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(unauthorized)
