"""Quality signals: neutral prompts to review an interview, thresholds from the settings; the
phone's timing travels as envelope metadata accepted by every questionnaire version."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from forms.questionnaire import QUESTIONNAIRES, get_questionnaire
from forms.schema import validate_sync_record
from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.models import Visit
from researcher.interviews.sync import CREATED, REJECTED, apply_record
from researcher.steering.quality import (
    Signal,
    SignalKind,
    Thresholds,
    answer_positions,
    campaign_signals,
    duration_seconds,
    interview_signals,
    longest_run,
    nobody_runs,
    signal_page,
)

LIMITS = Thresholds(short_seconds=300, same_answers=8, nobody_run=3)


def _researcher() -> User:
    return db.session.scalar(db.select(User).where(User.role == "researcher"))


@pytest.mark.parametrize("version", sorted(QUESTIONNAIRES))
def test_every_published_version_accepts_the_timing_in_the_envelope(interview, version):
    record = interview(form_version=version, opened_at="2026-11-20T09:55:00+01:00",
                       finished_at="2026-11-20T10:15:00+01:00")
    check = validate_sync_record(record)
    assert "opened_at" not in check.errors and "finished_at" not in check.errors


def test_a_record_without_timing_is_still_accepted(demo, interview):
    result = apply_record(interview(), _researcher(), "device", "batch")
    assert result.status == CREATED
    assert db.session.scalar(db.select(Visit.opened_at)) is None


def test_the_server_stores_when_the_form_was_opened_and_finished(demo, interview):
    record = interview(opened_at="2026-11-20T09:55:00+01:00",
                       finished_at="2026-11-20T10:15:00+01:00")
    assert apply_record(record, _researcher(), "device", "batch").status == CREATED
    visit = db.session.scalar(db.select(Visit))
    assert (visit.opened_at, visit.finished_at) == (datetime(2026, 11, 20, 8, 55),
                                                   datetime(2026, 11, 20, 9, 15))


def test_a_timing_that_is_not_a_date_is_rejected_at_its_path(demo, interview):
    result = apply_record(interview(opened_at="wczoraj"), _researcher(), "device", "batch")
    assert result.status == REJECTED and "opened_at" in result.errors
    result = apply_record(interview(finished_at="0001-01-01T00:00:00+01:00"), _researcher(),
                          "device", "batch")
    assert result.status == REJECTED and "finished_at" in result.errors


def test_duration_is_unknown_without_both_times_or_when_they_are_reversed():
    now = datetime(2026, 5, 1, 10)
    assert duration_seconds(now, now + timedelta(minutes=4)) == 240
    assert duration_seconds(None, now) is None
    assert duration_seconds(now, now - timedelta(seconds=1)) is None


def test_longest_run_counts_equal_neighbours():
    assert longest_run([0, 0, 1, 1, 1, 0]) == 3
    assert longest_run([]) == 0


def test_answer_positions_skip_the_visit_and_consents_and_follow_the_needs(interview):
    data = interview()["data"]
    positions = answer_positions("2026.1", data)
    # household (7 single choices), then each need's single choices, then community
    assert len(positions) >= 7 + 3 * 4
    assert all(isinstance(p, int) and p >= 0 for p in positions)


def test_a_short_interview_is_a_signal(demo, interview):
    record = interview(opened_at="2026-11-20T10:13:00+01:00",
                       finished_at="2026-11-20T10:15:00+01:00")
    assert apply_record(record, _researcher(), "device", "batch").status == CREATED
    kinds = {s.kind: s.value for s in campaign_signals(demo.campaign_id, LIMITS)}
    assert kinds == {SignalKind.SHORT: 120}


def test_a_run_of_answers_at_the_same_position_is_a_signal(interview):
    data = interview()["data"]
    questions = get_questionnaire("2026.1").questions_by_key
    household = ("age_band", "gender", "household_size", "daily_help_needed", "informal_carer",
                 "household_type", "respondent_situation")
    for key in household:  # always the first option offered
        data[key] = questions[key].options[0].key
    visit = SimpleNamespace(id=1, researcher_id=1, recorded_at=datetime(2026, 5, 1),
                            is_interview=True, opened_at=None, finished_at=None,
                            form_version="2026.1", data=data, needs=[])
    limits = Thresholds(short_seconds=300, same_answers=len(household), nobody_run=3)
    (signal,) = interview_signals(visit, limits)
    assert signal.kind == SignalKind.SAME_ANSWERS and signal.value >= len(household)
    visit.is_interview = False  # a visit without an interview has no answers to look at
    assert interview_signals(visit, limits) == []


def test_a_normal_interview_raises_no_signal(demo, interview):
    record = interview(opened_at="2026-11-20T09:50:00+01:00",
                       finished_at="2026-11-20T10:15:00+01:00")
    assert apply_record(record, _researcher(), "device", "batch").status == CREATED
    assert campaign_signals(demo.campaign_id, LIMITS) == []


def _v(n: int, researcher: int, outcome: str) -> SimpleNamespace:
    return SimpleNamespace(id=n, researcher_id=researcher, visit_outcome=outcome,
                           recorded_at=datetime(2026, 5, 1, 8) + timedelta(minutes=n))


def test_a_run_of_nobody_home_counts_per_researcher_and_breaks_on_another_outcome():
    visits = [_v(1, 1, "nikt"), _v(2, 1, "nikt"), _v(3, 1, "odmowa"), _v(4, 1, "nikt"),
              _v(5, 1, "nikt"), _v(6, 1, "nikt"), _v(7, 2, "nikt"), _v(8, 2, "nikt")]
    (signal,) = nobody_runs(visits, LIMITS)
    assert (signal.kind, signal.visit_id, signal.researcher_id, signal.value) == (
        SignalKind.NOBODY_RUN, 6, 1, 3)


def test_thresholds_are_settings(app):
    limits = Thresholds.from_config(app.config)
    assert limits == Thresholds(
        short_seconds=app.config["QUALITY_SHORT_INTERVIEW_SECONDS"],
        same_answers=app.config["QUALITY_SAME_ANSWERS_RUN"],
        nobody_run=app.config["QUALITY_NOBODY_RUN"],
    )


def test_the_coverage_page_lists_signals_to_review(demo, add_visit, client, login, app,
                                                   monkeypatch):
    monkeypatch.setitem(app.config, "QUALITY_NOBODY_RUN", 2)
    add_visit("nikt", when=datetime(2026, 5, 10, 10, 0))
    add_visit("nikt", when=datetime(2026, 5, 10, 10, 5))
    login("manager")
    page = client.get(f"/postep?kampania={demo.campaign_id}").get_data(as_text=True)
    assert "Do przejrzenia" in page
    assert "Wiele „nikt nie otworzył” z rzędu" in page
    assert "2 wizyt „nikt nie otworzył” z rzędu" in page
    assert "nie ocena" in page


def test_the_campaigns_signals_count_the_needs_answers_read_from_their_rows(demo, interview):
    """The fixture's longest run (3) is inside its needs, which `visits.data` no longer holds:
    the campaign's signals read them from `needs`, as one visit's page does."""
    record = interview()
    assert longest_run(answer_positions("2026.1", record["data"])) == 3
    assert apply_record(record, _researcher(), "device", "batch").status == CREATED
    db.session.commit()
    limits = Thresholds(short_seconds=300, same_answers=3, nobody_run=3)
    [signal] = campaign_signals(demo.campaign_id, limits)
    assert (signal.kind, signal.value) == (SignalKind.SAME_ANSWERS, 3)
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))
    assert "needs" not in visit.data
    assert interview_signals(visit, limits) == [signal]


def _signals(n: int) -> list[Signal]:
    kinds = [SignalKind.SHORT, SignalKind.NOBODY_RUN]
    return [Signal(kinds[i % 2], i, 1, datetime(2026, 5, 1) - timedelta(minutes=i), 60)
            for i in range(n)]


def test_signals_are_shown_a_page_at_a_time_with_the_counts_of_them_all():
    page = signal_page(_signals(120), page=3, per_page=50)
    assert (len(page.shown), page.total, page.page, page.pages) == (20, 120, 3, 3)
    assert page.shown[0].visit_id == 100
    assert page.by_kind == {SignalKind.SHORT: 60, SignalKind.SAME_ANSWERS: 0,
                            SignalKind.NOBODY_RUN: 60}


def test_a_page_out_of_range_shows_the_nearest():
    assert signal_page(_signals(3), page=9, per_page=2).page == 2
    assert signal_page(_signals(3), page=-1, per_page=2).page == 1
    assert signal_page([], page=1).pages == 1


def test_the_coverage_page_pages_its_signals(demo, add_visit, client, login, app, monkeypatch):
    monkeypatch.setitem(app.config, "QUALITY_NOBODY_RUN", 2)
    monkeypatch.setattr("researcher.steering.quality.SIGNALS_PER_PAGE", 1)
    for day in (10, 11):  # two runs of "nikt" (besides whatever the demo raises)
        add_visit("nikt", when=datetime(2026, 5, day, 10, 0))
        add_visit("nikt", when=datetime(2026, 5, day, 10, 5))
        add_visit("odmowa", when=datetime(2026, 5, day, 11, 0))
    total = len(campaign_signals(demo.campaign_id, Thresholds.from_config(app.config)))
    assert total >= 2
    login("manager")
    first = client.get(f"/postep?kampania={demo.campaign_id}").get_data(as_text=True)
    assert first.count('class="visit-item"') == 1
    assert f"Sygnałów: {total}" in first and f"Strona 1 z {total}" in first
    assert "strona=2" in first and "Nowsze" not in first
    last = client.get(f"/postep?kampania={demo.campaign_id}&strona={total}").get_data(as_text=True)
    assert last.count('class="visit-item"') == 1 and "Nowsze" in last and "Starsze" not in last
