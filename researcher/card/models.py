"""The service card (Karta usług i kryteriów dostępu), its rows and saved versions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.extensions import db, utcnow

CRITERIA = ("powszechnosc", "selekcyjne", "selekcyjne_gotowosc")
PROVIDERS = ("cus_ops", "gmina_inna", "ngo_pes", "powiat", "inny")

card_row_needs = Table(
    "card_row_needs",
    db.metadata,
    Column("row_id", ForeignKey("card_rows.id", ondelete="CASCADE"), primary_key=True),
    Column("need_id", ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True),
)


class ServiceCard(db.Model):
    __tablename__ = "service_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    # The NGO's name, printed in the title: "KARTA USŁUG I KRYTERIÓW DOSTĘPU ORGANIZACJI
    # POZARZĄDOWEJ <name>", as in the seed template.
    organisation_name: Mapped[str | None] = mapped_column(String(200))
    prepared_on: Mapped[date]
    prepared_by_name: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)  # number of the next saved version

    rows: Mapped[list[ServiceCardRow]] = relationship(
        back_populates="card", order_by="ServiceCardRow.position", cascade="all, delete-orphan"
    )
    versions: Mapped[list[ServiceCardVersion]] = relationship(
        order_by="ServiceCardVersion.number.desc()", cascade="all, delete-orphan"
    )


class ServiceCardRow(db.Model):
    __tablename__ = "card_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("service_cards.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(300))
    area: Mapped[str] = mapped_column(String(40))
    offered: Mapped[bool] = mapped_column(default=False)  # Dotychczas oferowane
    # Nowe do uruchomienia; None: left blank, as row 3 of the seed template (no default: the
    # ORM would put it in place of an explicit None).
    new: Mapped[bool | None]
    criterion: Mapped[str] = mapped_column(String(30))
    criterion_description: Mapped[str | None] = mapped_column(Text)
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    provider: Mapped[str | None] = mapped_column(String(30))
    justification: Mapped[str | None] = mapped_column(Text)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))

    card: Mapped[ServiceCard] = relationship(back_populates="rows")
    needs = relationship("Need", secondary=card_row_needs)


class ServiceCardVersion(db.Model):
    """A saved, unchangeable snapshot of the card (what was handed in, and when)."""

    __tablename__ = "card_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("service_cards.id", ondelete="CASCADE"))
    number: Mapped[int]
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    saved_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
