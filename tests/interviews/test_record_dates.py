"""Plausible dates: a visit lies within its campaign's period (± a day) and not in the future
beyond two hours of clock skew; a late sync of an ended campaign's visit is still accepted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.record_rules import after_today
from tests.interviews.conftest import batch


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _send(client, record):
    return client.post("/api/v1/sync", json=batch(record)).json["results"][0]


@pytest.fixture
def campaign(demo) -> Campaign:
    campaign = db.session.get(Campaign, 1)
    campaign.starts_on, campaign.ends_on = date(2026, 3, 1), date(2026, 6, 30)
    db.session.commit()
    return campaign


@pytest.mark.parametrize("year", [1900, 2100, 9999])
def test_an_absurd_year_is_rejected(client, login, demo, interview, year):
    login("researcher")
    result = _send(client, interview(recorded_at=f"{year}-06-15T10:00:00+02:00"))
    assert result["status"] == "rejected" and "recorded_at" in result["errors"]


def test_a_visit_before_the_campaign_is_rejected(client, login, campaign, interview):
    login("researcher")
    result = _send(client, interview(recorded_at="2026-02-20T10:00:00+01:00"))
    assert result["status"] == "rejected"
    assert "początek kampanii" in result["errors"]["recorded_at"][0]


def test_a_visit_a_few_hours_before_the_start_is_within_the_margin(
    client, login, campaign, interview
):
    login("researcher")
    result = _send(client, interview(recorded_at="2026-02-28T22:00:00+01:00"))
    assert result["status"] == "created"


def test_an_ended_campaigns_visit_synced_late_is_accepted(client, login, campaign, interview):
    login("researcher")  # today is after 30 June 2026: the campaign has ended
    result = _send(client, interview(recorded_at="2026-06-30T18:00:00+02:00"))
    assert result["status"] == "created"


def test_a_visit_recorded_after_the_campaign_ended_is_rejected(
    client, login, campaign, interview
):
    login("researcher")
    result = _send(client, interview(recorded_at="2026-07-05T10:00:00+02:00"))
    assert result["status"] == "rejected"
    assert "zakończyła się" in result["errors"]["recorded_at"][0]


def test_a_visit_in_the_future_beyond_clock_skew_is_rejected(client, login, demo, interview):
    login("researcher")
    campaign = db.session.get(Campaign, 1)
    campaign.ends_on = date.today() + timedelta(days=30)
    db.session.commit()
    later = _send(client, interview(recorded_at=_iso(datetime.now(UTC) + timedelta(hours=5))))
    assert later["status"] == "rejected" and "przyszłości" in later["errors"]["recorded_at"][0]
    skewed = _send(client, interview(recorded_at=_iso(datetime.now(UTC) + timedelta(hours=1))))
    assert skewed["status"] == "created"


@pytest.mark.parametrize(("utc", "day", "later"), [
    (datetime(2026, 12, 6, 23, 30), date(2026, 12, 7), False),  # 00:30 in Warsaw
    (datetime(2026, 12, 6, 23, 30), date(2026, 12, 8), True),
    (datetime(2026, 7, 6, 22, 30), date(2026, 7, 7), False),  # 00:30 in summer time
    (datetime(2026, 12, 6, 12, 0), date(2026, 12, 6), False),
    (datetime(2026, 12, 6, 12, 0), date(2026, 12, 7), True),
    (datetime(2026, 12, 6, 21, 30), date(2026, 12, 7), False),  # a phone two hours ahead
])  # fmt: skip
def test_after_today_counts_days_in_poland(utc, day, later):
    assert after_today(day, now=utc) is later
