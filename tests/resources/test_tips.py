"""Resource tips synced from the phone: kind "resource_tip", stored as tips to confirm."""

import uuid

from researcher.extensions import db
from researcher.interviews.models import QuarantinedRecord
from researcher.resources.models import Resource


def tip(**data):
    body = {"campaign_id": 1, "resource_kind": "pomoc_sasiedzka", "name": "Koło gospodyń",
            "description": "Gotowe pomóc starszym w zakupach", "areas": ["pomoc_spoleczna"]}
    body.update(data)
    return {"kind": "resource_tip", "uuid": str(uuid.uuid4()), "revision": 1,
            "recorded_at": "2026-11-20T10:15:00+01:00", "data": body}


def sync(client, *records):
    batch = {"device_id": str(uuid.uuid4()), "batch_id": str(uuid.uuid4()),
             "records": list(records)}
    return client.post("/api/v1/sync", json=batch).json["results"]


def test_a_tip_becomes_a_register_entry_to_confirm(client, login, demo, interview):
    researcher = login("researcher")
    results = sync(client, tip(), interview())
    assert [r["status"] for r in results] == ["created", "created"]
    resource = db.session.scalar(db.select(Resource))
    assert (resource.status, resource.kind, resource.name) == (
        "zgloszony", "pomoc_sasiedzka", "Koło gospodyń"
    )
    assert resource.created_by_id == researcher.id and resource.source_date.isoformat() == (
        "2026-11-20"
    )


def test_a_tip_sent_twice_is_stored_once(client, login, demo):
    login("researcher")
    record = tip()
    sync(client, record)
    assert sync(client, record)[0]["status"] == "unchanged"
    assert db.session.scalar(db.select(db.func.count()).select_from(Resource)) == 1


def test_a_bad_tip_is_rejected_at_its_field_and_quarantined(client, login, demo):
    login("researcher")
    [result] = sync(client, tip(resource_kind="ufo", name=""))
    assert result["status"] == "rejected"
    assert set(result["errors"]) == {"data.resource_kind", "data.name"}
    assert db.session.scalar(db.select(db.func.count()).select_from(QuarantinedRecord)) == 1
    assert db.session.scalar(db.select(Resource)) is None


def test_a_tip_with_a_phone_number_gets_the_personal_data_warning(client, login, demo):
    login("researcher")
    [result] = sync(client, tip(description="Pani Ania, tel. 600 700 800"))
    assert result["status"] == "created"
    assert "data.description" in result["warnings"]


def test_a_tip_for_a_locality_of_another_gmina_is_rejected(client, login, demo):
    login("researcher")
    [result] = sync(client, tip(locality_id=99999))
    assert result["status"] == "rejected" and "data.locality_id" in result["errors"]
