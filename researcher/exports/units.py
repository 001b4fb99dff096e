"""Recipients of the export: the CUS, or in an OPS gmina the unit responsible for each area.

In the OPS ("traditional") variant the 14-area tables are split by the gmina unit that takes
care of each area, so every unit receives the part that concerns it. Which unit does what
differs between gminas: the table below is the usual arrangement and can be replaced without
touching code by setting `EXPORTS_OPS_UNITS` in the config to a list of
`{"key", "name", "short", "areas": [area keys]}`. Areas no unit claims go to the last one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from researcher.reports.tables import CountTable

CUS_RECIPIENT = "Centrum Usług Społecznych (CUS)"
OPS_RECIPIENT = "Ośrodek Pomocy Społecznej (OPS) i jednostki partnerskie gminy"


@dataclass(frozen=True)
class Unit:
    """A gmina unit that receives the tables of its areas."""

    key: str
    name: str
    short: str  # for a spreadsheet tab (at most 31 characters)
    areas: tuple[str, ...]


#: The default area → unit table (DOMAIN §1.1 area keys). Configurable: EXPORTS_OPS_UNITS.
OPS_UNITS: tuple[Unit, ...] = (
    Unit(
        "ops",
        "Ośrodek Pomocy Społecznej (OPS)",
        "OPS",
        (
            "polityka_prorodzinna",
            "wspieranie_rodziny",
            "pomoc_spoleczna",
            "mieszkalnictwo",
            "potrzeba_materialna",
        ),
    ),  # fmt: skip
    Unit("edukacja", "Szkoły i oświata gminy", "Szkoły i edukacja", ("edukacja",)),
    Unit(
        "kultura",
        "Gminny ośrodek kultury (GOK) i biblioteka",
        "GOK i kultura",
        ("kultura", "aktywnosc_obywatelska"),
    ),
    Unit("zdrowie", "Ochrona zdrowia (gminne programy zdrowotne)", "Ochrona zdrowia", ("zdrowie",)),
    Unit("sport", "Ośrodek sportu i rekreacji (OSiR)", "OSiR i sport", ("sport_turystyka",)),
    Unit(
        "powiat",
        "Powiatowy urząd pracy (PUP) i powiatowe centrum pomocy rodzinie (PCPR)",
        "PUP i PCPR",
        ("bezrobocie", "reintegracja", "niepelnosprawnosc", "piecza_zastepcza"),
    ),
    Unit(
        "urzad",
        "Urząd gminy (ochrona środowiska i sprawy spoza usług społecznych)",
        "Urząd gminy",
        ("srodowisko", "poza_zakresem"),
    ),
)


def ops_units(config: Mapping[str, Any]) -> tuple[Unit, ...]:
    """The configured units (EXPORTS_OPS_UNITS), or the default table."""
    configured = config.get("EXPORTS_OPS_UNITS")
    if not configured:
        return OPS_UNITS
    return tuple(
        Unit(u["key"], u["name"], u.get("short") or u["name"][:31], tuple(u["areas"]))
        for u in configured
    )


def split_by_unit(table: CountTable, units: Sequence[Unit]) -> list[tuple[Unit, CountTable]]:
    """The rows (areas) of `table` that each unit is responsible for, as separate tables.

    Valid for tables whose rows are mutually exclusive (each need has one area): a unit's
    column totals are then the sums of its rows, and its total the sum of its row totals.
    Each part is published (suppressed) on its own, so its totals protect its own cells.
    Units without rows in the table are left out.
    """
    claimed = {area for unit in units for area in unit.areas}
    parts = []
    for index, unit in enumerate(units):
        last = index == len(units) - 1
        picked = [
            r
            for r, key in enumerate(table.rows)
            if key in unit.areas or (last and key not in claimed)
        ]
        if picked:
            parts.append((unit, subset_rows(table, picked, f"{table.key}__{unit.key}")))
    return parts


def subset_rows(table: CountTable, picked: Sequence[int], key: str) -> CountTable:
    """The rows `picked` of a table with mutually exclusive rows, with totals recomputed."""
    counts = [list(table.counts[r]) for r in picked]
    row_totals = (
        [table.row_totals[r] for r in picked] if table.row_totals else [sum(row) for row in counts]
    )
    return CountTable(
        key=key,
        title=table.title,
        unit=table.unit,
        row_header=table.row_header,
        rows=[table.rows[r] for r in picked],
        row_labels=[table.row_labels[r] for r in picked],
        columns=list(table.columns),
        column_labels=list(table.column_labels),
        counts=counts,
        row_totals=row_totals if table.row_totals else [],
        column_totals=[sum(row[c] for row in counts) for c in range(len(table.columns))],
        total=sum(row_totals),
        multi_valued=table.multi_valued,
        sensitive=table.sensitive,
    )
