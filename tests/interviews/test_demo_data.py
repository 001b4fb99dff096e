"""The demo data: the record generator, and the visits `flask seed-demo` records with it."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from forms.schema import validate_sync_record
from forms.vocabulary import AREA_KEYS
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.demo.generator import generate_records
from researcher.demo.services import DEMO_VISITS, seed_demo, seed_demo_visits
from researcher.extensions import db
from researcher.interviews.models import Need, QuarantinedRecord, Visit
from researcher.steering.models import (
    LocalityAssignment,
    LocalityTarget,
    ReviewStatus,
    VisitReview,
)

LOCALITIES = [11, 12, 13, 14, 15, 16, 17, 18]
INTERVIEW_KEYS = {"campaign_id", "locality_id", "visit_outcome"}


def records(n: int = 300, **kwargs) -> list[dict]:
    return generate_records(n, campaign_id=1, locality_ids=LOCALITIES, **kwargs)


def needs_of(visits: list[dict]) -> list[dict]:
    return [need for record in visits for need in record["data"].get("needs", [])]


# --- the generator ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 7])
@pytest.mark.parametrize("needs", [None, 3])
def test_every_generated_record_passes_validation_without_warnings(seed, needs):
    for record in records(seed=seed, needs=needs):
        check = validate_sync_record(record)
        assert check.errors == {} and check.warnings == {}, (check.errors, check.warnings)


def test_same_seed_gives_the_same_records_and_another_seed_others():
    assert records(seed=5) == records(seed=5)
    assert {r["uuid"] for r in records(seed=5)}.isdisjoint(r["uuid"] for r in records(seed=6))


def test_records_have_a_realistic_mix_of_visit_outcomes():
    outcomes = Counter(r["data"]["visit_outcome"] for r in records(1000))
    assert set(outcomes) == {"zrealizowany", "przerwany", "odmowa", "nikt", "inny_termin",
                             "brak_doroslego", "niezamieszkany"}
    assert 480 <= outcomes["zrealizowany"] <= 620


def test_visits_without_an_interview_hold_only_the_visit_answers():
    for record in records():
        if record["data"]["visit_outcome"] not in ("zrealizowany", "przerwany"):
            assert set(record["data"]) == INTERVIEW_KEYS


def test_300_visits_have_varied_needs_in_all_14_areas():
    needs = needs_of(records())
    descriptions = {n["description"] for n in needs}
    assert len(descriptions) >= 200
    assert set(AREA_KEYS) <= {n["area"] for n in needs}
    assert {"respondent", "domownik", "rodzina", "sasiad", "ogol"} == {
        n["beneficiary"] for n in needs}
    assert len({g for n in needs for g in n["target_groups"]}) >= 15
    assert len({n["urgency"] for n in needs}) == 4


def test_descriptions_fit_d1_and_hold_no_long_numbers():
    for need in needs_of(records(needs=3)):
        text = need["description"]
        assert 20 <= len(text) <= 300
        assert not any(len(word) > 3 and word.isdigit() for word in text.split())


def test_needs_3_makes_every_record_a_completed_interview_with_three_needs():
    for record in records(100, needs=3):
        assert record["data"]["visit_outcome"] == "zrealizowany"
        assert len(record["data"]["needs"]) == 3
        assert len({n["description"] for n in record["data"]["needs"]}) == 3


def test_health_areas_without_consent_a4_are_only_community_needs():
    for record in records(needs=3):
        if record["data"]["consent_health"] == "nie":
            for need in record["data"]["needs"]:
                if need["area"] in ("zdrowie", "niepelnosprawnosc", "reintegracja"):
                    assert need["beneficiary"] == "ogol"


def test_recorded_at_is_aware_local_fieldwork_time_over_several_weeks():
    moments = [datetime.fromisoformat(r["recorded_at"]) for r in records()]
    assert {m.utcoffset().total_seconds() / 3600 for m in moments} == {1.0, 2.0}  # DST
    assert all(9 <= m.hour <= 19 and m.weekday() != 6 for m in moments)
    assert (max(moments) - min(moments)).days >= 28
    assert moments == sorted(moments)


def test_start_moves_the_fieldwork():
    first = records(50, start=datetime(2027, 6, 1))[0]["recorded_at"]
    assert first.startswith("2027-06") and first.endswith("+02:00")


# --- seed-demo -------------------------------------------------------------------------------


@pytest.fixture
def runner(app_context, tmp_path, monkeypatch):
    monkeypatch.setitem(app_context.config, "DEMO_ACCOUNTS_FILE", str(tmp_path / "demo.txt"))
    return app_context.test_cli_runner()


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.slow
def test_seed_demo_records_visits_through_the_sync_service(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert f"utworzono {DEMO_VISITS}" in result.output
    assert count(Visit) == DEMO_VISITS and count(QuarantinedRecord) == 0
    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    assert {v.researcher_id for v in db.session.scalars(db.select(Visit))} == {researcher.id}
    assert count(Need) > DEMO_VISITS / 2
    assert len({v.locality_id for v in db.session.scalars(db.select(Visit))}) == 8
    # the steering pages are not empty: a plan, timed interviews, one open review thread
    assert count(LocalityTarget) == 8 and count(LocalityAssignment) >= 4
    assert db.session.scalar(db.select(VisitReview.status)) == ReviewStatus.OPEN
    assert db.session.scalar(db.select(db.func.count()).where(Visit.opened_at.is_not(None))) > 0


@pytest.mark.slow
def test_seed_demo_twice_adds_no_visits(runner):
    runner.invoke(args=["seed-demo"])
    visits, needs = count(Visit), count(Need)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "nic nie dodano" in result.output
    assert (count(Visit), count(Need)) == (visits, needs)


def test_seed_demo_visits_0_records_none(runner):
    result = runner.invoke(args=["seed-demo", "--visits", "0"])
    assert result.exit_code == 0, result.output
    assert count(Visit) == 0


def test_demo_visits_end_a_week_before_today(demo):
    campaign = db.session.get(Campaign, demo.campaign_id)
    today = date(campaign.starts_on.year, 6, 30)  # in the past: visits are never in the future
    assert seed_demo_visits(campaign, 40, today=today) == 40
    days = [v.recorded_at.date() for v in db.session.scalars(db.select(Visit))]
    assert max(days) < date(today.year, 6, 24) and min(days) >= date(today.year, 5, 12)


def test_demo_visits_never_precede_the_campaign(demo):
    campaign = db.session.get(Campaign, demo.campaign_id)
    seed_demo_visits(campaign, 40, today=campaign.starts_on)
    days = [v.recorded_at.date() for v in db.session.scalars(db.select(Visit))]
    assert min(days) >= campaign.starts_on


def test_seed_demo_visits_adds_nothing_once_the_campaign_has_visits(demo):
    campaign = db.session.get(Campaign, demo.campaign_id)
    assert seed_demo_visits(campaign, 5) == 5
    assert seed_demo_visits(campaign, 5) == 0
    assert seed_demo(visits=5).visits_created == 0
