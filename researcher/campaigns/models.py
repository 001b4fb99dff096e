"""Campaigns and the researchers assigned to them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.auth.models import User
from researcher.codes import check_in
from researcher.extensions import db, utcnow
from researcher.gminas.models import Gmina


class CampaignStatus(StrEnum):
    PLANNED = "planowana"
    ACTIVE = "aktywna"  # researchers see only active campaigns in the field app
    ENDED = "zakonczona"


CAMPAIGN_STATUS_LABELS = {
    CampaignStatus.PLANNED: _l("Planowana"),
    CampaignStatus.ACTIVE: _l("Aktywna"),
    CampaignStatus.ENDED: _l("Zakończona"),
}

campaign_researchers = Table(
    "campaign_researchers",
    db.metadata,
    Column("campaign_id", ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Campaign(db.Model):
    __tablename__ = "campaigns"
    __table_args__ = (check_in("status", CampaignStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    gmina_code: Mapped[str] = mapped_column(ForeignKey("gminas.code"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default=CampaignStatus.PLANNED)
    questionnaire_version: Mapped[str] = mapped_column(String(20))
    # The demo campaign is open to every researcher; real ones list their researchers.
    open_to_all_researchers: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when closing the campaign anonymised its interviews (keys and free text dropped).
    anonymised_at: Mapped[datetime | None]

    gmina: Mapped[Gmina] = relationship()
    researchers: Mapped[list[User]] = relationship(
        secondary=campaign_researchers, order_by="User.email"
    )
