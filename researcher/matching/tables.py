"""The "sposoby zaspokajania potrzeb" figures: follow-up outcomes, resources by kind and area,
referrals, gaps — as raw `CountTable`s for `reports.disclosure.publish`, like every figure.

Counted for a `ReportFilter`: the campaign's needs (not rejected, not out of scope) in its
locality and date range; the active resources of its gmina (serving the locality, if one is
chosen). The gaps need the matching, so the tables are kept per data version (the counts and
latest changes of everything they read).
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from typing import Any

from sqlalchemy import func

from analysis.matching import gaps
from forms.vocabulary import AREAS, N_
from researcher.extensions import db
from researcher.followups.models import Followup, FollowupStatus
from researcher.interviews.models import Need, NeedStatus, Visit
from researcher.matching.services import capacity_in_use, need_item, resource_item
from researcher.needs.models import NeedChange
from researcher.reports.slices import EFFECTIVE_AREA, ReportFilter
from researcher.reports.tables import CountTable
from researcher.resources.models import (
    Referral,
    ReferralStatus,
    Resource,
    ResourceKind,
    ResourceStatus,
)

# Polish labels for the documents (the dashboard translates them): msgids, marked with N_.
FOLLOWUP_ROWS = [
    (FollowupStatus.TO_CONTACT, N_("Do kontaktu")),
    (FollowupStatus.IN_CONTACT, N_("W kontakcie")),
    (FollowupStatus.REFERRED, N_("Skierowana")),
    (FollowupStatus.MET, N_("Zaspokojona")),
    (FollowupStatus.PARTLY_MET, N_("Zaspokojona częściowo")),
    (FollowupStatus.NOT_MET, N_("Niezaspokojona")),
    (FollowupStatus.REFUSED, N_("Odmowa")),
    (FollowupStatus.NO_CONTACT, N_("Brak kontaktu")),
]
KIND_COLUMNS = [
    (ResourceKind.VOLUNTEER, N_("Wolontariusz")),
    (ResourceKind.NEIGHBOUR_HELP, N_("Grupa pomocy sąsiedzkiej")),
    (ResourceKind.TIME_BANK, N_("Oferta banku czasu")),
    (ResourceKind.NGO, N_("Organizacja pozarządowa")),
    (ResourceKind.INSTITUTION, N_("Instytucja")),
    (ResourceKind.SERVICE, N_("Usługa")),
]
REFERRAL_COLUMNS = [
    (ReferralStatus.PROPOSED, N_("Proponowana")),
    (ReferralStatus.ACCEPTED, N_("Przyjęta")),
    (ReferralStatus.DECLINED, N_("Odrzucona")),
    (ReferralStatus.DONE, N_("Zrealizowana")),
]
GAP_COLUMNS = [
    ("covered", N_("Pokryte")),
    ("beyond_capacity", N_("Ponad pojemność")),
    ("without_resource", N_("Bez żadnego zasobu")),
]
AREA_ROWS = [(a.key, a.label) for a in AREAS]
SECTION_TITLE = N_("Sposoby zaspokajania potrzeb")


def _needs(f: ReportFilter):
    stmt = db.select(Need).where(
        Need.campaign_id == f.campaign_id,
        Need.status != NeedStatus.REJECTED,
        Need.scope_flag.is_(None),
    )
    if f.locality_id is not None:
        stmt = stmt.where(Need.locality_id == f.locality_id)
    if f.date_from:
        stmt = stmt.where(Need.recorded_on >= f.date_from)
    if f.date_to:
        stmt = stmt.where(Need.recorded_on <= f.date_to)
    return stmt


def _resources(f: ReportFilter) -> list[Resource]:
    if not f.gmina_code:
        return []
    stmt = db.select(Resource).where(
        Resource.gmina_code == f.gmina_code, Resource.status == ResourceStatus.ACTIVE
    ).order_by(Resource.id)
    rows = list(db.session.scalars(stmt))
    if f.locality_id is not None:
        rows = [r for r in rows if not r.locality_ids or f.locality_id in r.locality_ids]
    return rows


def _two_way(key, title, unit, rows, columns, counts: Counter, *, multi=False,
             row_totals: Counter | None = None, column_totals: Counter | None = None,
             total: int | None = None) -> CountTable:
    row_totals = row_totals if row_totals is not None else Counter(
        {r: sum(counts[(r, c)] for c, _ in columns) for r, _ in rows})
    column_totals = column_totals if column_totals is not None else Counter(
        {c: sum(counts[(r, c)] for r, _ in rows) for c, _ in columns})
    return CountTable(
        key=key, title=title, unit=unit, row_header=N_("Obszar"),
        rows=[r for r, _ in rows], row_labels=[label for _, label in rows],
        columns=[c for c, _ in columns], column_labels=[label for _, label in columns],
        counts=[[counts[(r, c)] for c, _ in columns] for r, _ in rows],
        row_totals=[row_totals[r] for r, _ in rows],
        column_totals=[column_totals[c] for c, _ in columns],
        total=total if total is not None else sum(row_totals.values()),
        multi_valued=multi,
    )


def followup_table(f: ReportFilter) -> CountTable:
    """Needs whose respondent asked for contact, by follow-up status."""
    # The visit's campaign too (always the need's): visits are then read from the campaign's
    # index, not scanned whole for `contact_requested` (390 → 56 ms at a million visits).
    needs = _needs(f).join(Visit, Visit.id == Need.visit_id).where(
        Visit.campaign_id == f.campaign_id, Visit.contact_requested.is_(True)
    ).outerjoin(Followup, Followup.need_id == Need.id)
    status = func.coalesce(Followup.status, FollowupStatus.TO_CONTACT.value)
    stmt = needs.with_only_columns(status, func.count()).group_by(status)
    counts = Counter(dict(db.session.execute(stmt).all()))
    total = sum(counts.values())
    return CountTable(
        key="followup_outcomes", title=N_("Kontakt z mieszkańcami: wynik spraw"),
        unit=N_("potrzeby"), row_header=N_("Status"),
        rows=[s for s, _ in FOLLOWUP_ROWS], row_labels=[label for _, label in FOLLOWUP_ROWS],
        columns=["n"], column_labels=[N_("Liczba")],
        counts=[[counts[s.value]] for s, _ in FOLLOWUP_ROWS], column_totals=[total], total=total,
    )


def resources_table(resources: list[Resource]) -> CountTable:
    """Active resources by area (a resource may work in several) and kind."""
    counts: Counter = Counter()
    per_area: Counter = Counter()
    for r in resources:
        for area in set(r.areas):
            counts[(area, r.kind)] += 1
            per_area[area] += 1
    per_kind = Counter(r.kind for r in resources)
    return _two_way("resources_by_area_kind", N_("Zasoby lokalne według obszaru i rodzaju"),
                    N_("zasoby"), AREA_ROWS, KIND_COLUMNS, counts, multi=True,
                    row_totals=per_area, column_totals=per_kind, total=len(resources))


def referrals_table(f: ReportFilter) -> CountTable:
    """Referrals of the filter's needs by the need's area and the referral's status."""
    area = func.coalesce(Need.reviewed_area, Need.area)
    stmt = _needs(f).join(Referral, Referral.need_id == Need.id).with_only_columns(
        area, Referral.status, func.count()
    ).group_by(area, Referral.status)
    counts = Counter({(a, s): n for a, s, n in db.session.execute(stmt)})
    return _two_way("referrals_by_area_status", N_("Skierowania do zasobów według obszaru"),
                    N_("skierowania"), AREA_ROWS, REFERRAL_COLUMNS, counts)


