"""The residents' summary's public link, switched on and off per campaign by the NGO."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from researcher.extensions import db, utcnow


class PublicSummary(db.Model):
    __tablename__ = "public_summaries"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    # Unguessable: the link is shared on purpose, never found by counting campaign ids.
    token: Mapped[str] = mapped_column(String(43), unique=True)
    enabled: Mapped[bool] = mapped_column(default=False)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


def new_token() -> str:
    return secrets.token_urlsafe(24)
