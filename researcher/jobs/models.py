"""A background job: what to run (kind, params), how far it got, and who holds it (lease)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from researcher.codes import check_in
from researcher.extensions import db, utcnow


class JobStatus(StrEnum):
    WAITING = "oczekuje"
    RUNNING = "trwa"
    DONE = "gotowe"
    FAILED = "blad"


JOB_STATUS_LABELS = {
    JobStatus.WAITING: _l("Oczekuje"),
    JobStatus.RUNNING: _l("Trwa"),
    JobStatus.DONE: _l("Gotowe"),
    JobStatus.FAILED: _l("Błąd"),
}
UNFINISHED = (JobStatus.WAITING, JobStatus.RUNNING)


class Job(db.Model):
    """One unit of background work. A worker holds it while `lease_until` is in the future."""

    __tablename__ = "jobs"
    __table_args__ = (check_in("status", JobStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # a key of jobs.kinds.KINDS
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default=JobStatus.WAITING, index=True)
    progress: Mapped[int] = mapped_column(default=0)  # percent
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)  # claims so far, the current one included
    worker: Mapped[str | None] = mapped_column(String(200))  # host:pid:thread of the holder
    lease_until: Mapped[datetime | None]  # past this, the holder is presumed dead
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
