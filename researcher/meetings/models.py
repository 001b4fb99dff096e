"""A meeting with a group of residents: when, where, what kind, who came (rough age bands).

Its participants are not respondents: no one was interviewed, so they never enter the
respondent counts; the needs raised there are needs of the channel "spotkanie", each with
the number of participants who voiced it.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.codes import check_in
from researcher.extensions import db, utcnow
from researcher.gminas.models import Locality
from researcher.interviews.models import Need


class MeetingKind(StrEnum):
    VILLAGE = "zebranie"
    SENIORS = "seniorzy"
    PARENTS = "rodzice"
    SUPPORT_GROUP = "grupa_wsparcia"
    CONSULTATION = "konsultacje"
    OTHER = "inne"


MEETING_KIND_LABELS = {
    MeetingKind.VILLAGE: _l("Zebranie wiejskie / osiedlowe"),
    MeetingKind.SENIORS: _l("Klub lub grupa seniorów"),
    MeetingKind.PARENTS: _l("Grupa rodziców"),
    MeetingKind.SUPPORT_GROUP: _l("Grupa wsparcia / samopomocowa"),
    MeetingKind.CONSULTATION: _l("Spotkanie konsultacyjne"),
    MeetingKind.OTHER: _l("Inne spotkanie"),
}

#: Rough age bands of participants, counted by eye: band → label.
AGE_BANDS = {
    "ponizej_18": _l("Poniżej 18 lat"),
    "18_29": _l("18–29 lat"),
    "30_59": _l("30–59 lat"),
    "60_74": _l("60–74 lata"),
    "75_plus": _l("75 lat i więcej"),
    "nieznany": _l("Wiek nieznany"),
}


class Meeting(db.Model):
    __tablename__ = "meetings"
    __table_args__ = (check_in("kind", MeetingKind, name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)  # made on the phone or here
    revision: Mapped[int] = mapped_column(default=1)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"))
    held_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(30))
    organiser: Mapped[str] = mapped_column(String(200))
    participants: Mapped[dict[str, int]] = mapped_column(JSON)  # age band → number
    participants_total: Mapped[int]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[str | None] = mapped_column(String(36))  # None: entered on the panel
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    campaign: Mapped[Campaign] = relationship()
    locality: Mapped[Locality | None] = relationship()
    recorded_by: Mapped[User] = relationship()
    needs: Mapped[list[Need]] = relationship(
        order_by="Need.position", cascade="all, delete-orphan", passive_deletes=True
    )
