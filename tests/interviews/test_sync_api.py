"""POST /api/v1/sync: statuses, idempotency, versions, quarantine, limits, auth, CSRF."""

from __future__ import annotations

import uuid

from researcher.extensions import db
from researcher.interviews.models import Need, QuarantinedRecord, Visit, VisitVersion
from tests.interviews.conftest import batch


def sync(client, *records, **kwargs):
    return client.post("/api/v1/sync", json=batch(*records, **kwargs))


def statuses(response):
    return [r["status"] for r in response.get_json()["results"]]


def test_fixture_interview_is_created_with_its_three_needs(client, login, demo, interview):
    login("researcher")
    record = interview()
    response = sync(client, record)
    assert response.status_code == 200
    assert statuses(response) == ["created"]
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))
    assert visit.is_interview and visit.campaign_id == 1
    assert [n.area for n in visit.needs] == ["pomoc_spoleczna", "edukacja", "zdrowie"]


def test_same_uuid_and_revision_again_is_unchanged(client, login, demo, interview):
    login("researcher")
    record = interview()
    sync(client, record)
    assert statuses(sync(client, record)) == ["unchanged"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Visit)) == 1


def test_higher_revision_replaces_and_keeps_the_old_version(client, login, demo, interview):
    login("researcher")
    record = interview()
    sync(client, record)
    record2 = {**record, "revision": 2, "data": {**record["data"], "volunteering": "tak"}}
    assert statuses(sync(client, record2)) == ["updated"]
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))
    assert visit.revision == 2 and visit.volunteering == "tak"
    old = db.session.scalar(db.select(VisitVersion))
    assert (old.revision, old.kind, old.data["volunteering"]) == (1, "replaced", "moze")


def test_equal_revision_with_other_content_is_a_conflict_never_applied(
    client, login, demo, interview
):
    login("researcher")
    record = interview()
    sync(client, record)
    other = {**record, "data": {**record["data"], "volunteering": "nie"}}
    assert statuses(sync(client, other)) == ["conflict"]
    visit = db.session.scalar(db.select(Visit))
    assert visit.volunteering == "moze"
    assert db.session.scalar(db.select(VisitVersion.kind)) == "conflict"


def test_bad_record_is_rejected_with_its_path_and_the_rest_are_kept(
    client, login, demo, interview
):
    login("researcher")
    good = interview()
    bad = interview()
    bad["data"]["needs"][1]["urgency"] = "wczoraj"
    response = sync(client, good, bad)
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == ["created", "rejected"]
    assert "data.needs.1.urgency" in results[1]["errors"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Visit)) == 1
    kept = db.session.scalar(db.select(QuarantinedRecord))
    assert kept.payload == bad and "data.needs.1.urgency" in kept.errors


def test_unknown_form_version_is_a_per_record_rejection(client, login, demo, interview):
    login("researcher")
    response = sync(client, interview(form_version="1999.9"), interview())
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == ["rejected", "created"]
    assert "form_version" in results[0]["errors"]


def test_visit_without_interview_holds_no_needs(client, login, demo, interview):
    login("researcher")
    record = interview()
    record["data"] = {"campaign_id": 1, "locality_id": 2, "visit_outcome": "nikt"}
    assert statuses(sync(client, record)) == ["created"]
    visit = db.session.scalar(db.select(Visit))
    assert not visit.is_interview and visit.needs == []


def test_campaign_the_researcher_may_not_work_on_is_rejected(client, login, demo, interview):
    from researcher.campaigns.models import Campaign

    campaign = db.session.get(Campaign, 1)
    campaign.open_to_all_researchers = False
    db.session.commit()
    login("researcher")
    response = sync(client, interview())
    assert response.get_json()["results"][0]["errors"] == {
        "data.campaign_id": ["Nie masz dostępu do tej kampanii."]
    }