def gaps_table(f: ReportFilter, resources: list[Resource]) -> CountTable:
    """Needs by area: covered by a serving resource's capacity, beyond it, or with none.

    A resource serves only needs of an area it works in, so the needs of every other area are
    "without any resource" whatever the rest: those are counted by the database, and only the
    needs of the resources' areas are read (their columns, not whole rows) to be matched. A
    gmina with no register reads no need at all (a 100,000-need campaign: 10 s before).
    """
    used = capacity_in_use([r.id for r in resources])
    served = sorted({area for r in resources for area in r.areas})
    counts: Counter = Counter()
    elsewhere = _needs(f).where(EFFECTIVE_AREA.not_in(served)) if served else _needs(f)
    for area, n in db.session.execute(
        elsewhere.with_only_columns(EFFECTIVE_AREA, func.count()).group_by(EFFECTIVE_AREA)
    ):
        counts[(area, "without_resource")] += n
    if served:
        columns = _needs(f).where(EFFECTIVE_AREA.in_(served)).with_only_columns(
            Need.id, Need.description, Need.area, Need.reviewed_area, Need.target_groups,
            Need.reviewed_target_groups, Need.locality_id, Need.urgency,
        )  # fmt: skip
        needs = [need_item(row) for row in db.session.execute(columns)]
        for row in gaps(needs, [resource_item(r, used) for r in resources]):
            for column, _ in GAP_COLUMNS:
                counts[(row.area, column)] += getattr(row, column)
    return _two_way("gaps_by_area", N_("Luki: potrzeby wobec zasobów według obszaru"),
                    N_("potrzeby"), AREA_ROWS, GAP_COLUMNS, counts)


def _version(f: ReportFilter) -> tuple[Any, ...]:
    parts = []
    # The campaign's needs from the slice index (a review moves a need's updated_at); the
    # smaller registers whole.
    needs = db.select(func.count(), func.max(Need.updated_at)).where(
        Need.campaign_id == f.campaign_id
    )
    parts.extend(db.session.execute(needs).one())
    for column_count, column_max in (
        (Visit.id, Visit.updated_at), (Followup.id, Followup.updated_at),
        (Resource.id, Resource.updated_at), (Referral.id, Referral.updated_at),
        (NeedChange.id, NeedChange.id),
    ):
        stmt = db.select(func.count(column_count), func.max(column_max))
        if column_count is Visit.id:
            stmt = stmt.where(Visit.campaign_id == f.campaign_id)
        parts.extend(db.session.execute(stmt).one())
    return tuple(parts)


_cache: OrderedDict[tuple, list[CountTable]] = OrderedDict()


def needs_met_tables(f: ReportFilter, *, cached: bool = True) -> list[CountTable]:
    """The four tables, raw; publish each with `reports.disclosure`."""
    key = (f, _version(f)) if cached else None
    if key is not None and key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    resources = _resources(f)
    tables = [followup_table(f), resources_table(resources), referrals_table(f),
              gaps_table(f, resources)]
    if key is not None:
        _cache[key] = tables
        while len(_cache) > 16:
            _cache.popitem(last=False)
    return tables
