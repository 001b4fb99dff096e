"""The manager's review of a campaign's service-type (D3) groups."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from researcher.extensions import db, utcnow


class ServiceTypeReview(db.Model):
    """One per campaign: each reviewed wording's group, and whether the manager approved it.

    `groups` maps a wording's key (`grouping.wording_key`, a hash: the residents' text is not
    copied here) to its group's name, "" meaning "inne". The diagnosis uses the review only
    once approved; saving again withdraws the approval until the manager approves anew.
    """

    __tablename__ = "service_type_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), unique=True
    )
    groups: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
