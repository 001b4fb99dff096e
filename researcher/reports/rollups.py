"""Counts across campaigns: per campaign in integer tables, added up by voivodeship or country.

The views across campaigns (campaigns side by side, voivodeship and country roll-ups) need few
counts per campaign — visits, interviews, needs by area × urgency × met status and by
area × target group — but of every campaign at once. They are kept as integer rows
(`campaign_tallies`, `campaign_need_counts`, `campaign_group_counts`) current by the same
signature mechanism as the report slices (`reports.slices`), one signature per campaign:

1. the signature of each campaign in scope is read from the slice indexes (number of visits and
   needs, their latest `updated_at`), without reading rows;
2. campaigns whose stored signature differs are recounted with grouped queries and their rows
   replaced (committed at once: a cache, like the slices; a lost race only costs a recount);
3. the rows are added up by the database, grouped by campaign, powiat or voivodeship (the
   first four or two digits of the gmina code), so a country figure reads a few hundred
   thousand small integer rows and never a need.

Counting rules are those of the dashboard (`reports.aggregates`): rejected needs and the needs
and visits frozen under art. 18 are left out; the area and target groups are the reviewed ones
where the manager set them.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Integer, String, case, delete, func, insert, select, text, true
from sqlalchemy.exc import IntegrityError, OperationalError

from researcher.campaigns.models import Campaign
from researcher.extensions import db, utcnow
from researcher.interviews.models import Need, NeedStatus, Visit, need_not_restricted
from researcher.reports.models import CampaignGroupCount, CampaignNeedCount, CampaignTally
from researcher.reports.slices import (
    EFFECTIVE_AREA,
    _json_elements,
    _json_type,
    effective_target_groups,
)

log = logging.getLogger(__name__)

CAMPAIGN, POWIAT, VOIVODESHIP = "campaign", "powiat", "voivodeship"
#: How many leading digits of the gmina code (WOJ+POW+GMI) a unit keeps.
PREFIX_LENGTH = {VOIVODESHIP: 2, POWIAT: 4}
CHUNK = 500  # campaigns per recount: bounds the IN lists and the memory of one pass


@dataclass(frozen=True)
class Scope:
    """Which campaigns: every one (None), those of one voivodeship (two-digit TERC code) or of
    one powiat (four digits); or one campaign (the background count after its data changed)."""

    prefix: str | None = None
    campaign_id: int | None = None

    def conditions(self) -> list[Any]:
        out = []
        if self.prefix is not None:
            out.append(Campaign.gmina_code.startswith(self.prefix, autoescape=True))
        if self.campaign_id is not None:
            out.append(Campaign.id == self.campaign_id)
        return out


@dataclass
class Rollup:
    """Counts keyed by unit (campaign id, voivodeship or powiat code) first."""

    visits: Counter = field(default_factory=Counter)  # unit → visits
    interviews: Counter = field(default_factory=Counter)  # unit → interviews
    needs: Counter = field(default_factory=Counter)  # (unit, area, urgency, met status) → n
    area_groups: Counter = field(default_factory=Counter)  # (unit, area, target group) → n

    def total_needs(self) -> Counter:
        """(area, urgency, met status) → needs, over every unit."""
        out: Counter = Counter()
        for (_, *key), n in self.needs.items():
            out[tuple(key)] += n
        return out

    def total_area_groups(self) -> Counter:
        """(area, target group) → needs, over every unit."""
        out: Counter = Counter()
        for (_, *key), n in self.area_groups.items():
            out[tuple(key)] += n
        return out


# --- 1. signatures -----------------------------------------------------------------------------


def _campaign_ids(scope: Scope) -> list[int]:
    return list(db.session.scalars(select(Campaign.id).where(*scope.conditions())))


def signatures(scope: Scope) -> dict[int, str]:
    """Campaign id → the state of its visits and needs (count and latest change of each)."""
    parts: dict[int, list[str]] = {cid: ["0", "-", "0", "-"] for cid in _campaign_ids(scope)}
    for offset, model in ((0, Visit), (2, Need)):
        query = select(model.campaign_id, func.count(), func.max(model.updated_at, type_=String))
        if scope.conditions():
            query = query.where(
                model.campaign_id.in_(select(Campaign.id).where(*scope.conditions()))
            )
        for campaign_id, n, latest in db.session.execute(query.group_by(model.campaign_id)):
            if campaign_id in parts:
                parts[campaign_id][offset : offset + 2] = [str(n), str(latest)]
    return {cid: " ".join(values) for cid, values in parts.items()}


# --- 2. recounting -----------------------------------------------------------------------------


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _recount(ids: list[int]) -> tuple[list[dict], list[dict], list[dict]]:
    """The rows of the three tables for the campaigns `ids` (tallies, need counts, groups)."""
    tallies = {cid: {"campaign_id": cid, "visits": 0, "interviews": 0, "needs": 0} for cid in ids}
    visits = select(
        Visit.campaign_id, func.count(), func.sum(case((Visit.is_interview, 1), else_=0))
    ).where(Visit.campaign_id.in_(ids), ~Visit.restricted)
    for cid, n, interviews in db.session.execute(visits.group_by(Visit.campaign_id)):
        tallies[cid].update(visits=n, interviews=int(interviews or 0))
    where = [Need.campaign_id.in_(ids), Need.status != NeedStatus.REJECTED, need_not_restricted()]
    key = (Need.campaign_id, EFFECTIVE_AREA, Need.urgency, Need.met_status)
    needs = []
    for cid, area, urgency, met_status, n in db.session.execute(
        select(*key, func.count()).where(*where).group_by(*key)
    ):
        needs.append(
            {"campaign_id": cid, "area": area, "urgency": urgency, "met_status": met_status, "n": n}
        )
        tallies[cid]["needs"] += n
    groups = _json_elements(effective_target_groups())
    group_key = (Need.campaign_id, EFFECTIVE_AREA, groups.c.value)
    group_rows = [
        {"campaign_id": cid, "area": area, "target_group": group, "n": n}
        for cid, area, group, n in db.session.execute(
            select(*group_key, func.count())
            .select_from(Need)
            .join(groups, true())
            .where(*where, _json_type(effective_target_groups()) == "array")
            .group_by(*group_key)
        )
    ]
    return list(tallies.values()), needs, group_rows


def _replace(ids: list[int], fresh: dict[int, str]) -> None:
    tallies, needs, groups = _recount(ids)
    now = utcnow()
    for row in tallies:
        row.update(signature=fresh[row["campaign_id"]], computed_at=now)
    for model in (CampaignGroupCount, CampaignNeedCount, CampaignTally):
        db.session.execute(delete(model).where(model.campaign_id.in_(ids)))
    for model, rows in ((CampaignTally, tallies), (CampaignNeedCount, needs),
                        (CampaignGroupCount, groups)):  # fmt: skip
        if rows:
            db.session.execute(insert(model), rows)


class Refreshed(NamedTuple):
    recounted: int  # campaigns recounted
    version: str  # a digest of every signature in scope: changes whenever a count can


def refresh(scope: Scope) -> Refreshed:
    """Recount and store the campaigns in `scope` whose data changed.

    Commits (a cache of counts, like `report_slices`): call it with no unsaved changes.
    """
    fresh = signatures(scope)
    stored = dict(
        db.session.execute(
            select(CampaignTally.campaign_id, CampaignTally.signature).where(
                CampaignTally.campaign_id.in_(select(Campaign.id).where(*scope.conditions()))
            )
        ).all()
    )
    stale = sorted(cid for cid, signature in fresh.items() if stored.get(cid) != signature)
    for ids in _chunks(stale):
        try:
            _replace(ids, fresh)
            db.session.commit()
        except (IntegrityError, OperationalError):
            # Another request stored the same campaigns meanwhile, or SQLite is busy.
            db.session.rollback()
            log.warning("campaign counts not stored (race or busy database); recounted next time")
    digest = hashlib.sha1(usedforsecurity=False)
    for cid in sorted(fresh):
        digest.update(f"{cid}={fresh[cid]};".encode())
    return Refreshed(len(stale), digest.hexdigest())


# --- 3. the sums -------------------------------------------------------------------------------


def _unit(unit: str) -> Any:
    if unit == CAMPAIGN:
        return Campaign.id
    return func.substr(Campaign.gmina_code, 1, PREFIX_LENGTH[unit]).label(unit)


def _summed(model: Any, unit: str, scope: Scope, *columns: Any) -> Iterable[Any]:
    key = (_unit(unit), *columns)
    query = (
        select(*key, func.sum(model.n, type_=Integer))
        .join(Campaign, Campaign.id == model.campaign_id)
        .where(*scope.conditions())
        .group_by(*key)
    )
    return db.session.execute(query)


def rollup(scope: Scope, unit: str) -> Rollup:
    """The stored counts of `scope`, added up per campaign, powiat or voivodeship (call `refresh`
    first to bring them up to date)."""
    out = Rollup()
    if db.session.get_bind().dialect.name == "postgresql":
        # The planner expects every row to be its own group (~140,000 at 100k interviews, 3,700
        # in truth) and, within the default 4 MB, sorts them on disk: 1.4 s instead of 0.4 s.
        db.session.execute(text("SET LOCAL work_mem = '32MB'"))
    key = _unit(unit)
    tallies = (
        select(key, func.sum(CampaignTally.visits), func.sum(CampaignTally.interviews))
        .join(Campaign, Campaign.id == CampaignTally.campaign_id)
        .where(*scope.conditions())
        .group_by(key)
    )
    for unit_key, visits, interviews in db.session.execute(tallies):
        out.visits[unit_key] = int(visits or 0)
        out.interviews[unit_key] = int(interviews or 0)
    for unit_key, area, urgency, met_status, n in _summed(
        CampaignNeedCount, unit, scope, CampaignNeedCount.area, CampaignNeedCount.urgency,
        CampaignNeedCount.met_status,
    ):  # fmt: skip
        out.needs[(unit_key, area, urgency, met_status)] = int(n)
    for unit_key, area, group, n in _summed(
        CampaignGroupCount, unit, scope, CampaignGroupCount.area, CampaignGroupCount.target_group
    ):
        out.area_groups[(unit_key, area, group)] = int(n)
    return out
