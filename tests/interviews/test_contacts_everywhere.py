"""Contact data are encrypted wherever they are stored — the contacts table, the quarantine,
the versions of a conflicting resend — and the quarantine page never shows them."""

from __future__ import annotations

from sqlalchemy import text

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.contacts import decrypt_contact
from researcher.interviews.models import Contact, QuarantinedRecord
from tests.conftest import log_in
from tests.interviews.conftest import batch

CONTACT = {"name": "Halina Zielińska", "phone_or_email": "601 234 567", "when": "rano"}


def _with_contact(record):
    record["data"]["contact_requested"] = True
    record["data"]["contact"] = dict(CONTACT)
    return record


def _raw_text(table: str, column: str) -> str:
    rows = db.session.execute(text(f"SELECT {column} FROM {table}")).scalars()
    return " ".join(str(row) for row in rows)


def test_a_rejected_record_keeps_its_contact_encrypted_in_the_quarantine(
    client, login, demo, interview
):
    login("researcher")
    record = _with_contact(interview())
    record["data"]["needs"][0]["urgency"] = "jutro"  # rejected for another field
    assert client.post("/api/v1/sync", json=batch(record)).json["results"][0]["status"] == (
        "rejected")
    stored = _raw_text("quarantine", "payload")
    assert "Halina" not in stored and "601 234 567" not in stored


def test_the_quarantine_page_never_shows_contact_data(client, login, make_user, demo, interview):
    researcher = login("researcher")
    record = _with_contact(interview())
    record["data"]["needs"][0]["urgency"] = "jutro"
    client.post("/api/v1/sync", json=batch(record))
    log_in(client, make_user("admin"))
    entry = db.session.scalar(db.select(QuarantinedRecord))
    page = client.get(f"/admin/kwarantanna/{entry.id}").text
    assert "Halina" not in page and "601 234 567" not in page
    assert entry.researcher_id == researcher.id


def test_reprocessing_a_quarantined_record_stores_its_contact(
    client, login, make_user, demo, interview
):
    login("researcher")
    campaign = db.session.get(Campaign, demo.campaign_id)
    campaign.open_to_all_researchers = False  # rejected: no rights to the campaign
    db.session.commit()
    client.post("/api/v1/sync", json=batch(_with_contact(interview())))
    campaign = db.session.get(Campaign, demo.campaign_id)
    campaign.open_to_all_researchers = True
    db.session.commit()
    log_in(client, make_user("admin"))
    entry = db.session.scalar(db.select(QuarantinedRecord))
    client.post(f"/admin/kwarantanna/{entry.id}/ponow")
    contact = db.session.scalar(db.select(Contact))
    assert decrypt_contact(contact.token) == CONTACT


def test_a_conflicting_resend_keeps_its_contact_encrypted_in_the_versions(
    client, login, demo, interview
):
    login("researcher")
    record = interview()
    client.post("/api/v1/sync", json=batch(record))
    conflicting = _with_contact({**record, "data": dict(record["data"])})
    assert client.post("/api/v1/sync", json=batch(conflicting)).json["results"][0][
        "status"] == "conflict"
    stored = _raw_text("visit_versions", "data")
    assert "Halina" not in stored and "601 234 567" not in stored
