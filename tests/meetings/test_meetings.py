"""Meetings with residents: recorded on the panel or synced from a phone, with their needs."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from researcher.campaigns.models import Campaign
from researcher.extensions import db, local_today
from researcher.gminas.models import Locality
from researcher.interviews.models import Need, QuarantinedRecord
from researcher.meetings.models import Meeting
from researcher.reports.slices import ReportFilter, counts
from tests.interviews.conftest import batch


def _campaign() -> Campaign:
    return db.session.scalar(db.select(Campaign))


def _locality() -> Locality:
    return db.session.scalar(db.select(Locality).order_by(Locality.id))


def _record(**changes):
    record = {
        "kind": "meeting", "uuid": str(uuid.uuid4()), "revision": 1,
        "recorded_at": "2026-04-10T18:00:00+02:00",
        "data": {
            "campaign_id": _campaign().id,
            "held_on": "2026-04-10", "kind": "seniorzy", "organiser": "Klub Seniora",
            "locality_id": _locality().id, "participants": {"60_74": 14, "75_plus": 9},
            "needs": [
                {"description": "Dowóz na rehabilitację", "area": "zdrowie",
                 "target_groups": ["seniorzy_75"], "urgency": "3m", "voiced_by": 11},
                {"description": "Zajęcia ruchowe w świetlicy", "area": "sport_turystyka",
                 "target_groups": ["seniorzy"], "urgency": "12m", "voiced_by": 6},
            ],
        },
    }  # fmt: skip
    record.update(changes)
    return record


def test_a_meeting_synced_from_a_phone_stores_its_needs_as_meeting_needs(client, login, demo):
    login("researcher")
    record = _record()
    result = client.post("/api/v1/sync", json=batch(record)).json["results"][0]
    assert result["status"] == "created"
    meeting = db.session.scalar(db.select(Meeting))
    assert meeting.participants_total == 23 and meeting.device_id
    needs = db.session.scalars(db.select(Need).order_by(Need.position)).all()
    assert [(n.channel, n.meeting_id, n.visit_id, n.voiced_by) for n in needs] == [
        ("spotkanie", meeting.id, None, 11), ("spotkanie", meeting.id, None, 6)
    ]
    again = client.post("/api/v1/sync", json=batch(record)).json["results"][0]
    assert again["status"] == "unchanged"


def test_a_newer_revision_updates_the_meeting_and_keeps_the_review(client, login, demo):
    user = login("researcher")
    record = _record()
    client.post("/api/v1/sync", json=batch(record))
    need = db.session.scalar(db.select(Need).where(Need.position == 1))
    need.quote_approved = True
    db.session.commit()
    record["revision"] = 2
    record["data"]["needs"] = record["data"]["needs"][:1]
    record["data"]["needs"][0]["voiced_by"] = 12
    result = client.post("/api/v1/sync", json=batch(record)).json["results"][0]
    assert result["status"] == "updated"
    (kept,) = db.session.scalars(db.select(Need)).all()
    assert kept.voiced_by == 12 and kept.quote_approved is True
    assert kept.researcher_id == user.id


def test_a_meeting_with_more_voices_than_participants_is_rejected_and_quarantined(
    client, login, demo
):
    login("researcher")
    record = _record()
    record["data"]["needs"][0]["voiced_by"] = 40
    result = client.post("/api/v1/sync", json=batch(record)).json["results"][0]
    assert result["status"] == "rejected" and "data.needs.0.voiced_by" in result["errors"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Need)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(QuarantinedRecord)) == 1


def test_a_broken_meeting_record_names_its_fields(client, login, demo):
    login("researcher")
    record = _record()
    del record["data"]["held_on"]
    record["data"]["needs"][1]["voiced_by"] = "six"
    errors = client.post("/api/v1/sync", json=batch(record)).json["results"][0]["errors"]
    assert {"data.held_on", "data.needs.1.voiced_by"} <= set(errors)


def test_meeting_participants_are_not_respondents(client, login, demo):
    login("researcher")
    client.post("/api/v1/sync", json=batch(_record()))
    total = counts(ReportFilter(campaign_id=_campaign().id))
    assert sum(total.visits.values()) == 0
    assert sum(total.needs.values()) == 2


def test_the_manager_records_a_meeting_on_the_panel(client, login, demo):
    login("manager")
    response = client.post("/spotkania/nowe", data={
        "campaign": _campaign().id, "held_on": "2026-04-12", "kind": "zebranie",
        "organiser": "Sołtys i Rada Sołecka", "locality": _locality().name,
        "participants-18_29": "3", "participants-30_59": "12", "participants-60_74": "5",
        "needs-0-description": "Świetlica otwarta po południu", "needs-0-area": "kultura",
        "needs-0-target_groups": ["dzieci", "mlodziez"], "needs-0-urgency": "12m",
        "needs-0-voiced_by": "9",
        "needs-1-description": "", "needs-1-area": "kultura", "needs-1-urgency": "12m",
    })  # fmt: skip
    assert response.status_code == 302, response.text
    meeting = db.session.scalar(db.select(Meeting))
    assert meeting.participants == {"18_29": 3, "30_59": 12, "60_74": 5}
    assert meeting.device_id is None and meeting.locality_id == _locality().id
    (need,) = meeting.needs
    assert (need.channel, need.voiced_by, need.target_groups) == ("spotkanie", 9,
                                                                    ["dzieci", "mlodziez"])
    page = client.get(f"/spotkania/{meeting.id}")
    assert "Świetlica otwarta po południu" in page.text
    assert client.get("/spotkania/").status_code == 200


def test_the_panel_names_the_need_row_with_too_many_voices(client, login, demo):
    login("manager")
    response = client.post("/spotkania/nowe", data={
        "campaign": _campaign().id, "held_on": "2026-04-12", "kind": "zebranie",
        "organiser": "KGW", "participants-30_59": "4",
        "needs-0-description": "Coś", "needs-0-area": "kultura",
        "needs-0-target_groups": ["dzieci"], "needs-0-urgency": "12m", "needs-0-voiced_by": "9",
    })  # fmt: skip
    assert response.status_code == 400
    assert "od 1 do liczby uczestników (4)" in response.text
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


def test_a_meeting_held_today_in_poland_is_accepted_at_any_hour(client, login, demo):
    # Between midnight and one in the morning in Poland the UTC date is still yesterday.
    login("researcher")
    now = datetime.now(UTC)
    record = _record(recorded_at=now.isoformat())
    record["data"]["held_on"] = local_today().isoformat()
    result = client.post("/api/v1/sync", json=batch(record)).json["results"][0]
    assert result["status"] == "created", result


def test_a_meeting_held_after_today_is_rejected_on_its_date(client, login, demo):
    login("researcher")
    record = _record(recorded_at=datetime.now(UTC).isoformat())
    record["data"]["held_on"] = (local_today() + timedelta(days=2)).isoformat()
    result = client.post("/api/v1/sync", json=batch(record)).json["results"][0]
    assert result["status"] == "rejected" and "data.held_on" in result["errors"]
