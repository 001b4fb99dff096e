"""A recommendation of the Menedżer US and the evidence it rests on."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.codes import check_in
from researcher.extensions import db, utcnow


class EvidenceKind(StrEnum):
    THEME = "temat"  # a theme of the needs analysis: its number of needs
    AREA = "obszar"  # the needs of one of the 14 areas
    CARD_ROW = "karta"  # a row of the service card: the needs linked to it
    GAP = "luka"  # the universality gap in an area (D12 for everyone, D9 not meeting criteria)


EVIDENCE_LABELS = {
    EvidenceKind.THEME: _l("Temat potrzeb"),
    EvidenceKind.AREA: _l("Liczba potrzeb w obszarze"),
    EvidenceKind.CARD_ROW: _l("Wiersz karty usług"),
    EvidenceKind.GAP: _l("Luka: powszechność a kryteria"),
}


class Recommendation(db.Model):
    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    evidence: Mapped[list[RecommendationEvidence]] = relationship(
        cascade="all, delete-orphan", order_by="RecommendationEvidence.id"
    )


class RecommendationEvidence(db.Model):
    __tablename__ = "recommendation_evidence"
    __table_args__ = (check_in("kind", EvidenceKind, name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(String(64))  # theme id, area key, card row id

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.ref}"
