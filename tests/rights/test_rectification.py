"""Issue 11 §1, art. 16: a rectification request corrects an answer — a new visit version,
history kept (who, when, which request), masking applied, the access log told."""

from __future__ import annotations

from researcher.audit.models import AccessAction, AccessLogEntry
from researcher.extensions import db
from researcher.interviews.answers import visit_answers
from researcher.interviews.models import Need, Visit, VisitVersion
from researcher.rights.models import Rectification, RightsRequest
from tests.rights.conftest import CODE


def open_request(client, kind="sprostowanie"):
    response = client.post("/wnioski", data={"kind": kind, "code": CODE,
                                             "received_on": "2026-11-30", "note": ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(db.select(RightsRequest).order_by(RightsRequest.id.desc()))


def correct(client, made, visit, path, value):
    return client.post(f"/wnioski/{made.id}/sprostowanie",
                       data={"visit_id": visit.id, "path": path, "value": value})


def test_the_request_page_offers_every_free_text_answer_of_the_code(client, handler, stored):
    visit = stored()
    handler()
    made = open_request(client)
    page = client.get(f"/wnioski/{made.id}").get_data(as_text=True)
    assert "Sprostowanie odpowiedzi (art. 16)" in page
    assert 'name="path" value="needs.0.description"' in page
    assert visit.needs[0].description in page


def test_a_corrected_need_is_a_new_version_with_who_when_and_the_request(
    client, handler, stored
):
    visit = stored()
    old_text, old_revision = visit.needs[0].description, visit.revision
    user = handler()
    made = open_request(client)
    response = correct(client, made, visit, "needs.0.description",
                       "Mama potrzebuje pomocy przy zakupach dwa razy w tygodniu.")
    assert response.status_code == 302
    db.session.expire_all()
    visit = db.session.get(Visit, visit.id)
    assert visit.revision == old_revision + 1
    assert visit_answers(visit)["needs"][0]["description"] == (
        "Mama potrzebuje pomocy przy zakupach dwa razy w tygodniu.")
    assert visit.needs[0].description == visit_answers(visit)["needs"][0]["description"]
    [earlier] = db.session.scalars(
        db.select(VisitVersion).where(VisitVersion.visit_uuid == visit.uuid)).all()
    assert earlier.revision == old_revision
    assert earlier.data["needs"][0]["description"] == old_text
    [entry] = db.session.scalars(db.select(Rectification)).all()
    assert (entry.visit_id, entry.by_id, entry.request_id, entry.path) == (
        visit.id, user.id, made.id, "needs.0.description")
    assert (entry.from_revision, entry.to_revision) == (old_revision, old_revision + 1)
    [logged] = db.session.scalars(db.select(AccessLogEntry).where(
        AccessLogEntry.action == AccessAction.RECTIFICATION)).all()
    assert logged.actor_id == user.id and logged.detail["request_id"] == made.id
    assert "zakupach" not in str(logged.detail)  # the log never holds the text
    page = client.get(f"/wnioski/{made.id}").get_data(as_text=True)
    assert "Sprostowania" in page and "needs.0.description" in page
    copy = client.get(f"/wnioski/{made.id}/kopia.json").get_json()
    assert copy["visits"][0]["rectifications"][0]["answer"] == "needs.0.description"


def test_a_correction_is_masked_like_any_answer_at_ingestion(client, handler, stored):
    visit = stored()
    handler()
    made = open_request(client)
    response = correct(client, made, visit, "needs.1.description",
                       "Opieka nad mamą, PESEL 44051401458, tel. 601 234 567.")
    assert response.status_code == 302
    db.session.expire_all()
    need = db.session.scalar(db.select(Need).where(Need.visit_id == visit.id,
                                                   Need.position == 2))
    assert "44051401458" not in need.description and "601 234 567" not in need.description
    assert "[PESEL]" in need.description and "[TELEFON]" in need.description
    stored_visit = db.session.get(Visit, visit.id)
    assert visit_answers(stored_visit)["needs"][1]["description"] == need.description
    page = client.get(f"/wnioski/{made.id}").get_data(as_text=True)
    assert "zastąpiono znacznikami" in page


def test_only_an_open_rectification_request_corrects(client, handler, stored):
    visit = stored()
    handler()
    made = open_request(client, kind="dostep")
    correct(client, made, visit, "needs.0.description", "Inny tekst.")
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Rectification.id))) == 0
    assert db.session.get(Visit, visit.id).revision == 1


def test_a_visit_of_another_code_is_never_corrected_through_the_request(
    client, handler, stored
):
    stored()
    other = stored(code="ACDEFH")
    handler()
    made = open_request(client)
    correct(client, made, other, "needs.0.description", "Inny tekst.")
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Rectification.id))) == 0
    assert db.session.get(Visit, other.id).revision == 1


def test_the_contact_form_and_coded_answers_are_not_offered(client, handler, stored):
    visit = stored(data={"contact_requested": True,
                         "contact": {"name": "Halina", "phone_or_email": "601234567"}})
    handler()
    made = open_request(client)
    for path in ("contact.name", "age_band", "needs.0.urgency"):
        correct(client, made, visit, path, "x")
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Rectification.id))) == 0


def test_a_required_answer_is_never_emptied(client, handler, stored):
    visit = stored()
    handler()
    made = open_request(client)
    correct(client, made, visit, "needs.0.description", "   ")
    db.session.expire_all()
    assert db.session.get(Visit, visit.id).revision == 1


def test_a_need_rectified_after_a4_withdrawal_is_the_one_shown_at_that_place(
    client, handler, stored
):
    """Withdrawing A4 removed need 1: the answer's second need is now the row at position 3.
    Its rectified text lands in that row, the only copy of it (not in position 2's)."""
    visit = stored()
    handler()
    made = open_request(client, kind="wycofanie_zgody_a4")
    client.post(f"/wnioski/{made.id}/wycofanie-a4")
    db.session.expire_all()
    visit = db.session.get(Visit, visit.id)
    untouched = visit.needs[0].description
    made = open_request(client)
    new_text = "Brakuje dowozu do przychodni w powiecie dla starszych mieszkańców."
    assert correct(client, made, visit, "needs.1.description", new_text).status_code == 302
    db.session.expire_all()
    visit = db.session.get(Visit, visit.id)
    assert [(n.position, n.description) for n in visit.needs] == [(2, untouched), (3, new_text)]
    assert [n["description"] for n in visit_answers(visit)["needs"]] == [untouched, new_text]
