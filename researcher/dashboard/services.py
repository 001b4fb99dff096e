"""What the dashboard shows: the published figures for a filter, and the filter's choices.

Suppression applies on the dashboard too, since it may be shown or shared: the manager sees
only PublishedTables. With a locality chosen, every figure is a sub-gmina breakdown and is
published only under the locality rule (single dimension, not sensitive, no cell below k).

The counts come from the slices kept in the database (`reports.slices`). On top of them, the
published figures (after disclosure control) are kept per process (`published_figures`), keyed
by the filter, k and the data's version: the number of the campaign's visits and their latest
`updated_at` (a sync adds or revises a visit; erasure deletes one) and the latest need review
(`need_changes`). Exports never use this per-process cache.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.interviews.models import Need, Visit
from researcher.matching.tables import needs_met_tables
from researcher.needs.models import NeedChange
from researcher.reports.aggregates import ReportFilter, Summary, report
from researcher.reports.charts import bar_chart
from researcher.reports.disclosure import (
    check_locality_breakdown,
    disclosure_note,
    publish,
    publish_count,
    publish_rate,
)
from researcher.reports.tables import Cell, PublishedTable

#: Figures published only under the locality rule, even for the whole gmina.
LOCALITY_TABLES = frozenset({"needs_by_locality"})


@dataclass(frozen=True)
class Figure:
    """One figure: its published table and its chart."""

    table: PublishedTable
    chart: Markup


@dataclass(frozen=True)
class Panel:
    """Everything the dashboard page shows for one filter."""

    k: int
    note: str
    visits: Cell
    interviews: Cell
    needs: Cell
    response_rate: Cell
    figures: list[Figure]
    sub_gmina: bool


def localities(campaign: Campaign | None) -> list[Locality]:
    """The localities of the campaign's gmina, by name."""
    if campaign is None:
        return []
    query = db.select(Locality).where(Locality.gmina_code == campaign.gmina_code)
    return list(db.session.scalars(query.order_by(Locality.name)))


def publish_figure(table_key: str, table, f: ReportFilter, k: int) -> PublishedTable:
    """The table under the rule that applies to it for this filter."""
    if f.locality_id is not None or table_key in LOCALITY_TABLES:
        return check_locality_breakdown(table, k)
    return publish(table, k)


CACHE_SIZE = 32


def clear_cache() -> None:
    """Forget every kept figure (tests; after bulk changes made outside the app)."""
    _published.cache_clear()


def data_version(f: ReportFilter) -> tuple[Any, ...]:
    """Changes whenever a count behind the figures of `f` can have changed."""
    visits = db.session.execute(
        db.select(db.func.count(), db.func.max(Visit.updated_at)).where(
            Visit.campaign_id == f.campaign_id
        )
    ).one()
    # Needs of other channels (meetings, phone, imports) change without any visit changing.
    needs = db.session.execute(
        db.select(db.func.count(), db.func.max(Need.updated_at)).where(
            Need.campaign_id == f.campaign_id
        )
    ).one()
    return (*visits, *needs, db.session.scalar(db.select(db.func.max(NeedChange.id))))


def published_figures(f: ReportFilter, k: int) -> tuple[Summary, list[PublishedTable]]:
    """The summary and every figure of `f` after disclosure control, kept per data version."""
    return _published(f, k, data_version(f))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _published(
    f: ReportFilter, k: int, version: tuple[Any, ...]
) -> tuple[Summary, list[PublishedTable]]:
    # `version` only keys the cache: new data, new entry; the least recently used ones go.
    counted = report(f)
    return counted.summary, [
        publish_figure(name, table, f, k) for name, table in counted.tables.items()
    ]


def build_panel(
    f: ReportFilter, k: int, translate: Callable[[str], str] = str, *, cached: bool = True
) -> Panel:
    """Count (or reuse), protect and chart every figure for `f`."""
    if cached:
        summary, tables = published_figures(f, k)
    else:
        counted = report(f)
        summary = counted.summary
        tables = [publish_figure(name, table, f, k) for name, table in counted.tables.items()]
    # "Sposoby zaspokajania potrzeb": follow-ups, resources, referrals, gaps (own data version).
    tables = [*tables, *(publish_figure(t.key, t, f, k)
                         for t in needs_met_tables(f, cached=cached))]
    return Panel(
        k=k,
        note=disclosure_note(k),
        visits=publish_count(summary.visits, k),
        interviews=publish_count(summary.interviews, k),
        needs=publish_count(summary.needs, k),
        response_rate=publish_rate(summary.interviews, summary.eligible_visits, k),
        figures=[Figure(t, bar_chart(t, translate=translate)) for t in tables],
        sub_gmina=f.locality_id is not None,
    )
