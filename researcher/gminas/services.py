"""Load the official TERC list, look gminas up, manage their localities."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, or_

from researcher.extensions import db
from researcher.gminas.models import LOCALITY_KINDS, Gmina, Locality

#: The copy shipped with the project (source in data/teryt/SOURCE.md).
TERC_FILE = Path(__file__).resolve().parents[2] / "data" / "teryt" / "TERC_Urzedowy_2025-11-18.csv"
GMINA_RODZ = {"1", "2", "3"}


class GminaError(Exception):
    """A rule about gminas or localities was broken; the message is for the user."""


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def read_terc(path: Path) -> Iterator[dict[str, str]]:
    """Gmina rows of a TERC CSV (UTF-8 with or without BOM, `;`), with names resolved."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    voivodeships = {r["WOJ"]: r["NAZWA"].lower() for r in rows if not r["POW"]}
    powiaty = {(r["WOJ"], r["POW"]): r["NAZWA"] for r in rows if r["POW"] and not r["GMI"]}
    for r in rows:
        if r["RODZ"] in GMINA_RODZ and r["GMI"]:
            yield {
                "code": r["WOJ"] + r["POW"] + r["GMI"],
                "terc": r["WOJ"] + r["POW"] + r["GMI"] + r["RODZ"],
                "rodz": r["RODZ"],
                "name": r["NAZWA"],
                "kind": r["NAZWA_DOD"],
                "powiat": powiaty[(r["WOJ"], r["POW"])],
                "wojewodztwo": voivodeships[r["WOJ"]],
                "state_on": r["STAN_NA"],
            }


def load_gminas(path: Path = TERC_FILE) -> LoadReport:
    """Insert or update every gmina of the file; running it twice changes nothing."""
    existing = {g.code: g for g in db.session.scalars(db.select(Gmina))}
    created = updated = unchanged = 0
    for row in read_terc(path):
        gmina = existing.get(row["code"])
        if gmina is None:
            db.session.add(Gmina(**row))
            created += 1
        elif any(getattr(gmina, k) != v for k, v in row.items()):
            for key, value in row.items():
                setattr(gmina, key, value)
            updated += 1
        else:
            unchanged += 1
    db.session.flush()
    return LoadReport(created, updated, unchanged)


def find_gmina(code: str) -> Gmina | None:
    """A gmina by its 7-digit TERC code or its 6-digit WOJ+POW+GMI key."""
    code = code.strip()
    if len(code) == 7:
        return db.session.scalar(db.select(Gmina).where(Gmina.terc == code))
    if len(code) == 6:
        return db.session.get(Gmina, code)
    return None


def search_gminas(query: str, limit: int = 50) -> list[Gmina]:
    query = query.strip()
    if not query:
        return []
    # SQLite's lower() knows only ASCII, so also try the name as typed and capitalised (Łódź).
    variants = {query, query.lower(), query[:1].upper() + query[1:].lower()}
    stmt = (
        db.select(Gmina)
        .where(
            or_(
                *(Gmina.name.like(f"%{v}%") for v in variants),
                func.lower(Gmina.name).like(f"%{query.lower()}%"),
                Gmina.terc.startswith(query),
            )
        )
        .order_by(Gmina.name, Gmina.terc)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def add_locality(gmina: Gmina, name: str, kind: str, simc: str | None = None) -> Locality:
    name = " ".join(name.split())
    if kind not in LOCALITY_KINDS:
        raise GminaError(_("Nieznany rodzaj obszaru."))
    if not name:
        raise GminaError(_("Podaj nazwę."))
    duplicate = db.session.scalar(
        db.select(Locality).filter_by(gmina_code=gmina.code, name=name, kind=kind)
    )
    if duplicate:
        raise GminaError(_("Taki obszar już istnieje w tej gminie."))
    locality = Locality(gmina_code=gmina.code, name=name, kind=kind, simc=simc or None)
    db.session.add(locality)
    db.session.flush()
    return locality
