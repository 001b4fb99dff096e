"""Requests a resident made about their data, the erasure register, and retention runs."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from researcher.codes import check_in
from researcher.extensions import db, utcnow


class RequestKind(StrEnum):
    ACCESS = "dostep"  # art. 15, and a copy to take away (art. 20)
    RECTIFICATION = "sprostowanie"  # art. 16
    ERASURE = "usuniecie"  # art. 17
    RESTRICTION = "ograniczenie"  # art. 18
    WITHDRAW_HEALTH = "wycofanie_zgody_a4"  # art. 7(3) of the A4 consent (art. 9 data)


REQUEST_KIND_LABELS = {
    RequestKind.ACCESS: _l("Dostęp do danych i kopia (art. 15, 20)"),
    RequestKind.RECTIFICATION: _l("Sprostowanie (art. 16)"),
    RequestKind.ERASURE: _l("Usunięcie danych (art. 17)"),
    RequestKind.RESTRICTION: _l("Ograniczenie przetwarzania (art. 18)"),
    RequestKind.WITHDRAW_HEALTH: _l("Wycofanie zgody na dane o zdrowiu (A4, art. 7 ust. 3)"),
}


class RequestStatus(StrEnum):
    OPEN = "otwarty"
    DONE = "zalatwiony"
    REFUSED = "odmowa"


REQUEST_STATUS_LABELS = {
    RequestStatus.OPEN: _l("otwarty"),
    RequestStatus.DONE: _l("załatwiony"),
    RequestStatus.REFUSED: _l("odmowa"),
}


class RightsRequest(db.Model):
    """One request: when it came, by when it must be answered (art. 12(3)), how it ended.

    `respondent_code` is kept while the request is handled and cleared by an erasure; the
    salted `code_hash` stays, so a later request with the same code can be matched to it.
    """

    __tablename__ = "rights_requests"
    __table_args__ = (
        check_in("kind", RequestKind, name="kind_known"),
        check_in("status", RequestStatus, name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default=RequestStatus.OPEN)
    respondent_code: Mapped[str | None] = mapped_column(String(12))
    code_hash: Mapped[str] = mapped_column(String(64), index=True)
    received_on: Mapped[date]
    due_on: Mapped[date]
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ErasureRecord(db.Model):
    """Proof that an erasure happened, holding no data: a salted hash, when, who, counts."""

    __tablename__ = "erasure_register"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), index=True)
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("rights_requests.id", ondelete="SET NULL")
    )
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RetentionRun(db.Model):
    """One run of `flask retention run`: when, dry or applied, and what each rule counted."""

    __tablename__ = "retention_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(default=utcnow)
    applied: Mapped[bool] = mapped_column(default=False)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Rectification(db.Model):
    """One answer corrected at a resident's request (art. 16): which visit and answer, the
    revision it made, who, when, and the request. Holds no text: the earlier wording is in
    `visit_versions`, the new one in the visit."""

    __tablename__ = "rectifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"),
                                          index=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("rights_requests.id", ondelete="SET NULL")
    )
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    path: Mapped[str] = mapped_column(String(80))
    from_revision: Mapped[int]
    to_revision: Mapped[int]
