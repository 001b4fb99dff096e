"""Analysis runs, their themes and which need belongs to which theme."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.codes import check_in
from researcher.extensions import db, utcnow


class RunStatus(StrEnum):
    WAITING = "oczekuje"
    RUNNING = "trwa"
    READY = "gotowa"
    FAILED = "blad"


RUN_STATUS_LABELS = {
    RunStatus.WAITING: _l("Oczekuje"),
    RunStatus.RUNNING: _l("Trwa"),
    RunStatus.READY: _l("Gotowa"),
    RunStatus.FAILED: _l("Błąd"),
}


class AnalysisRun(db.Model):
    """One clustering of a campaign's needs, with everything needed to reproduce it."""

    __tablename__ = "analysis_runs"
    __table_args__ = (check_in("status", RunStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default=RunStatus.WAITING)
    progress: Mapped[int] = mapped_column(default=0)  # percent, for the progress indication
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seed: Mapped[int] = mapped_column(default=0)
    k: Mapped[int | None]
    n_needs: Mapped[int] = mapped_column(default=0)
    n_unassigned: Mapped[int] = mapped_column(default=0)
    stability: Mapped[float | None]
    timings: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)

    themes: Mapped[list[Theme]] = relationship(
        back_populates="run", order_by="Theme.size.desc()", cascade="all, delete-orphan"
    )


class Theme(db.Model):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_runs.id", ondelete="CASCADE"))
    number: Mapped[int]  # the cluster label within the run
    label: Mapped[str] = mapped_column(String(200))  # made by the analysis
    name: Mapped[str | None] = mapped_column(String(200))  # given by the manager
    top_terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    typical_need_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    size: Mapped[int] = mapped_column(default=0)
    dominant_area: Mapped[str | None] = mapped_column(String(40))
    # What explains the theme (`analysis.themes.Theme`): "phrases" (its distinguishing phrases),
    # "agreement" (share of consensus runs that kept its needs together) and
    # "uncertain_need_ids" (members far from its centre, "niepewne").
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reviewed: Mapped[bool] = mapped_column(default=False)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The reviewed theme of an earlier run this one continues (names and decisions carried on).
    continues_theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"))

    run: Mapped[AnalysisRun] = relationship(back_populates="themes")

    @property
    def display_name(self) -> str:
        return self.name or self.label


class ThemeAssignment(db.Model):
    """Which theme of a run a need belongs to (theme None = "nieprzypisane")."""

    __tablename__ = "theme_assignments"
    __table_args__ = (UniqueConstraint("run_id", "need_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_runs.id", ondelete="CASCADE"))
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    score: Mapped[float | None]
    manual: Mapped[bool] = mapped_column(default=False)  # moved by the manager
    late: Mapped[bool] = mapped_column(default=False)  # synced after the run, placed by nearest


class NeedVector(db.Model):
    """A need's dense sentence vector (optional extra), computed once and kept.

    `text_hash` ties it to the description it was computed from: a corrected description gets
    a new vector, an unchanged one never does.
    """

    __tablename__ = "need_vectors"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(60))
    text_hash: Mapped[str] = mapped_column(String(64))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, unit length
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
