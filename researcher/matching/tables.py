"""The "sposoby zaspokajania potrzeb" figures: follow-up outcomes, resources by kind and area,
referrals, gaps — as raw `CountTable`s for `reports.disclosure.publish`, like every figure.

Counted for a `ReportFilter`: the campaign's needs (not rejected, not out of scope, none of a
restricted visit, of the filter's channel) in its locality and date range; the active
resources of its gmina (serving the locality, if one is chosen). Like every other figure they
are kept by the dashboard per data version (`dashboard.services`), not here.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func

from analysis.matching import gaps
from forms.vocabulary import AREAS, N_
from researcher.extensions import db
from researcher.followups.models import Followup, FollowupStatus
from researcher.interviews.models import (
    Need,
    NeedStatus,
    contact_requested_visit_ids,
    need_not_restricted,
)
from researcher.matching.services import capacity_in_use, need_item, resource_item
from researcher.reports import slices
from researcher.reports.slices import EFFECTIVE_AREA, Counts, ReportFilter
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


def _needs(f: ReportFilter, *, in_scope: bool = True):
    """The filter's needs as the report slices count them; `in_scope=False`: those the
    manager flagged as no social service (material, out of the 14 areas) instead."""
    stmt = db.select(Need).where(
        Need.campaign_id == f.campaign_id,
        Need.status != NeedStatus.REJECTED,
        need_not_restricted(),
        Need.scope_flag.is_(None) if in_scope else Need.scope_flag.is_not(None),
    )
    if f.channel is not None:
        stmt = stmt.where(Need.channel == f.channel)
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


def followup_table(f: ReportFilter, counted: Counts) -> CountTable:
    """Needs whose respondent asked for contact, by follow-up status.

    How many there are comes from the report slices' counts for `f` (`counted`); only the
    needs with a follow-up are read here. The rest are still "do kontaktu".
    """
    contact = contact_requested_visit_ids([f.campaign_id])
    followed = _needs(f).where(Need.visit_id.in_(contact)).join(
        Followup, Followup.need_id == Need.id
    ).with_only_columns(Followup.status, func.count()).group_by(Followup.status)
    counts = Counter(dict(db.session.execute(followed).all()))
    counts[FollowupStatus.TO_CONTACT.value] += counted.contact_needs - sum(counts.values())
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


def gaps_table(f: ReportFilter, resources: list[Resource], counted: Counts) -> CountTable:
    """Needs by area: covered by a serving resource's capacity, beyond it, or with none.

    A resource serves only needs of an area it works in, so the needs of every other area are
    "without any resource" whatever the rest: their number comes from the report slices'
    counts for `f` (`counted`), less the few needs flagged out of scope, and only the needs of
    the resources' areas are read (their columns, not whole rows) to be matched. A gmina with
    no register reads no need at all (a 100,000-need campaign: 10 s before).
    """
    used = capacity_in_use([r.id for r in resources])
    served = sorted({area for r in resources for area in r.areas})
    per_area: Counter = Counter()
    for (area, *_), n in counted.needs.items():
        per_area[area] += n
    flagged = _needs(f, in_scope=False).with_only_columns(EFFECTIVE_AREA, func.count())
    for area, n in db.session.execute(flagged.group_by(EFFECTIVE_AREA)):
        per_area[area] -= n
    counts: Counter = Counter(
        {(area, "without_resource"): n for area, n in per_area.items() if area not in served}
    )
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


def needs_met_tables(f: ReportFilter, counted: Counts | None = None) -> list[CountTable]:
    """The four tables, raw; publish each with `reports.disclosure`.

    `counted`: the slices' counts for `f` when the caller has them (the dashboard); else they
    are read here, which may commit the session (see `slices.counts`).
    """
    counted = counted if counted is not None else slices.counts(f)
    resources = _resources(f)
    return [
        followup_table(f, counted), resources_table(resources), referrals_table(f),
        gaps_table(f, resources, counted),
    ]  # fmt: skip
