"""What the dashboard shows: the published figures for a filter, and the filter's choices.

Suppression applies on the dashboard too, since it may be shown or shared: the manager sees
only PublishedTables. With a locality chosen, every figure is a sub-gmina breakdown and is
published only under the locality rule (single dimension, not sensitive, no cell below k).

The counts come from the slices kept in the database (`reports.slices`). On top of them, the
published figures (after disclosure control) are kept per process (`published_figures`), keyed
by the filter, k and the data's version (`data_version`, one statement): the number of the
campaign's visits and needs and their latest `updated_at` (a sync adds or revises a visit, a
review or an import moves a need; erasure deletes one), the latest need review, and the number
and latest change of the follow-ups, resources and referrals the "sposoby zaspokajania" figures
read. Exports never use this per-process cache.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlalchemy import true

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.followups.models import Followup
from researcher.gminas.models import Locality
from researcher.interviews.models import Need, Visit
from researcher.matching.tables import needs_met_tables
from researcher.needs.models import NeedChange
from researcher.reports import slices
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
from researcher.resources.models import Referral, Resource

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


def _latest(model: Any, changed: Any, *where: Any) -> Any:
    """(count, latest change) of `model`'s rows, as a one-row subquery."""
    return db.select(
        db.func.count().label("n"), db.func.max(changed).label("latest")
    ).where(*where).subquery()


def data_version(f: ReportFilter) -> tuple[Any, ...]:
    """Changes whenever a count behind the figures of `f` can have changed (one statement)."""
    parts = [
        _latest(Visit, Visit.updated_at, Visit.campaign_id == f.campaign_id),
        # Needs of other channels (meetings, phone, imports) change without any visit changing.
        _latest(Need, Need.updated_at, Need.campaign_id == f.campaign_id),
        _latest(NeedChange, NeedChange.id),
        _latest(Followup, Followup.updated_at),
        _latest(Resource, Resource.updated_at),
        _latest(Referral, Referral.updated_at),
    ]
    columns = [column for part in parts for column in (part.c.n, part.c.latest)]
    query = db.select(*columns).select_from(parts[0])
    for part in parts[1:]:  # one row each: joined on nothing, still one row
        query = query.join(part, true())
    return tuple(db.session.execute(query).one())


def published_figures(f: ReportFilter, k: int) -> tuple[Summary, list[PublishedTable]]:
    """The summary and every figure of `f` after disclosure control, kept per data version."""
    return _published(f, k, data_version(f))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _published(
    f: ReportFilter, k: int, version: tuple[Any, ...]
) -> tuple[Summary, list[PublishedTable]]:
    # `version` only keys the cache: new data, new entry; the least recently used ones go.
    return _count_and_publish(f, k)


def _count_and_publish(f: ReportFilter, k: int) -> tuple[Summary, list[PublishedTable]]:
    counted = slices.counts(f)  # read once for both kinds of figures
    figures = report(f, counted)
    # "Sposoby zaspokajania potrzeb": follow-ups, resources, referrals, gaps.
    tables = [*figures.tables.values(), *needs_met_tables(f, counted)]
    return figures.summary, [publish_figure(t.key, t, f, k) for t in tables]


def build_panel(
    f: ReportFilter, k: int, translate: Callable[[str], str] = str, *, cached: bool = True
) -> Panel:
    """Count (or reuse), protect and chart every figure for `f`."""
    summary, tables = published_figures(f, k) if cached else _count_and_publish(f, k)
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
