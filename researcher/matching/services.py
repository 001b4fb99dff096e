"""Matching needs and themes to the register, referrals and capacity, gaps per area × locality.

The ranking itself is `analysis.matching` (pure, tested on hand-made sets); this module loads
needs and resources, counts the capacity in use from accepted referrals, and writes referrals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Row, func

from analysis.matching import (
    GapRow,
    Match,
    NeedItem,
    ResourceItem,
    ThemeMatch,
    gaps,
    rank,
    rank_for_theme,
)
from analysis.pii import mask_pii
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.interviews.models import Need, NeedStatus
from researcher.resources.models import Referral, ReferralStatus, Resource, ResourceStatus
from researcher.themes.models import Theme, ThemeAssignment

#: Referrals that hold a place of the resource's monthly capacity.
IN_USE = (ReferralStatus.ACCEPTED,)
REFERRAL_MOVES: dict[str, frozenset[str]] = {
    ReferralStatus.PROPOSED: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.DONE, ReferralStatus.DECLINED}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.DONE: frozenset(),
}


class MatchingError(Exception):
    """A referral rule was broken."""


def gmina_of(need: Need) -> str:
    return db.session.get(Campaign, need.campaign_id).gmina_code


def need_item(need: Need | Row) -> NeedItem:
    """A need as the matching reads it: a `Need`, or a row of the same columns."""
    groups = need.reviewed_target_groups
    return NeedItem(
        id=need.id,
        text=mask_pii(need.description),
        area=need.reviewed_area or need.area,
        target_groups=tuple(groups if groups is not None else need.target_groups),
        locality_id=need.locality_id,
        urgency=need.urgency,
    )


def capacity_in_use(resource_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Accepted referrals per resource."""
    stmt = (
        db.select(Referral.resource_id, func.count())
        .where(Referral.status.in_([s.value for s in IN_USE]))
        .group_by(Referral.resource_id)
    )
    if resource_ids is not None:
        stmt = stmt.where(Referral.resource_id.in_(resource_ids))
    return dict(db.session.execute(stmt).all())


def capacity_left(resource: Resource, used: dict[int, int]) -> int | None:
    if resource.capacity_per_month is None:
        return None
    return max(resource.capacity_per_month - used.get(resource.id, 0), 0)


def resource_item(resource: Resource, used: dict[int, int]) -> ResourceItem:
    return ResourceItem(
        id=resource.id,
        text=f"{resource.name}. {resource.description}",
        areas=tuple(resource.areas),
        target_groups=tuple(resource.target_groups),
        locality_ids=tuple(resource.locality_ids),
        capacity_left=capacity_left(resource, used),
    )


def _register(gmina_code: str) -> tuple[list[Resource], dict[int, int]]:
    stmt = db.select(Resource).where(
        Resource.gmina_code == gmina_code, Resource.status == ResourceStatus.ACTIVE
    ).order_by(Resource.id)
    resources = list(db.session.scalars(stmt))
    return resources, capacity_in_use([r.id for r in resources])


@dataclass
class Suggestion:
    resource: Resource
    match: Match | None
    capacity_left: int | None
    needs_served: int = 0


def suggestions(need: Need, top: int = 5) -> list[Suggestion]:
    """The best resources of the need's gmina for the need."""
    resources, used = _register(gmina_of(need))
    by_id = {r.id: r for r in resources}
    [matches] = rank([need_item(need)], [resource_item(r, used) for r in resources], top=top)
    return [Suggestion(by_id[m.resource_id], m, capacity_left(by_id[m.resource_id], used))
            for m in matches]


def theme_needs(theme: Theme) -> list[Need]:
    stmt = (
        db.select(Need).join(ThemeAssignment, ThemeAssignment.need_id == Need.id)
        .where(ThemeAssignment.theme_id == theme.id, ThemeAssignment.run_id == theme.run_id)
    )
    return list(db.session.scalars(stmt))


def theme_suggestions(theme: Theme, top: int = 10) -> list[Suggestion]:
    """Resources for a theme: those serving most of its needs first."""
    campaign = db.session.get(Campaign, theme.run.campaign_id)
    resources, used = _register(campaign.gmina_code)
    by_id = {r.id: r for r in resources}
    needs = [need_item(n) for n in theme_needs(theme)]
    ranked: list[ThemeMatch] = rank_for_theme(
        needs, [resource_item(r, used) for r in resources], top=top
    )
    return [Suggestion(by_id[t.resource_id], None, capacity_left(by_id[t.resource_id], used),
                       t.needs_served) for t in ranked]


