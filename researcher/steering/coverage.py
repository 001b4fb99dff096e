"""The round's progress for the manager ("Postęp badania"): per locality, per researcher and
per day — visits by outcome, interviews, response rate, progress to target, last sync,
records in quarantine. A fixed number of aggregate statements whatever the campaign's size
(`tests/steering/test_coverage.py` counts them); no respondent data is read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.models import QuarantinedRecord, QuarantineStatus, SyncBatch, Visit
from researcher.steering.assignments import LocalityPlan, campaign_plan

NOBODY = "nikt"
COMPLETED = "zrealizowany"


@dataclass
class Tally:
    """Visits of one group (a locality, a researcher, a day)."""

    outcomes: Counter = field(default_factory=Counter)
    interviews: int = 0  # consent given, completed or interrupted (`Visit.is_interview`)
    completed: int = 0  # completed interviews: what a target counts
    last_received: datetime | None = None

    @property
    def visits(self) -> int:
        return sum(self.outcomes.values())

    @property
    def response_rate(self) -> float | None:
        """Interviews per door that opened (every outcome but "nikt nie otworzył")."""
        opened = self.visits - self.outcomes[NOBODY]
        return self.interviews / opened if opened else None


@dataclass
class LocalityRow:
    plan: LocalityPlan
    tally: Tally
    quarantined: int = 0  # records waiting in the quarantine that name this campaign and place

    @property
    def progress(self) -> float | None:
        """Completed interviews over the target (may pass 1); None without a target."""
        target = self.plan.target
        return self.tally.completed / target if target else None


@dataclass
class ResearcherRow:
    user: User
    tally: Tally
    localities: int  # how many localities of the campaign they are assigned to
    last_sync: datetime | None
    quarantined: int  # their records waiting in the quarantine (all campaigns)


@dataclass
class Coverage:
    localities: list[LocalityRow]
    researchers: list[ResearcherRow]
    days: list[tuple[date, Tally]]
    total: Tally
    target: int


def _grouped(campaign_id: int, column: Any) -> dict[Any, Tally]:
    """One GROUP BY over the campaign's visits: `column` × outcome."""
    interview = case((Visit.is_interview, 1), else_=0)
    completed = case((Visit.is_interview & (Visit.visit_outcome == COMPLETED), 1), else_=0)
    rows = db.session.execute(
        db.select(column, Visit.visit_outcome, func.count(), func.sum(interview),
                  func.sum(completed), func.max(Visit.received_at))
        .where(Visit.campaign_id == campaign_id)
        .group_by(column, Visit.visit_outcome)
    )
    out: dict[Any, Tally] = {}
    for key, outcome, count, interviews, done, received in rows:
        tally = out.setdefault(key, Tally())
        tally.outcomes[outcome] += count
        tally.interviews += interviews or 0
        tally.completed += done or 0
        if received and (tally.last_received is None or received > tally.last_received):
            tally.last_received = received
    return out


def _sum(tallies: list[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total.outcomes.update(tally.outcomes)
        total.interviews += tally.interviews
        total.completed += tally.completed
        if tally.last_received and (
            total.last_received is None or tally.last_received > total.last_received
        ):
            total.last_received = tally.last_received
    return total


def _quarantined_by_locality(campaign_id: int) -> Counter:
    """Waiting quarantined records per locality, read from their payloads (as sent, possibly
    malformed: a record whose campaign or locality cannot be read counts nowhere here, but
    still under its researcher). The quarantine is a short manual queue: one statement."""
    counts: Counter = Counter()
    payloads = db.session.scalars(
        db.select(QuarantinedRecord.payload).where(
            QuarantinedRecord.status == QuarantineStatus.NEW)
        .execution_options(yield_per=1000)
    )
    for payload in payloads:
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, dict) or data.get("campaign_id") != campaign_id:
            continue
        locality = data.get("locality_id")
        if isinstance(locality, int) and not isinstance(locality, bool):
            counts[locality] += 1
    return counts


def campaign_coverage(campaign: Campaign) -> Coverage:
    """The coverage page's figures for one campaign."""
    plan = campaign_plan(campaign)
    by_locality = _grouped(campaign.id, Visit.locality_id)
    by_researcher = _grouped(campaign.id, Visit.researcher_id)
    by_day = _grouped(campaign.id, Visit.recorded_on)
    assigned = Counter(uid for row in plan for uid in row.researcher_ids)
    ids = set(by_researcher) | set(assigned)
    users = db.session.scalars(db.select(User).where(User.id.in_(ids)).order_by(User.email))
    last_sync = dict(db.session.execute(
        db.select(SyncBatch.researcher_id, func.max(SyncBatch.received_at))
        .where(SyncBatch.researcher_id.in_(ids)).group_by(SyncBatch.researcher_id)
    ).all())
    quarantined = dict(db.session.execute(
        db.select(QuarantinedRecord.researcher_id, func.count())
        .where(QuarantinedRecord.researcher_id.in_(ids),
               QuarantinedRecord.status == QuarantineStatus.NEW)
        .group_by(QuarantinedRecord.researcher_id)
    ).all())
    waiting = _quarantined_by_locality(campaign.id)
    localities = [
        LocalityRow(row, by_locality.get(row.locality.id, Tally()), waiting[row.locality.id])
        for row in plan
    ]
    researchers = [
        ResearcherRow(user, by_researcher.get(user.id, Tally()), assigned[user.id],
                      last_sync.get(user.id), quarantined.get(user.id, 0))
        for user in users
    ]
    days = sorted(by_day.items(), key=lambda item: item[0], reverse=True)
    return Coverage(
        localities=localities,
        researchers=researchers,
        days=days,
        total=_sum(list(by_locality.values())),
        target=sum(row.target or 0 for row in plan),
    )
