"""The view across campaigns: campaigns (or powiats, voivodeships) side by side, and roll-ups.

An organisation with campaigns in several gminas compares them side by side; an umbrella
deployment (a regional or national programme) sees each voivodeship, and the voivodeship and
country totals of area × urgency, area × target group and met status. Every table goes through
the same disclosure control as the dashboard (k, secondary suppression): a unit of a
side-by-side table is one row of a two-dimensional table, never a sub-gmina breakdown.

The counts come from the integer rows kept per campaign (`reports.rollups`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from forms.questionnaire import CURRENT_VERSION, get_questionnaire
from forms.vocabulary import N_
from researcher.campaigns.models import Campaign
from researcher.campaigns.picker import label
from researcher.dashboard.services import Figure
from researcher.extensions import db
from researcher.gminas.models import Gmina
from researcher.reports.aggregates import AREA_OPTIONS, need_tables
from researcher.reports.charts import bar_chart
from researcher.reports.disclosure import disclosure_note, publish, publish_count
from researcher.reports.rollups import (
    CAMPAIGN,
    POWIAT,
    PREFIX_LENGTH,
    VOIVODESHIP,
    Scope,
    refresh,
    rollup,
)
from researcher.reports.tables import Cell, CountTable, PublishedTable

#: Up to this many campaigns in scope they are shown side by side; beyond, the country view
#: shows voivodeships and a voivodeship its powiats (choose one to see its campaigns): secondary
#: suppression of a table of 300 campaigns took a minute, and no one reads it.
SIDE_BY_SIDE_LIMIT = 60
CACHE_SIZE = 32
#: (data version, k, row labels) → published tables; kept per process, oldest dropped first.
_PUBLISHED: dict[tuple, tuple[list[PublishedTable], list[PublishedTable]]] = {}
ROLLUP_TABLES = ("needs_by_area", "area_by_urgency", "area_by_target_group", "area_by_met_status")


@dataclass(frozen=True)
class Across:
    """Everything the page shows for one scope."""

    k: int
    note: str
    unit: str  # CAMPAIGN | POWIAT | VOIVODESHIP
    units: int
    interviews: Cell
    needs: Cell
    side_by_side: list[Figure]
    rollups: list[Figure]


def voivodeships() -> list[tuple[str, str]]:
    """(two-digit TERC code, name) of every voivodeship with a gmina loaded."""
    code = func.substr(Gmina.code, 1, 2)
    query = select(code, func.min(Gmina.wojewodztwo)).group_by(code).order_by(code)
    return [(c, name) for c, name in db.session.execute(query)]


def powiats(voivodeship: str | None) -> list[tuple[str, str]]:
    """(four-digit TERC code, name) of the powiats of a voivodeship, by name."""
    if not voivodeship:
        return []
    code = func.substr(Gmina.code, 1, 4)
    query = (
        select(code, func.min(Gmina.powiat))
        .where(Gmina.code.startswith(voivodeship, autoescape=True))
        .group_by(code)
        .order_by(func.min(Gmina.powiat), code)
    )
    return [(c, name) for c, name in db.session.execute(query)]


def _unit_of(scope: Scope, campaigns: int) -> str:
    if campaigns <= SIDE_BY_SIDE_LIMIT or (scope.prefix and len(scope.prefix) >= 4):
        return CAMPAIGN
    return POWIAT if scope.prefix else VOIVODESHIP


def _units(scope: Scope, unit: str) -> list[tuple[object, str]]:
    if unit == VOIVODESHIP:
        return list(voivodeships())
    if unit == POWIAT:
        return powiats(scope.prefix[: PREFIX_LENGTH[VOIVODESHIP]])
    campaigns = db.session.scalars(
        select(Campaign)
        .join(Campaign.gmina)
        .options(contains_eager(Campaign.gmina))  # one statement, whatever the number
        .where(*scope.conditions())
        .order_by(Gmina.name, Campaign.starts_on.desc(), Campaign.id)
    ).unique()
    return [(c.id, label(c)) for c in campaigns]


def _options(question: str) -> list[tuple[str, str]]:
    questionnaire = get_questionnaire(CURRENT_VERSION)
    return [(o.key, o.label) for o in questionnaire.questions_by_key[question].options]


def _by_unit(
    key: str,
    title: str,
    header: str,
    units: list[tuple[object, str]],
    columns: list[tuple[str, str]],
    counts: Counter,
) -> CountTable:
    """Units (rows) × `columns`, with every key found in the data kept (older versions)."""
    known = {c for c, _ in columns}
    extra = sorted({c for (_, c) in counts if c not in known})
    columns = [*columns, *((c, c) for c in extra)]
    rows = [[counts.get((u, c), 0) for c, _ in columns] for u, _ in units]
    return CountTable(
        key=key, title=title, unit=N_("potrzeby"), row_header=header,
        rows=[str(u) for u, _ in units], row_labels=[name for _, name in units],
        columns=[c for c, _ in columns], column_labels=[name for _, name in columns],
        counts=rows, row_totals=[sum(r) for r in rows],
        column_totals=[sum(r[i] for r in rows) for i in range(len(columns))],
        total=sum(map(sum, rows)),
    )  # fmt: skip


@dataclass(frozen=True)
class AcrossTables:
    """The counts of one scope as `CountTable`s, before disclosure control."""

    version: str  # of the counts (`rollups.refresh`)
    unit: str  # CAMPAIGN | POWIAT | VOIVODESHIP
    units: int
    interviews: int
    needs: int
    side_by_side: list[CountTable]
    rollups: list[CountTable]


def count_tables(scope: Scope) -> AcrossTables:
    """Bring the counts of `scope` up to date and lay them out as tables.

    Commits (through `rollups.refresh`): call it with no unsaved changes.
    """
    version = refresh(scope).version
    campaigns = db.session.scalar(
        select(func.count()).select_from(Campaign).where(*scope.conditions())
    )
    unit = _unit_of(scope, campaigns)
    counted = rollup(scope, unit)
    units = _units(scope, unit)
    header = {CAMPAIGN: N_("Kampania"), POWIAT: N_("Powiat"), VOIVODESHIP: N_("Województwo")}[unit]
    area, urgency, met = Counter(), Counter(), Counter()
    for (u, a, urg, m), n in counted.needs.items():
        area[(u, a)] += n
        urgency[(u, urg)] += n
        met[(u, m)] += n
    interviews = sum(counted.interviews.values())
    by_interviews = CountTable(
        key="interviews_by_unit", title=N_("Wywiady"), unit=N_("wywiady"), row_header=header,
        rows=[str(u) for u, _ in units], row_labels=[name for _, name in units],
        columns=["n"], column_labels=[N_("Liczba")],
        counts=[[counted.interviews.get(u, 0)] for u, _ in units],
        column_totals=[interviews], total=interviews,
    )  # fmt: skip
    side = [
        by_interviews,
        _by_unit("unit_by_area", N_("Potrzeby według obszaru"), header, units,
                 AREA_OPTIONS, area),
        _by_unit("unit_by_urgency", N_("Potrzeby według pilności"), header, units,
                 _options("urgency"), urgency),
        _by_unit("unit_by_met_status", N_("Czy potrzeby są teraz zaspokajane"), header, units,
                 _options("met_status"), met),
    ]  # fmt: skip
    tables = need_tables(counted.total_needs(), counted.total_area_groups())
    return AcrossTables(
        version=version, unit=unit, units=len(units), interviews=interviews,
        needs=sum(counted.needs.values()),
        side_by_side=side, rollups=[tables[key] for key in ROLLUP_TABLES],
    )  # fmt: skip


def build_across(scope: Scope, k: int, translate: Callable[[str], str] = str) -> Across:
    """Every table of `scope` after disclosure control (see `count_tables`).

    Secondary suppression of a table of 300 campaigns takes seconds: the published tables are
    kept per process, keyed by the scope's data version, as the dashboard keeps its figures.
    """
    counted = count_tables(scope)
    # The labels are in the key: a renamed campaign changes no count.
    key = (counted.version, k, tuple(counted.side_by_side[0].row_labels))
    if key not in _PUBLISHED:
        while len(_PUBLISHED) >= CACHE_SIZE:
            _PUBLISHED.pop(next(iter(_PUBLISHED)))
        _PUBLISHED[key] = (
            [publish(t, k) for t in counted.side_by_side],
            [publish(t, k) for t in counted.rollups],
        )
    side, rollups = _PUBLISHED[key]
    return Across(
        k=k,
        note=disclosure_note(k),
        unit=counted.unit,
        units=counted.units,
        interviews=publish_count(counted.interviews, k),
        needs=publish_count(counted.needs, k),
        # Many rows make a chart unreadable: the side-by-side tables are shown as tables only.
        side_by_side=[Figure(t, Markup("")) for t in side],
        rollups=[Figure(t, bar_chart(t, translate=translate)) for t in rollups],
    )


def clear_cache() -> None:
    """Forget every kept table (tests: ids and timestamps repeat across emptied databases)."""
    _PUBLISHED.clear()
