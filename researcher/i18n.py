"""Which language a request is shown in: the user's choice, else Polish."""

from __future__ import annotations

from flask import current_app, has_request_context, session


def select_locale() -> str:
    # CLI commands have no request (and no session): they speak the default language.
    lang = session.get("lang") if has_request_context() else None
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]
