"""A paper interview entered later on the phone: its real date, marked as from paper."""

from __future__ import annotations

from datetime import datetime, timedelta

from researcher.extensions import db
from researcher.field.services import correction_record
from researcher.interviews.models import Need, Visit
from tests.interviews.conftest import batch


def _sync(client, *records):
    return client.post("/api/v1/sync", json=batch(*records)).json["results"]


def test_a_paper_interview_keeps_its_date_and_is_marked_from_paper(client, login, demo,
                                                                   interview):
    login("researcher")
    record = interview(recorded_at="2026-03-04T16:30:00+01:00", from_paper=True)
    assert _sync(client, record)[0]["status"] == "created"
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))
    assert visit.from_paper is True
    assert visit.recorded_at == datetime(2026, 3, 4, 15, 30)  # UTC
    assert str(visit.recorded_on) == "2026-03-04"


def test_a_visit_recorded_on_the_phone_is_not_from_paper(client, login, demo, interview):
    login("researcher")
    record = interview()
    _sync(client, record)
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))
    assert visit.from_paper is False


def test_a_paper_date_before_the_campaign_or_in_the_future_is_refused(client, login, demo,
                                                                      interview):
    login("researcher")
    early = interview(recorded_at="2025-11-20T10:00:00+01:00", from_paper=True)
    future = interview(from_paper=True, recorded_at=(datetime.now().astimezone()
                                                     + timedelta(days=2)).isoformat())
    results = _sync(client, early, future)
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert "początek kampanii" in results[0]["errors"]["recorded_at"][0]
    assert "w przyszłości" in results[1]["errors"]["recorded_at"][0]


def test_from_paper_must_be_true_or_false(client, login, demo, interview):
    login("researcher")
    result = _sync(client, interview(from_paper="tak"))[0]
    assert result["status"] == "rejected" and "from_paper" in result["errors"]


def test_a_correction_of_a_paper_interview_stays_from_paper(client, login, demo, interview):
    user = login("researcher")
    record = interview(recorded_at="2026-03-04T16:30:00+01:00", from_paper=True)
    _sync(client, record)
    again = correction_record(user, record["uuid"])
    assert again["from_paper"] is True
    again["revision"] += 1
    again["data"]["services_rating"] = "bardzo_zle"
    assert _sync(client, again)[0]["status"] == "updated"
    assert db.session.scalar(db.select(Visit.from_paper).where(Visit.uuid == record["uuid"]))


def test_the_manager_sees_a_need_came_from_a_paper_interview(client, login, demo, interview,
                                                             make_user):
    researcher = make_user("researcher")
    from tests.conftest import log_in

    log_in(client, researcher)
    paper, phone = interview(from_paper=True), interview()
    _sync(client, paper, phone)
    login("manager")
    need_of = {
        uuid: db.session.scalar(db.select(Need.id).join(Visit).where(Visit.uuid == uuid))
        for uuid in (paper["uuid"], phone["uuid"])
    }
    assert "wywiad z papieru" in client.get(f"/potrzeby/{need_of[paper['uuid']]}").text
    assert "wywiad z papieru" not in client.get(f"/potrzeby/{need_of[phone['uuid']]}").text
