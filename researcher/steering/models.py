"""Steering a round: who goes where (assignments), how many interviews a locality needs
(targets), and a manager's questions about one visit (review threads)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.auth.models import User
from researcher.codes import check_in
from researcher.extensions import db, utcnow


class LocalityTarget(db.Model):
    """How many completed interviews a campaign wants in one locality."""

    __tablename__ = "locality_targets"
    __table_args__ = (CheckConstraint("interviews >= 0", name="interviews_not_negative"),)

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    locality_id: Mapped[int] = mapped_column(
        ForeignKey("localities.id", ondelete="CASCADE"), primary_key=True
    )
    interviews: Mapped[int]


class LocalityAssignment(db.Model):
    """A researcher sent to a locality in a campaign (a locality may have several)."""

    __tablename__ = "locality_assignments"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    locality_id: Mapped[int] = mapped_column(
        ForeignKey("localities.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ReviewStatus(StrEnum):
    """A manager's question about a visit: open until the manager closes it."""

    OPEN = "do_wyjasnienia"
    CLOSED = "zamkniete"


REVIEW_STATUS_LABELS = {
    ReviewStatus.OPEN: _l("Do wyjaśnienia"),
    ReviewStatus.CLOSED: _l("Zamknięte"),
}


class VisitReview(db.Model):
    """A "do wyjaśnienia" thread on one visit: the manager's comment, the revision it was
    about, and its closing. The researcher answers by sending a corrected revision."""

    __tablename__ = "visit_reviews"
    __table_args__ = (check_in("status", ReviewStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=ReviewStatus.OPEN)
    comment: Mapped[str] = mapped_column(Text)
    revision: Mapped[int]  # the visit's revision the comment is about
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None]
    closing_comment: Mapped[str | None] = mapped_column(Text)

    opened_by: Mapped[User] = relationship(foreign_keys=[opened_by_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
