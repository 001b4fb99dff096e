"""The counts behind every report, kept per slice so a report never recounts every row.

A day slice is one campaign's visits and needs in one locality (or none) on one day in
Poland: the finest grain a report filter has (campaign or gmina, locality, date range). A
month slice adds up the days of a calendar month. A report is the sum of its slices' counts
(`counts`) — month slices for the months its date range covers whole, day slices for the
rest — and the slices stay stored in `report_slices`:

1. the days of the filter (widened to whole months) and their *signatures* are read from the
   rows: per day the number of visits and needs and their latest `updated_at`, from an index,
   without reading the rows' answers. A sync, a correction, a manager's review or a deletion
   changes it. A month's signature is a digest of its days' signatures;
2. the slices whose stored signature differs are recounted, all at once, with the grouped
   queries below (the only place that counts rows), and stored;
3. the counts of the filter's slices are added up.

The signatures are read before the counts, in the same transaction: when rows change in
between, the stored signature is the older one and the slice is recounted next time — a slice
is never kept with a signature newer than its counts. For 100,000 needs over two months and
eight localities a report adds up 16 small documents instead of scanning every need.

Counting rules (which needs count, the effective area, …) are in `reports.aggregates`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import String, case, func, select, true
from sqlalchemy.exc import OperationalError

from researcher.campaigns.models import Campaign
from researcher.extensions import db, utcnow
from researcher.interviews.models import (
    Need,
    NeedStatus,
    Visit,
    contact_requested_visit_ids,
    need_not_restricted,
)
from researcher.reports.models import ReportSlice
from researcher.reports.periods import month_end, month_start

log = logging.getLogger(__name__)

NO_ANSWER = "brak_odpowiedzi"

Key = tuple[int, int, date]  # campaign id, locality id (0: none), day
Document = dict[str, list[list[Any]]]  # count name → rows of (values…, n)
DAY, MONTH = "D", "M"


@dataclass(frozen=True)
class ReportFilter:
    """Which visits and needs a report counts; None means "no restriction"."""

    campaign_id: int | None
    gmina_code: str | None = None
    locality_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    channel: str | None = None  # needs of one channel only (from the same stored slices)


@dataclass
class Counts:
    """Every count a report is made of, summed over slices."""

    visits: Counter = field(default_factory=Counter)  # (outcome, is interview)
    answers: Counter = field(default_factory=Counter)  # (E1, E3) of interviews
    gaps: Counter = field(default_factory=Counter)  # E2 answers (multi-select) of interviews
    needs: Counter = field(default_factory=Counter)  # (area, urgency, met status, locality key)
    area_groups: Counter = field(default_factory=Counter)  # (area, target group)
    met_by: Counter = field(default_factory=Counter)
    barriers: Counter = field(default_factory=Counter)
    preferred_forms: Counter = field(default_factory=Counter)
    channels: Counter = field(default_factory=Counter)  # needs by channel (wizyta, spotkanie …)
    contact_needs: int = 0  # needs in scope whose respondent asked for contact (follow-ups)

    def add(self, locality_key: int, document: Document, channel: str | None = None) -> None:
        """Add one slice's stored document; with `channel`, only that channel's needs (the
        visits and their answers count whole, as the dashboard's channel filter means)."""
        for outcome, interview, n in document.get("visits", ()):
            self.visits[(outcome, interview)] += n
        for rating, volunteering, n in document.get("answers", ()):
            self.answers[(rating, volunteering)] += n
        for value, n in document.get("gaps", ()):
            self.gaps[value] += n
        self._add_needs(locality_key, document, channel)

    def _add_needs(self, locality_key: int, document: Document, channel: str | None) -> None:
        def of_channel(name: str) -> Iterable[list[Any]]:
            # Every count of needs keeps the needs' channel as its first value.
            return (row[1:] for row in document.get(name, ()) if channel in (None, row[0]))

        for need_channel, area, urgency, met_status, n in document.get("needs", ()):
            if channel is None or need_channel == channel:
                self.needs[(area, urgency, met_status, locality_key)] += n
                self.channels[need_channel] += n
        for area, group, n in of_channel("area_groups"):
            self.area_groups[(area, group)] += n
        for (n,) in of_channel("contact_needs"):
            self.contact_needs += n
        for name in ("met_by", "barriers", "preferred_forms"):
            counter = getattr(self, name)
            for value, n in of_channel(name):
                counter[value] += n


# --- expressions shared by the counting queries ------------------------------------------------


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _json_type(expression: Any) -> Any:
    return (func.json_typeof if _dialect() == "postgresql" else func.json_type)(expression)


def _json_elements(expression: Any) -> Any:
    """The elements of a JSON list as a table with one text column, `value`."""
    if _dialect() == "postgresql":
        return func.json_array_elements_text(expression).table_valued("value")
    return func.json_each(expression).table_valued("value")


def effective_target_groups() -> Any:
    """The manager's target groups where set, else the researcher's (a JSON list)."""
    # None is stored as JSON null by the ORM, or as SQL NULL when the column was never set.
    reviewed = Need.reviewed_target_groups
    return case(
        (reviewed.is_not(None) & (_json_type(reviewed) == "array"), reviewed),
        else_=Need.target_groups,
    )


EFFECTIVE_AREA = func.coalesce(Need.reviewed_area, Need.area)


def _key(model: Any) -> tuple[Any, Any, Any]:
    # In the order of the ix_*_slices indexes, so that grouping by them needs no sorting.
    return model.campaign_id, model.recorded_on, model.locality_id


def _filter_conditions(model: Any, f: ReportFilter) -> list[Any]:
    conditions = []
    if f.campaign_id is not None:
        conditions.append(model.campaign_id == f.campaign_id)
    if f.gmina_code:
        campaigns = select(Campaign.id).where(Campaign.gmina_code == f.gmina_code)
        conditions.append(model.campaign_id.in_(campaigns))
    if f.locality_id is not None:
        conditions.append(model.locality_id == f.locality_id)
    if f.date_from:
        conditions.append(model.recorded_on >= f.date_from)
    if f.date_to:
        conditions.append(model.recorded_on <= f.date_to)
    return conditions


# --- 1. signatures -----------------------------------------------------------------------------


def _signatures(f: ReportFilter) -> dict[Key, str]:
    parts: dict[Key, list[str]] = defaultdict(lambda: ["0", "-", "0", "-"])
    for offset, model in ((0, Visit), (2, Need)):
        key = _key(model)
        query = (
            select(*key, func.count(), func.max(model.updated_at, type_=String))
            .where(*_filter_conditions(model, f))
            .group_by(*key)
        )
        for campaign_id, day, locality_id, n, latest in db.session.execute(query):
            parts[(campaign_id, locality_id or 0, day)][offset : offset + 2] = [str(n), str(latest)]
    return {key: " ".join(values) for key, values in parts.items()}


# --- 2. recounting -----------------------------------------------------------------------------


def _grouped(model: Any, where: list[Any], *columns: Any, join: Any = None) -> Any:
    key = _key(model)
    query = select(*key, *columns, func.count()).select_from(model)
    if join is not None:
        query = query.join(join, true())
    return db.session.execute(query.where(*where).group_by(*key, *columns))


def _recount(keys: Iterable[Key]) -> dict[Key, Document]:
    """The documents of every slice of the campaigns and days of `keys` (a superset of them).

    Every count of needs keeps the needs' channel as its first value, so a report of one
    channel adds up the same stored slices as the report of all.
    """
    keys = list(keys)
    campaigns = sorted({k[0] for k in keys})
    days = sorted({k[2] for k in keys})
    documents: dict[Key, Document] = defaultdict(lambda: defaultdict(list))

    def collect(name: str, rows: Any) -> None:
        for campaign_id, day, locality_id, *values in rows:
            documents[(campaign_id, locality_id or 0, day)][name].append(values)

    # Frozen visits (art. 18) are left out; freezing moves updated_at, so their days recount.
    visits = [Visit.campaign_id.in_(campaigns), Visit.recorded_on.in_(days), ~Visit.restricted]
    collect("visits", (
        (*row[:3], row[3], bool(row[4]), row[5])
        for row in _grouped(Visit, visits, Visit.visit_outcome, Visit.is_interview)
    ))  # fmt: skip
    answers: dict[Key, Counter] = defaultdict(Counter)
    gaps: dict[Key, Counter] = defaultdict(Counter)
    # E2 as JSON text: PostgreSQL's json has no equality operator to group by. The lists are
    # read here, per distinct answer, so that a report never parses JSON.
    for campaign_id, day, locality_id, rating, volunteering, chosen, n in _grouped(
        Visit, [*visits, Visit.is_interview.is_(True)], Visit.services_rating,
        Visit.volunteering, Visit.community_gaps.cast(String),
    ):  # fmt: skip
        key = (campaign_id, locality_id or 0, day)
        answers[key][(rating or NO_ANSWER, volunteering or NO_ANSWER)] += n
        values = json.loads(chosen) if chosen else []
        for value in values if isinstance(values, list) else []:
            gaps[key][value] += n
    for key in answers.keys() | gaps.keys():
        documents[key]["answers"] = [[*pair, n] for pair, n in answers[key].items()]
        documents[key]["gaps"] = [[value, n] for value, n in gaps[key].items()]

    needs = [
        Need.campaign_id.in_(campaigns), Need.recorded_on.in_(days),
        Need.status != NeedStatus.REJECTED,
        need_not_restricted(),
    ]  # fmt: skip
    collect("needs", _grouped(
        Need, needs, Need.channel, EFFECTIVE_AREA, Need.urgency, Need.met_status
    ))  # fmt: skip
    # The follow-up figure's base: needs of the manager's scope whose respondent asked for
    # contact.
    contact = contact_requested_visit_ids(campaigns)
    collect("contact_needs", _grouped(
        Need, [*needs, Need.scope_flag.is_(None), Need.visit_id.in_(contact)], Need.channel
    ))  # fmt: skip
    groups = _json_elements(effective_target_groups())
    collect("area_groups", _grouped(
        Need, [*needs, _json_type(effective_target_groups()) == "array"], Need.channel,
        EFFECTIVE_AREA, groups.c.value, join=groups,
    ))  # fmt: skip
    for name, column in (
        ("met_by", Need.met_by),
        ("barriers", Need.barriers),
        ("preferred_forms", Need.preferred_forms),
    ):
        values = _json_elements(column)
        collect(name, _grouped(
            Need, [*needs, _json_type(column) == "array"], Need.channel, values.c.value,
            join=values,
        ))  # fmt: skip
    return {key: dict(document) for key, document in documents.items()}


def _store(rows: list[dict[str, Any]]) -> None:
    """Insert or replace slices; a lost race or a busy database only costs a later recount."""
    if not rows:
        return
    if _dialect() == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(ReportSlice)
    statement = statement.on_conflict_do_update(
        index_elements=["campaign_id", "locality_key", "day", "period"],
        set_={
            "signature": statement.excluded.signature,
            "counts": statement.excluded.counts,
            "computed_at": statement.excluded.computed_at,
        },
    )
    try:
        db.session.execute(statement, rows)
        db.session.commit()
    except OperationalError:
        db.session.rollback()
        log.warning("report slices not stored (database busy); they are recounted next time")


# --- 3. the sum --------------------------------------------------------------------------------


_month, _month_end = month_start, month_end


def _whole_months(f: ReportFilter) -> ReportFilter:
    """`f` with its date range widened to whole months."""
    return replace(
        f,
        date_from=_month(f.date_from) if f.date_from else None,
        date_to=_month_end(f.date_to) if f.date_to else None,
    )


def _merged(documents: Iterable[Document]) -> Document:
    """One document counting what `documents` count (of the same locality)."""
    sums: dict[str, Counter] = defaultdict(Counter)
    for document in documents:
        for name, rows in document.items():
            for *values, n in rows:
                sums[name][tuple(values)] += n
    return {name: [[*values, n] for values, n in c.items()] for name, c in sums.items()}


def _within(f: ReportFilter, first: date, last: date) -> bool:
    """True when the days `first`..`last` all lie in the date range of `f`."""
    return (f.date_from is None or f.date_from <= first) and (
        f.date_to is None or last <= f.date_to
    )


def _plan(f: ReportFilter, days: dict[Key, str]) -> dict[tuple[Key, str], str]:
    """The slices adding up to `f` → their signatures, from the signatures of `days`."""
    by_month: dict[Key, list[Key]] = defaultdict(list)
    for key in sorted(days):
        by_month[(key[0], key[1], _month(key[2]))].append(key)
    plan = {}
    for month, members in by_month.items():
        if _within(f, month[2], _month_end(month[2])):
            digest = hashlib.sha1(
                "|".join(f"{k[2]}={days[k]}" for k in members).encode(), usedforsecurity=False
            )
            plan[(month, MONTH)] = f"{len(members)} days {digest.hexdigest()}"
            continue
        for key in members:
            if _within(f, key[2], key[2]):
                plan[(key, DAY)] = days[key]
    return plan


def _stored(plan: dict[tuple[Key, str], str]) -> dict[tuple[Key, str], tuple[str, Document]]:
    if not plan:
        return {}
    query = select(
        ReportSlice.campaign_id, ReportSlice.locality_key, ReportSlice.day,
        ReportSlice.period, ReportSlice.signature, ReportSlice.counts,
    ).where(
        ReportSlice.campaign_id.in_({key[0] for key, _ in plan}),
        ReportSlice.day.in_({key[2] for key, _ in plan}),
    )  # fmt: skip
    return {
        ((campaign_id, locality_key, day), period): (signature, document)
        for campaign_id, locality_key, day, period, signature, document in db.session.execute(
            query
        )
    }


def _refresh(
    plan: dict[tuple[Key, str], str], days: dict[Key, str], documents: dict
) -> None:
    """Recount the slices of `plan` missing from `documents`, add and store them.

    A stale month is added up from its day slices: only its stale days are recounted.
    """
    stale = [slice_ for slice_ in plan if slice_ not in documents]
    months = {key for key, period in stale if period == MONTH}
    day_plan = {
        (key, DAY): days[key]
        for key in days
        if (key[0], key[1], _month(key[2])) in months or (key, DAY) in plan
    }
    kept = _stored({s: sig for s, sig in day_plan.items() if s not in plan})
    day_documents = {
        s: documents.get(s) or kept[s][1]
        for s, sig in day_plan.items()
        if s in documents or (s in kept and kept[s][0] == sig)
    }
    stale_days = [key for (key, _) in day_plan if (key, DAY) not in day_documents]
    recounted = _recount(stale_days) if stale_days else {}
    for key in stale_days:
        day_documents[(key, DAY)] = recounted.get(key, {})
    members: dict[Key, list[Key]] = defaultdict(list)  # once: linear in months × days
    for day_key, _period in day_plan:
        members[(day_key[0], day_key[1], _month(day_key[2]))].append(day_key)
    for key, period in stale:
        if period == DAY:
            documents[(key, period)] = day_documents[(key, DAY)]
        else:
            documents[(key, period)] = _merged(day_documents[(d, DAY)] for d in members[key])
    fresh = {(key, DAY): (day_plan[(key, DAY)], day_documents[(key, DAY)]) for key in stale_days}
    fresh.update((s, (plan[s], documents[s])) for s in stale if s[1] == MONTH)
    now = utcnow()
    _store([
        {"campaign_id": key[0], "locality_key": key[1], "day": key[2], "period": period,
         "signature": signature, "counts": document, "computed_at": now}
        for (key, period), (signature, document) in fresh.items()
    ])  # fmt: skip


def counts(f: ReportFilter) -> Counts:
    """Every count for `f`, from the stored slices, recounting and storing the stale ones.

    May commit the session (to store recounted slices): call it with no unsaved changes.
    """
    days = _signatures(_whole_months(f))
    plan = _plan(f, days)
    stored = _stored(plan)
    documents = {
        slice_: stored[slice_][1]
        for slice_, signature in plan.items()
        if slice_ in stored and stored[slice_][0] == signature
    }
    if len(documents) < len(plan):
        _refresh(plan, days, documents)
    total = Counts()
    for ((_, locality_key, _), _), document in documents.items():
        total.add(locality_key, document, f.channel)
    return total