def test_pii_in_free_text_is_a_warning_not_a_rejection(client, login, demo, interview):
    login("researcher")
    record = interview()
    record["data"]["needs"][0]["description"] = "Proszę dzwonić 601 234 567 w sprawie mamy."
    result = sync(client, record).get_json()["results"][0]
    assert result["status"] == "created"
    assert "data.needs.0.description" in result["warnings"]


def test_contact_data_is_stored_encrypted_and_apart(client, login, demo, interview):
    from researcher.interviews.contacts import decrypt_contact
    from researcher.interviews.models import Contact

    login("researcher")
    record = interview()
    record["data"]["contact_requested"] = True
    record["data"]["contact"] = {"name": "Halina", "phone_or_email": "601234567", "when": "rano"}
    assert statuses(sync(client, record)) == ["created"]
    visit = db.session.scalar(db.select(Visit))
    assert "contact" not in visit.data
    token = db.session.scalar(db.select(Contact.token))
    assert b"Halina" not in token
    assert decrypt_contact(token)["name"] == "Halina"


def test_malformed_json_is_a_400_json_error(client, login):
    login("researcher")
    response = client.post("/api/v1/sync", data="{nie json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


def test_bad_envelope_names_the_field(client, login):
    login("researcher")
    response = client.post("/api/v1/sync", json={"device_id": "x", "batch_id": str(uuid.uuid4())})
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert "device_id" in fields and "records" in fields


def test_more_than_500_records_is_413(client, login):
    login("researcher")
    response = client.post("/api/v1/sync", json=batch(*([{}] * 501)))
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_many_records"


def test_a_body_over_the_byte_limit_is_413(client, login):
    from researcher.interviews.api import MAX_SYNC_BYTES

    login("researcher")
    body = b'{"records": "' + b"x" * MAX_SYNC_BYTES + b'"}'
    response = client.post("/api/v1/sync", data=body, content_type="application/json")
    assert response.status_code == 413


def test_not_logged_in_is_401_json(client):
    response = client.post("/api/v1/sync", json=batch())
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_missing_csrf_token_is_refused(client, login, csrf_enabled):
    login("researcher")
    response = client.post("/api/v1/sync", json=batch())
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "csrf"


def test_csrf_token_in_header_is_accepted(client, login, csrf_enabled):
    login("researcher")
    page = client.get("/").text
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    response = client.post("/api/v1/sync", json=batch(), headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_manager_cannot_sync(client, login):
    login("manager")
    assert client.post("/api/v1/sync", json=batch()).status_code == 403


def test_needs_of_a_new_revision_keep_their_ids(client, login, demo, interview):
    login("researcher")
    record = interview()
    sync(client, record)
    ids = [n.id for n in db.session.scalars(db.select(Need).order_by(Need.position))]
    sync(client, {**record, "revision": 2, "data": {**record["data"], "volunteering": "tak"}})
    assert [n.id for n in db.session.scalars(db.select(Need).order_by(Need.position))] == ids


def test_correction_without_contact_keeps_the_stored_contact(client, login, demo, interview):
    from researcher.interviews.models import Contact

    login("researcher")
    record = interview()
    record["data"]["contact_requested"] = True
    record["data"]["contact"] = {"name": "Halina", "phone_or_email": "601234567", "when": "rano"}
    sync(client, record)
    corrected = {**record, "revision": 2, "data": dict(record["data"])}
    del corrected["data"]["contact"]
    assert statuses(sync(client, corrected)) == ["updated"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 1


def test_withdrawn_contact_request_deletes_the_contact(client, login, demo, interview):
    from researcher.interviews.models import Contact

    login("researcher")
    record = interview()
    record["data"]["contact_requested"] = True
    record["data"]["contact"] = {"name": "Halina", "phone_or_email": "601234567", "when": "rano"}
    sync(client, record)
    withdrawn = {**record, "revision": 2, "data": {**record["data"], "contact_requested": False}}
    del withdrawn["data"]["contact"]
    assert statuses(sync(client, withdrawn)) == ["updated"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 0
