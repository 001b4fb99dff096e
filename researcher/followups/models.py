"""A follow-up of one need whose respondent asked to be contacted, and its status changes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.auth.models import User
from researcher.codes import check_in
from researcher.extensions import db, utcnow
from researcher.interviews.models import Need


class FollowupStatus(StrEnum):
    TO_CONTACT = "do_kontaktu"
    IN_CONTACT = "w_kontakcie"
    REFERRED = "skierowana"
    MET = "zaspokojona"
    PARTLY_MET = "czesciowo"
    NOT_MET = "niezaspokojona"
    REFUSED = "odmowa"
    NO_CONTACT = "brak_kontaktu"


FOLLOWUP_STATUS_LABELS = {
    FollowupStatus.TO_CONTACT: _l("Do kontaktu"),
    FollowupStatus.IN_CONTACT: _l("W kontakcie"),
    FollowupStatus.REFERRED: _l("Skierowana"),
    FollowupStatus.MET: _l("Zaspokojona"),
    FollowupStatus.PARTLY_MET: _l("Zaspokojona częściowo"),
    FollowupStatus.NOT_MET: _l("Niezaspokojona"),
    FollowupStatus.REFUSED: _l("Odmowa"),
    FollowupStatus.NO_CONTACT: _l("Brak kontaktu"),
}

#: Outcomes: a follow-up in one of these is closed and its contact data's retention starts.
CLOSED = frozenset(
    {
        FollowupStatus.MET,
        FollowupStatus.PARTLY_MET,
        FollowupStatus.NOT_MET,
        FollowupStatus.REFUSED,
        FollowupStatus.NO_CONTACT,
    }
)

#: The only moves allowed (DOMAIN A5): do kontaktu → w kontakcie → skierowana → an outcome.
#: A resident may refuse or be unreachable at any open step; a closed follow-up stays closed.
TRANSITIONS: dict[FollowupStatus, frozenset[FollowupStatus]] = {
    FollowupStatus.TO_CONTACT: frozenset(
        {FollowupStatus.IN_CONTACT, FollowupStatus.REFUSED, FollowupStatus.NO_CONTACT}
    ),
    FollowupStatus.IN_CONTACT: frozenset({FollowupStatus.REFERRED} | CLOSED),
    FollowupStatus.REFERRED: frozenset({FollowupStatus.IN_CONTACT} | CLOSED),
    **{status: frozenset() for status in CLOSED},
}


class Followup(db.Model):
    """One need's follow-up. Created when someone first acts on a need of the queue."""

    __tablename__ = "followups"
    __table_args__ = (
        check_in("status", FollowupStatus, name="status_known"),
        Index("ix_followups_assigned_status", "assigned_to_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=FollowupStatus.TO_CONTACT)
    assigned_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # The contact data's retention clock (DOMAIN §3.6) starts here.
    closed_at: Mapped[datetime | None]

    need: Mapped[Need] = relationship()
    assigned_to: Mapped[User | None] = relationship()
    events: Mapped[list[FollowupEvent]] = relationship(
        back_populates="followup",
        order_by="FollowupEvent.at.desc(), FollowupEvent.id.desc()",
        cascade="all, delete-orphan",
    )

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED


class FollowupEvent(db.Model):
    """One change of a follow-up: date, person, short note (no contact data in it)."""

    __tablename__ = "followup_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(
        ForeignKey("followups.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    followup: Mapped[Followup] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()
