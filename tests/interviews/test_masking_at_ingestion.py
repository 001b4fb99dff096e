"""Personal data typed into free text is masked before it is stored (sync API, backups)."""

from __future__ import annotations

from researcher.extensions import db
from researcher.interviews.answers import visit_answers
from researcher.interviews.models import Need, QuarantinedRecord, Visit, VisitVersion
from tests.interviews.conftest import batch

SECRETS = "Dzwonić 601 234 567, PESEL 44051401359, ul. Polna 5/2"
MASKED = "Dzwonić [TELEFON], PESEL [PESEL], [ADRES]"


def sync(client, *records):
    return client.post("/api/v1/sync", json=batch(*records)).get_json()["results"]


def with_secrets(record):
    record["data"]["needs"][0]["description"] = SECRETS
    record["data"]["needs"][0]["service_type"] = "opieka, tel. 601234567"
    record["data"]["areas_other"] = SECRETS
    return record


def test_needs_and_visit_data_hold_placeholders_not_the_personal_data(
    client, login, demo, interview
):
    login("researcher")
    result = sync(client, with_secrets(interview()))[0]
    assert result["status"] == "created"
    need = db.session.scalar(db.select(Need).where(Need.position == 1))
    assert need.description == MASKED
    assert need.service_type == "opieka, tel. [TELEFON]"
    visit = db.session.scalar(db.select(Visit))
    assert visit.data["areas_other"] == MASKED
    assert visit_answers(visit)["needs"][0]["description"] == MASKED
    assert "data.needs.0.description" in result["warnings"]
    assert any("[TELEFON]" in m for m in result["warnings"]["data.needs.0.service_type"])


def test_an_update_is_masked_and_so_is_the_version_it_replaces(client, login, demo, interview):
    login("researcher")
    record = interview()
    sync(client, record)
    assert sync(client, with_secrets({**record, "revision": 2}))[0]["status"] == "updated"
    assert sync(client, with_secrets({**record, "revision": 3}))[0]["status"] == "updated"
    versions = db.session.scalars(db.select(VisitVersion.data)).all()
    assert "44051401359" not in str(versions) and "[PESEL]" in str(versions)


def test_a_resent_record_is_still_unchanged(client, login, demo, interview):
    login("researcher")
    record = with_secrets(interview())
    sync(client, record)
    assert sync(client, with_secrets(record))[0]["status"] == "unchanged"


def test_a_conflicting_copy_is_stored_masked(client, login, demo, interview):
    login("researcher")
    record = interview()
    sync(client, record)
    assert sync(client, with_secrets({**record}))[0]["status"] == "conflict"
    conflict = db.session.scalar(db.select(VisitVersion).where(VisitVersion.kind == "conflict"))
    assert conflict.data["needs"][0]["description"] == MASKED


def test_a_rejected_record_is_quarantined_masked(client, login, demo, interview):
    login("researcher")
    bad = with_secrets(interview())
    bad["data"]["needs"][1]["urgency"] = "wczoraj"
    assert sync(client, bad)[0]["status"] == "rejected"
    kept = db.session.scalar(db.select(QuarantinedRecord))
    assert kept.payload["data"]["needs"][0]["description"] == MASKED


def test_contact_data_the_resident_asked_for_are_kept_whole(client, login, demo, interview):
    from researcher.interviews.contacts import decrypt_contact
    from researcher.interviews.models import Contact

    login("researcher")
    record = with_secrets(interview())
    record["data"]["contact_requested"] = True
    record["data"]["contact"] = {"name": "Halina", "phone_or_email": "601234567", "when": "rano"}
    sync(client, record)
    assert decrypt_contact(db.session.scalar(db.select(Contact.token)))["phone_or_email"] == (
        "601234567"
    )


def test_the_needs_search_finds_nothing_by_the_masked_digits(client, login, demo, interview):
    login("researcher")
    sync(client, with_secrets(interview()))
    login("manager")
    html = client.get("/potrzeby/?q=44051401359").get_data(as_text=True)
    assert "[PESEL]" not in html
    html = client.get("/potrzeby/?q=PESEL").get_data(as_text=True)
    assert "[PESEL]" in html