def campaign_need_items(campaign: Campaign) -> list[NeedItem]:
    """The campaign's needs that count (not rejected in review, not flagged out of scope) as
    matching items, read column by column: no ORM objects for 10,000 rows."""
    stmt = db.select(
        Need.id, Need.description, Need.area, Need.reviewed_area, Need.target_groups,
        Need.reviewed_target_groups, Need.locality_id, Need.urgency,
    ).where(
        Need.campaign_id == campaign.id,
        Need.status != NeedStatus.REJECTED,
        Need.scope_flag.is_(None),
    ).order_by(Need.id)
    return [
        # The text only feeds the vectors, whose preparation masks personal data itself.
        NeedItem(id=row.id, text=row.description,
                 area=row.reviewed_area or row.area,
                 target_groups=tuple(row.reviewed_target_groups
                                     if row.reviewed_target_groups is not None
                                     else row.target_groups),
                 locality_id=row.locality_id, urgency=row.urgency)
        for row in db.session.execute(stmt)
    ]


def match_campaign(campaign: Campaign, top: int = 5) -> list[list[Match]]:
    """Suggestions for every need of a campaign at once (what `bench/matching.py` times)."""
    resources, used = _register(campaign.gmina_code)
    needs = campaign_need_items(campaign)
    return rank(needs, [resource_item(r, used) for r in resources], top=top)


@dataclass
class GapLine:
    row: GapRow
    locality: str


def gap_table(campaign: Campaign) -> list[GapLine]:
    """Needs without any serving resource and beyond capacity, per area × locality."""
    resources, used = _register(campaign.gmina_code)
    needs = campaign_need_items(campaign)
    rows = gaps(needs, [resource_item(r, used) for r in resources])
    names = dict(db.session.execute(db.select(Locality.id, Locality.name)).all())
    return [GapLine(row, names.get(row.locality_id, "—")) for row in rows]


def referrals_of(need: Need) -> list[Referral]:
    stmt = db.select(Referral).where(Referral.need_id == need.id).order_by(Referral.id)
    return list(db.session.scalars(stmt))


def propose(need: Need, resource: Resource, by: User) -> Referral:
    """Refer a need to an active resource of its gmina (status "proponowana")."""
    if resource.status != ResourceStatus.ACTIVE or (
        resource.gmina_code != gmina_of(need)
    ):
        raise MatchingError(_("Ten zasób nie jest aktywny w gminie tej potrzeby."))
    existing = db.session.scalar(db.select(Referral).where(
        Referral.need_id == need.id, Referral.resource_id == resource.id
    ))
    if existing is not None:
        raise MatchingError(_("Ta potrzeba jest już skierowana do tego zasobu."))
    referral = Referral(need_id=need.id, resource_id=resource.id, created_by_id=by.id)
    db.session.add(referral)
    db.session.flush()
    return referral


def set_referral_status(referral: Referral, status: str) -> None:
    """Accepting takes a place of the resource's capacity; a full resource accepts no more."""
    if status not in REFERRAL_MOVES.get(referral.status, frozenset()):
        raise MatchingError(_("Tej zmiany statusu skierowania nie można wykonać."))
    if status == ReferralStatus.ACCEPTED:
        resource = referral.resource
        left = capacity_left(resource, capacity_in_use([resource.id]))
        if left is not None and left <= 0:
            raise MatchingError(_("Zasób nie ma już wolnych miejsc w tym miesiącu."))
    referral.status = status
    db.session.flush()


@dataclass
class RowEvidence:
    """For a service-card row: the resources that already answer its needs, and the gap."""

    resources: list[Suggestion]
    needs: int
    without_resource: int
    beyond_capacity: int


def theme_gap(theme: Theme) -> RowEvidence:
    """The theme's needs: how many no resource serves, how many beyond capacity."""
    campaign = db.session.get(Campaign, theme.run.campaign_id)
    resources, used = _register(campaign.gmina_code)
    lines = gaps([need_item(n) for n in theme_needs(theme)],
                 [resource_item(r, used) for r in resources])
    return RowEvidence(
        resources=[], needs=sum(line.needs for line in lines),
        without_resource=sum(line.without_resource for line in lines),
        beyond_capacity=sum(line.beyond_capacity for line in lines),
    )


def card_row_evidence(row: Any) -> RowEvidence:
    """Resources serving the row's needs (or, without linked needs, working in its area) and
    how many of its needs no resource serves or the capacity left does not cover."""
    campaign = db.session.get(Campaign, row.card.campaign_id)
    resources, used = _register(campaign.gmina_code)
    needs = [need_item(n) for n in row.needs]
    items = [resource_item(r, used) for r in resources]
    by_id = {r.id: r for r in resources}
    if needs:
        lines = gaps(needs, items)
        serving = set().union(*(line.resource_ids or set() for line in lines))
    else:
        lines = []
        serving = {r.id for r in resources if row.area in r.areas}
    return RowEvidence(
        resources=[Suggestion(by_id[i], None, capacity_left(by_id[i], used))
                   for i in sorted(serving)],
        needs=len(needs),
        without_resource=sum(line.without_resource for line in lines),
        beyond_capacity=sum(line.beyond_capacity for line in lines),
    )
