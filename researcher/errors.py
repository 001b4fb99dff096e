"""Error pages in Polish for people, and one JSON error shape under /api/."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from researcher.access import is_api_request
from researcher.extensions import db


def api_error(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> Any:
    """The one error envelope of the API: {"error": {"code", "message", "fields"}}."""
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return jsonify(body), status


def _messages() -> dict[int, str]:
    return {
        400: _("Nieprawidłowe żądanie."),
        401: _("Zaloguj się, aby kontynuować."),
        403: _("Nie masz dostępu do tej strony."),
        404: _("Nie znaleziono strony."),
        405: _("Ta metoda nie jest tu dozwolona."),
        413: _("Przesłane dane są za duże."),
        429: _("Zbyt wiele żądań. Spróbuj ponownie za chwilę."),
        500: _("Wystąpił błąd serwera. Nic z zapisanych danych nie zostało utracone."),
    }


def _render(status: int, code: str, message: str | None = None) -> Any:
    text = message or _messages().get(status, _messages()[400])
    if is_api_request():
        return api_error(status, code, text)
    return render_template("errors/error.html", status=status, message=text), status


def _is_busy(error: OperationalError) -> bool:
    return "database is locked" in str(error) or "database is busy" in str(error)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(
            400, "csrf", _("Sesja formularza wygasła lub brak tokenu CSRF. Odśwież stronę.")
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        return _render(status, (error.name or "error").lower().replace(" ", "_"))

    @app.errorhandler(OperationalError)
    def database_error(error: OperationalError):
        db.session.rollback()
        if not _is_busy(error):
            app.logger.exception("Unhandled error", exc_info=error)
            return _render(500, "internal_error")
        # SQLite's write lock stayed taken beyond the busy timeout (many phones syncing at
        # once on a small server): nothing was stored, the client tries again shortly.
        app.logger.warning("database busy: %s", error)
        response, status = _render(
            503, "database_busy", _("Serwer jest chwilowo zajęty. Spróbuj ponownie za chwilę.")
        )
        response = app.make_response((response, status))
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error", exc_info=error)
        return _render(500, "internal_error")

    # Unhandled errors reach the generic handler above; keep Werkzeug's 500 routed there too.
    app.register_error_handler(InternalServerError, unexpected)
