"""Gminas (TERC) and their localities."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.extensions import db

LOCALITY_KINDS = ("miejscowosc", "solectwo", "osiedle")


class Gmina(db.Model):
    """A gmina, keyed on WOJ+POW+GMI because RODZ changes when a village gets town rights."""

    __tablename__ = "gminas"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)  # WOJ+POW+GMI
    terc: Mapped[str] = mapped_column(String(7), unique=True)  # WOJ+POW+GMI+RODZ
    rodz: Mapped[str] = mapped_column(String(1))
    name: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(60))  # NAZWA_DOD, e.g. "gmina wiejska"
    powiat: Mapped[str] = mapped_column(String(100))
    wojewodztwo: Mapped[str] = mapped_column(String(60))
    state_on: Mapped[str] = mapped_column(String(10))  # STAN_NA of the loaded file

    localities: Mapped[list[Locality]] = relationship(
        back_populates="gmina", order_by="Locality.name"
    )

    @property
    def display_name(self) -> str:
        """Names repeat (Bolesławiec miejska and wiejska), so always name powiat and województwo."""
        return f"gmina {self.name} (powiat {self.powiat}, woj. {self.wojewodztwo})"


class Locality(db.Model):
    """A miejscowość, sołectwo or osiedle of a gmina, added by an admin."""

    __tablename__ = "localities"
    __table_args__ = (UniqueConstraint("gmina_code", "name", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gmina_code: Mapped[str] = mapped_column(ForeignKey("gminas.code"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="miejscowosc")
    simc: Mapped[str | None] = mapped_column(String(7))

    gmina: Mapped[Gmina] = relationship(back_populates="localities")
