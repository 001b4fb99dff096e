"""The counts behind the reports, kept per slice of the data (see `reports.slices`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from researcher.extensions import db, utcnow
from researcher.reports.packed import PackedJSON


class ReportSlice(db.Model):
    """Every count of one campaign's visits and needs in one locality on one day ("D") or in
    the calendar month starting on `day` ("M").

    A cache: it can be emptied at any time and is rebuilt from `visits` and `needs`.
    `signature` says which state of those rows the counts were made from.
    """

    __tablename__ = "report_slices"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    locality_key: Mapped[int] = mapped_column(primary_key=True)  # locality id, 0 for none
    day: Mapped[date] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(1), primary_key=True)  # "D" | "M"
    signature: Mapped[str] = mapped_column(String(200))
    counts: Mapped[dict[str, Any]] = mapped_column(PackedJSON())
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class CampaignTally(db.Model):
    """One campaign's counts for the views across campaigns: visits, interviews, needs.

    Integer aggregates kept current like the report slices (`reports.rollups`): `signature`
    says which state of the campaign's visits and needs the counts below were made from.
    """

    __tablename__ = "campaign_tallies"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    signature: Mapped[str] = mapped_column(String(200))
    visits: Mapped[int] = mapped_column(default=0)
    interviews: Mapped[int] = mapped_column(default=0)
    needs: Mapped[int] = mapped_column(default=0)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class CampaignNeedCount(db.Model):
    """Needs of one campaign by effective area, urgency and met status (rejected ones left out)."""

    __tablename__ = "campaign_need_counts"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_tallies.campaign_id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    urgency: Mapped[str] = mapped_column(String(20), primary_key=True)
    met_status: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int]


class CampaignGroupCount(db.Model):
    """Needs of one campaign by effective area and target group (a need counts once per group)."""

    __tablename__ = "campaign_group_counts"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_tallies.campaign_id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    target_group: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int]
