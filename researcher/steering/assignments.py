"""The plan of a round: which researchers go to which localities, and the target of completed
interviews per locality. Read by the plan page, the coverage page and the phone."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _

from researcher.auth.models import RESEARCHER, User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.steering.models import LocalityAssignment, LocalityTarget


class PlanError(Exception):
    """The plan cannot be saved as given; the message is for the user."""


@dataclass
class LocalityPlan:
    """One locality's row of the plan: its target (None: none set) and its researchers."""

    locality: Locality
    target: int | None = None
    researcher_ids: set[int] = field(default_factory=set)


def eligible_researchers(campaign: Campaign) -> list[User]:
    """Active researchers who may work on the campaign (all of them when it is open to all)."""
    stmt = db.select(User).where(User.role == RESEARCHER, User.active).order_by(User.email)
    if not campaign.open_to_all_researchers:
        stmt = stmt.where(User.id.in_([u.id for u in campaign.researchers]))
    return list(db.session.scalars(stmt))


def campaign_plan(campaign: Campaign) -> list[LocalityPlan]:
    """Every locality of the campaign's gmina with its target and assigned researchers."""
    localities = db.session.scalars(
        db.select(Locality).where(Locality.gmina_code == campaign.gmina_code).order_by(
            Locality.name)
    )
    plan = {loc.id: LocalityPlan(loc) for loc in localities}
    targets = db.session.execute(
        db.select(LocalityTarget.locality_id, LocalityTarget.interviews).where(
            LocalityTarget.campaign_id == campaign.id)
    )
    for locality_id, interviews in targets:
        if locality_id in plan:
            plan[locality_id].target = interviews
    assigned = db.session.execute(
        db.select(LocalityAssignment.locality_id, LocalityAssignment.user_id).where(
            LocalityAssignment.campaign_id == campaign.id)
    )
    for locality_id, user_id in assigned:
        if locality_id in plan:
            plan[locality_id].researcher_ids.add(user_id)
    return list(plan.values())


def save_plan(
    campaign: Campaign, targets: dict[int, int | None], assignments: dict[int, set[int]]
) -> None:
    """Replace the campaign's targets and assignments by the given ones (locality id → target
    or None; locality id → researcher ids). Flushes; the caller commits."""
    localities = {
        loc.id for loc in db.session.scalars(
            db.select(Locality).where(Locality.gmina_code == campaign.gmina_code))
    }
    allowed = {u.id for u in eligible_researchers(campaign)}
    if set(targets) - localities or set(assignments) - localities:
        raise PlanError(_("Ta miejscowość nie należy do gminy kampanii."))
    if any(t is not None and t < 0 for t in targets.values()):
        raise PlanError(_("Cel nie może być ujemny."))
    if any(ids - allowed for ids in assignments.values()):
        raise PlanError(_("Tej osoby nie można przydzielić do kampanii."))
    db.session.execute(db.delete(LocalityTarget).where(LocalityTarget.campaign_id == campaign.id))
    db.session.execute(
        db.delete(LocalityAssignment).where(LocalityAssignment.campaign_id == campaign.id))
    db.session.add_all(
        LocalityTarget(campaign_id=campaign.id, locality_id=loc, interviews=target)
        for loc, target in targets.items() if target is not None
    )
    db.session.add_all(
        LocalityAssignment(campaign_id=campaign.id, locality_id=loc, user_id=user_id)
        for loc, ids in assignments.items() for user_id in sorted(ids)
    )
    db.session.flush()


def assigned_localities(user: User, campaign_ids: list[int]) -> dict[int, set[int]]:
    """Campaign id → the locality ids `user` is assigned to (one statement)."""
    out: dict[int, set[int]] = defaultdict(set)
    if not campaign_ids:
        return out
    rows = db.session.execute(
        db.select(LocalityAssignment.campaign_id, LocalityAssignment.locality_id).where(
            LocalityAssignment.user_id == user.id,
            LocalityAssignment.campaign_id.in_(campaign_ids))
    )
    for campaign_id, locality_id in rows:
        out[campaign_id].add(locality_id)
    return out
