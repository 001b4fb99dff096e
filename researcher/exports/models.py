"""Every export: a job with progress and a file to download, and its log entry."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from researcher.codes import check_in
from researcher.extensions import db, utcnow


class ExportStatus(StrEnum):
    WAITING = "oczekuje"
    RUNNING = "trwa"
    READY = "gotowy"
    FAILED = "blad"


EXPORT_STATUS_LABELS = {
    ExportStatus.WAITING: _l("Oczekuje"),
    ExportStatus.RUNNING: _l("Trwa"),
    ExportStatus.READY: _l("Gotowy"),
    ExportStatus.FAILED: _l("Błąd"),
}


class ExportJob(db.Model):
    """Who exported what, when, with which suppression setting; and the file when ready."""

    __tablename__ = "exports"
    __table_args__ = (check_in("status", ExportStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: command line
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    kind: Mapped[str] = mapped_column(String(20))  # diagnosis | card
    variant: Mapped[str | None] = mapped_column(String(10))  # cus | ops
    format: Mapped[str] = mapped_column(String(10))  # xlsx docx pdf csv json
    k: Mapped[int]  # the minimum cell count used for suppression
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default=ExportStatus.WAITING)
    progress: Mapped[int] = mapped_column(default=0)
    filename: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
