"""Planning the slices of a long report is linear in the days: a campaign with a slice in
every week of ten years costs a bounded number of steps per day slice, not months × days."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.models import Visit
from researcher.reports import slices
from researcher.reports.aggregates import ReportFilter

DAYS = 522  # ten years, one visit a week (120 months: months × days would be 62,640)


def _one_visit_a_week(campaign_id: int) -> None:
    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    start = datetime(2016, 1, 1, 10, 0)
    db.session.execute(Visit.__table__.insert(), [
        {"uuid": str(uuid.uuid4()), "revision": 1, "form_version": "2026.1",
         "content_hash": "0" * 64, "recorded_at": start + timedelta(weeks=i),
         "researcher_id": researcher.id, "device_id": "d", "campaign_id": campaign_id,
         "visit_outcome": "odmowa", "is_interview": False, "data": {}}
        for i in range(DAYS)
    ])  # fmt: skip
    db.session.commit()


def test_ten_years_of_slices_plan_in_linear_steps(demo, monkeypatch):
    _one_visit_a_week(demo.campaign_id)
    calls = 0
    month_of = slices._month

    def counted(day):
        nonlocal calls
        calls += 1
        return month_of(day)

    monkeypatch.setattr(slices, "_month", counted)
    total = slices.counts(ReportFilter(demo.campaign_id))
    assert sum(total.visits.values()) == DAYS
    # Each day is put in its month a few times (planning, refreshing); never once per month.
    assert calls <= 4 * DAYS
