"""Append-only access log. It names records by kind and id, never holds the personal data."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from researcher.codes import check_in
from researcher.extensions import db, utcnow


class AccessAction(StrEnum):
    CONTACT_READ = "contact_read"
    CODE_LOOKUP = "code_lookup"
    EXPORT = "export"
    RECORD_EXPORT = "record_export"
    ERASURE = "erasure"
    ACCOUNT_CHANGE = "account_change"
    PERMISSION_CHANGE = "permission_change"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOCKOUT = "lockout"
    LOGOUT = "logout"
    LOG_DOWNLOAD = "log_download"
    RIGHTS_REQUEST = "rights_request"
    RESTRICTION = "restriction"
    CONSENT_WITHDRAWAL = "consent_withdrawal"
    RETENTION = "retention"
    RECTIFICATION = "rectification"


ACTION_LABELS = {
    AccessAction.CONTACT_READ: _l("Odczyt danych kontaktowych"),
    AccessAction.CODE_LOOKUP: _l("Wyszukanie kodu respondenta"),
    AccessAction.EXPORT: _l("Eksport"),
    AccessAction.RECORD_EXPORT: _l("Eksport rekordów"),
    AccessAction.ERASURE: _l("Usunięcie danych"),
    AccessAction.ACCOUNT_CHANGE: _l("Zmiana konta"),
    AccessAction.PERMISSION_CHANGE: _l("Zmiana uprawnień"),
    AccessAction.LOGIN: _l("Logowanie"),
    AccessAction.LOGIN_FAILED: _l("Nieudane logowanie"),
    AccessAction.LOCKOUT: _l("Blokada konta"),
    AccessAction.LOGOUT: _l("Wylogowanie"),
    AccessAction.LOG_DOWNLOAD: _l("Pobranie dziennika dostępu"),
    AccessAction.RIGHTS_REQUEST: _l("Wniosek mieszkańca"),
    AccessAction.RESTRICTION: _l("Ograniczenie przetwarzania"),
    AccessAction.CONSENT_WITHDRAWAL: _l("Wycofanie zgody na dane o zdrowiu"),
    AccessAction.RETENTION: _l("Usunięcie danych po okresie przechowywania"),
    AccessAction.RECTIFICATION: _l("Sprostowanie odpowiedzi"),
}


class AccessLogEntry(db.Model):
    __tablename__ = "access_log"
    __table_args__ = (
        check_in("action", AccessAction, name="action_known"),
        Index("ix_access_log_at", "at"),
        Index("ix_access_log_actor_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # No foreign key: the log outlives the accounts and records it names.
    actor_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(40))
    target_kind: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


@event.listens_for(AccessLogEntry, "before_update")
def _no_edits(mapper, connection, target) -> None:
    raise PermissionError("The access log is append-only.")
