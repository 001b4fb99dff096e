"""„Wniosek mieszkańca": who may open it, lookup, copies, erasure, restriction, A4 withdrawal."""

from __future__ import annotations

import json
from datetime import date

from researcher.audit.models import AccessAction, AccessLogEntry
from researcher.auth.permissions import Permission
from researcher.extensions import db
from researcher.interviews.answers import visit_answers
from researcher.interviews.models import Contact, Need, QuarantinedRecord, Visit, VisitVersion
from researcher.rights.models import ErasureRecord, RightsRequest
from tests.rights.conftest import CODE


def logged(action):
    return db.session.scalars(
        db.select(AccessLogEntry).where(AccessLogEntry.action == action)
    ).all()


def open_request(client, kind="dostep", code=CODE, received="2026-11-30"):
    response = client.post("/wnioski", data={"kind": kind, "code": code,
                                             "received_on": received, "note": ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(db.select(RightsRequest).order_by(RightsRequest.id.desc()))


def test_a_manager_without_the_permission_is_refused(client, login):
    login("manager")
    assert client.get("/wnioski").status_code == 403


def test_a_request_records_its_date_and_one_month_deadline_and_is_listed(client, handler,
                                                                           stored):
    stored()
    handler()
    made = open_request(client, code="k7m 4ox", received="2026-01-31")
    assert (made.respondent_code, made.received_on, made.due_on) == (
        CODE, date(2026, 1, 31), date(2026, 2, 28))
    page = client.get("/wnioski").get_data(as_text=True)
    assert "2026-02-28" in page and CODE in page


def test_lookup_is_tolerant_and_logged_without_the_code(client, handler, stored):
    stored()
    stored(code="ACDEFH")
    user = handler()
    page = client.get("/wnioski/wyszukaj?kod=k7m-40x").get_data(as_text=True)
    assert CODE in page and "ACDEFH" not in page
    [entry] = logged(AccessAction.CODE_LOOKUP)
    assert entry.actor_id == user.id and CODE not in json.dumps(entry.detail)


def test_contact_data_are_shown_only_with_the_contacts_permission_and_reading_is_logged(
    client, handler, stored
):
    stored(data={"contact_requested": True,
                 "contact": {"name": "Halina", "phone_or_email": "601234567", "when": "rano"}})
    handler()
    made = open_request(client)
    page = client.get(f"/wnioski/{made.id}").get_data(as_text=True)
    assert "Halina" not in page and "Dane kontaktowe są zapisane" in page
    assert logged(AccessAction.CONTACT_READ) == []
    handler(Permission.CONTACTS)
    assert "Halina" in client.get(f"/wnioski/{made.id}").get_data(as_text=True)
    assert len(logged(AccessAction.CONTACT_READ)) == 1


def test_the_copy_holds_answers_needs_and_versions_as_json_and_a_polish_pdf(
    client, handler, stored, tmp_path
):
    from tests.exports.files import pdf_text

    visit = stored()
    visit.data = dict(visit.data)
    db.session.add(VisitVersion(visit_uuid=visit.uuid, revision=0, kind="replaced",
                                form_version=visit.form_version, content_hash="x",
                                recorded_at=visit.recorded_at, data={"age_band": "30_44"},
                                researcher_id=visit.researcher_id))
    db.session.commit()
    handler()
    made = open_request(client)
    copy = client.get(f"/wnioski/{made.id}/kopia.json").get_json()
    [one] = copy["visits"]
    assert one["respondent_code"] == CODE and len(one["needs"]) == 3
    assert one["answers"]["age_band"] == "45_59"
    assert one["earlier_versions"][0]["answers"] == {"age_band": "30_44"}
    pdf = client.get(f"/wnioski/{made.id}/kopia.pdf")
    assert pdf.mimetype == "application/pdf"
    path = tmp_path / "kopia.pdf"
    path.write_bytes(pdf.data)
    text = pdf_text(path)
    assert "Dane zapisane pod kodem respondenta" in text and "Potrzeba 1" in text


def _everything_tied_to(visit):
    uuid, need_ids = visit.uuid, [n.id for n in visit.needs]
    db.session.add(Contact(visit_id=visit.id, token=b"x"))
    db.session.add(VisitVersion(visit_uuid=uuid, revision=0, kind="replaced",
                                form_version=visit.form_version, content_hash="x",
                                recorded_at=visit.recorded_at, data={},
                                researcher_id=visit.researcher_id))
    db.session.add(QuarantinedRecord(researcher_id=visit.researcher_id, record_uuid=uuid,
                                     payload={"data": {"respondent_code": CODE}}, errors={}))
    db.session.commit()
    return need_ids


def test_erasure_needs_the_code_typed_again(client, handler, stored):
    stored()
    handler()
    made = open_request(client, kind="usuniecie")
    client.post(f"/wnioski/{made.id}/usun", data={"confirm_code": "ACDEFH"})
    assert db.session.scalar(db.select(db.func.count(Visit.id))) == 1
    assert logged(AccessAction.ERASURE) == []


def test_erasure_deletes_everything_tied_to_the_code_and_keeps_only_a_hash(
    client, handler, stored
):
    from researcher.reports.slices import ReportFilter, counts

    visit = stored()
    other_uuid = stored(code="ACDEFH").uuid
    uuid, campaign_id = visit.uuid, visit.campaign_id
    need_ids = _everything_tied_to(visit)
    before = counts(ReportFilter(campaign_id=campaign_id))
    user = handler()
    made = open_request(client, kind="usuniecie")
    client.post(f"/wnioski/{made.id}/usun", data={"confirm_code": "k7m4qx"})
    db.session.expire_all()
    assert db.session.scalars(db.select(Visit.uuid)).all() == [other_uuid]
    assert db.session.scalar(db.select(db.func.count(Need.id)).where(Need.id.in_(need_ids))) == 0
    assert db.session.scalar(db.select(db.func.count(Contact.id))) == 0
    assert db.session.scalar(db.select(db.func.count(QuarantinedRecord.id))) == 0
    assert db.session.scalar(
        db.select(db.func.count(VisitVersion.id)).where(VisitVersion.visit_uuid == uuid)
    ) == 0
    [entry] = db.session.scalars(db.select(ErasureRecord)).all()
    assert entry.by_id == user.id and CODE not in entry.code_hash
    assert entry.counts == {"visits": 1, "needs": 3, "versions": 1, "quarantine": 1,
                            "followups": 0}
    made = db.session.get(RightsRequest, made.id)
    assert made.respondent_code is None and made.status == "zalatwiony"
    after = counts(ReportFilter(campaign_id=campaign_id))
    assert sum(after.needs.values()) == sum(before.needs.values()) - 3
    assert logged(AccessAction.ERASURE)[0].detail["visits"] == 1


def test_erased_needs_leave_theme_and_card_membership(client, handler, stored):
    from researcher.card.models import ServiceCard, ServiceCardRow, card_row_needs
    from researcher.themes.models import Theme, ThemeAssignment

    visit = stored()
    need_id = visit.needs[0].id
    db.session.execute(db.text(
        "INSERT INTO analysis_runs (campaign_id, created_by_id, created_at, status, progress, "
        "params, seed, n_needs, n_unassigned, timings) VALUES (:c, :u, CURRENT_TIMESTAMP, "
        "'gotowa', 100, '{}', 0, 1, 0, '{}')"), {"c": visit.campaign_id, "u": visit.researcher_id})
    run_id = db.session.scalar(db.text("SELECT max(id) FROM analysis_runs"))
    theme = Theme(run_id=run_id, number=0, label="zakupy", size=2,
                  typical_need_ids=[need_id, 999999])
    db.session.add(theme)
    db.session.flush()
    db.session.add(ThemeAssignment(run_id=run_id, need_id=need_id, theme_id=theme.id))
    card = ServiceCard(campaign_id=visit.campaign_id, title="Karta", prepared_on=date(2026, 12, 1),
                       prepared_by_name="Zespół", created_by_id=visit.researcher_id)
    card.rows.append(ServiceCardRow(position=1, name="Usługi opiekuńcze", area="pomoc_spoleczna",
                                    criterion="potrzeba", needs=[visit.needs[0]]))
    db.session.add(card)
    db.session.commit()
    assert len(db.session.execute(db.select(card_row_needs)).all()) == 1
    handler()
    made = open_request(client, kind="usuniecie")
    client.post(f"/wnioski/{made.id}/usun", data={"confirm_code": CODE})
    assert db.session.scalar(db.select(db.func.count(ThemeAssignment.id))) == 0
    assert db.session.execute(db.select(card_row_needs)).all() == []
    theme = db.session.get(Theme, theme.id)
    db.session.refresh(theme)
    assert (theme.size, theme.typical_need_ids) == (1, [999999])


def test_a_frozen_visit_is_left_out_of_reports_and_analysis_until_released(
    client, handler, stored
):
    from researcher.reports.slices import ReportFilter, counts
    from researcher.themes.services import campaign_needs

    visit = stored()
    campaign_id = visit.campaign_id
    handler()
    made = open_request(client, kind="ograniczenie")
    client.post(f"/wnioski/{made.id}/ograniczenie", data={"restricted": "1"})
    assert campaign_needs(campaign_id) == []
    assert sum(counts(ReportFilter(campaign_id=campaign_id)).needs.values()) == 0
    client.post(f"/wnioski/{made.id}/ograniczenie", data={"restricted": "0"})
    assert len(campaign_needs(campaign_id)) == 3
    assert sum(counts(ReportFilter(campaign_id=campaign_id)).needs.values()) == 3
    assert [e.detail["restricted"] for e in logged(AccessAction.RESTRICTION)] == [True, False]


def test_withdrawing_a4_removes_health_answers_and_the_households_sensitive_needs(
    client, handler, stored
):
    visit = stored()
    handler()
    made = open_request(client, kind="wycofanie_zgody_a4")
    client.post(f"/wnioski/{made.id}/wycofanie-a4")
    db.session.expire_all()
    visit = db.session.get(Visit, visit.id)
    assert visit.consent_health is False and visit.data["consent_health"] == "nie"
    assert "daily_help_needed" not in visit.data and "informal_carer" not in visit.data
    # Need 1 (own household, "osoby niesamodzielne") goes; need 3 is for the community.
    assert [n.area for n in visit.needs] == ["edukacja", "zdrowie"]
    assert [n["area"] for n in visit_answers(visit)["needs"]] == ["edukacja", "zdrowie"]
    assert "zdrowie" not in visit.data["areas"]
    assert logged(AccessAction.CONSENT_WITHDRAWAL)[0].detail["needs"] == 1
