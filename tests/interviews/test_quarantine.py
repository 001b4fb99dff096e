"""The admin browses rejected records and re-processes or discards them."""

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.models import QuarantinedRecord, Visit
from tests.conftest import log_in
from tests.interviews.conftest import batch


def reject_one(client, make_user, interview):
    """A researcher without access to the campaign sends a record: it lands in quarantine."""
    campaign = db.session.get(Campaign, 1)
    campaign.open_to_all_researchers = False
    db.session.commit()
    researcher = make_user("researcher")
    log_in(client, researcher)
    record = interview()
    client.post("/api/v1/sync", json=batch(record))
    return researcher, record


def test_admin_sees_rejected_records_with_their_errors(client, make_user, demo, interview):
    reject_one(client, make_user, interview)
    log_in(client, make_user("admin"))
    page = client.get("/admin/kwarantanna")
    entry = db.session.scalar(db.select(QuarantinedRecord))
    assert entry.record_uuid in page.text
    detail = client.get(f"/admin/kwarantanna/{entry.id}").text
    assert "Nie masz dostępu do tej kampanii." in detail


def test_reprocess_after_the_rights_are_fixed_accepts_the_record(
    client, make_user, demo, interview
):
    researcher, record = reject_one(client, make_user, interview)
    campaign = db.session.get(Campaign, 1)
    campaign.researchers.append(researcher)
    db.session.commit()
    log_in(client, make_user("admin"))
    entry = db.session.scalar(db.select(QuarantinedRecord))
    client.post(f"/admin/kwarantanna/{entry.id}/ponow")
    db.session.refresh(entry)
    assert entry.status == "przyjety"
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))
    assert visit.researcher_id == researcher.id


def test_reprocess_still_failing_keeps_one_entry_with_fresh_errors(
    client, make_user, demo, interview
):
    reject_one(client, make_user, interview)
    log_in(client, make_user("admin"))
    entry = db.session.scalar(db.select(QuarantinedRecord))
    client.post(f"/admin/kwarantanna/{entry.id}/ponow")
    assert db.session.scalar(db.select(db.func.count()).select_from(QuarantinedRecord)) == 1
    db.session.refresh(entry)
    assert entry.status == "nowy"


def test_discard_closes_the_entry(client, make_user, demo, interview):
    reject_one(client, make_user, interview)
    log_in(client, make_user("admin"))
    entry = db.session.scalar(db.select(QuarantinedRecord))
    client.post(f"/admin/kwarantanna/{entry.id}/odrzuc")
    db.session.refresh(entry)
    assert entry.status == "odrzucony"
    assert entry.record_uuid not in client.get("/admin/kwarantanna").text
