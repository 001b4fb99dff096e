"""Retention rules, each proved with a moved clock; aggregates survive anonymisation."""

from __future__ import annotations

from datetime import datetime, timedelta

from researcher.audit.models import AccessAction, AccessLogEntry
from researcher.audit.services import record_access
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.answers import visit_answers
from researcher.interviews.models import Contact, QuarantinedRecord, Visit, VisitVersion
from researcher.reports.slices import ReportFilter, counts
from researcher.retention.services import months_before, run_retention
from researcher.rights.models import RetentionRun
from tests.rights.conftest import stored  # noqa: F401  (fixture)

NOW = datetime(2027, 6, 1, 12, 0)


def apply(app, now=NOW):
    run = run_retention(app.config, now, apply=True, app=app)
    db.session.commit()
    db.session.expire_all()
    return run.counts


def no_answer_visit(stored):  # noqa: F811
    """A doorstep where nobody was home, stored with the demo's campaign."""
    from researcher.auth.models import User
    from researcher.interviews.sync import apply_record

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    record = {"uuid": "3f6c1e2a-8b4d-4c1e-9a7f-2d5b6c8e9f02", "revision": 1,
              "form_version": "2026.1", "recorded_at": "2026-11-20T10:15:00+01:00",
              "data": {"campaign_id": 1, "locality_id": 1, "visit_outcome": "nikt"}}
    assert not apply_record(record, researcher, "device-1", "b").errors
    db.session.commit()
    return db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))


def test_months_before_keeps_the_day_or_the_months_end():
    assert months_before(datetime(2027, 6, 1).date(), 12) == datetime(2026, 6, 1).date()
    assert months_before(datetime(2027, 5, 31).date(), 3) == datetime(2027, 2, 28).date()


def test_contact_data_go_twelve_months_after_they_were_given(app, stored):  # noqa: F811
    old, recent = stored(), stored(code="ACDEFH")
    db.session.add(Contact(visit_id=old.id, token=b"a", created_at=NOW - timedelta(days=370)))
    db.session.add(Contact(visit_id=recent.id, token=b"b", created_at=NOW - timedelta(days=330)))
    db.session.commit()
    assert apply(app)["contacts"] == 1
    assert db.session.scalars(db.select(Contact.visit_id)).all() == [recent.id]


def test_a_dry_run_changes_nothing_and_is_recorded(app, stored):  # noqa: F811
    visit = stored()
    db.session.add(Contact(visit_id=visit.id, token=b"a", created_at=NOW - timedelta(days=400)))
    db.session.commit()
    run = run_retention(app.config, NOW)
    db.session.commit()
    assert run.counts["contacts"] == 1 and not run.applied
    assert db.session.scalar(db.select(db.func.count(Contact.id))) == 1
    assert db.session.scalars(db.select(AccessLogEntry.action)).all().count("retention") == 0


def test_the_visit_log_keeps_only_outcome_and_day_three_months_after_the_campaign(
    app, stored  # noqa: F811
):
    visit = no_answer_visit(stored)
    campaign = db.session.get(Campaign, 1)
    day, outcome = visit.recorded_on, visit.visit_outcome
    before = counts(ReportFilter(campaign_id=1)).visits
    ends = datetime.combine(campaign.ends_on, datetime.min.time())
    assert apply(app, ends + timedelta(days=80))["visit_log"] == 0
    assert apply(app, ends + timedelta(days=95))["visit_log"] == 1
    visit = db.session.get(Visit, visit.id)
    assert visit.device_id == "" and visit.recorded_at.time() == datetime.min.time()
    assert (visit.recorded_on, visit.visit_outcome) == (day, outcome)
    assert set(visit_answers(visit)) == {"campaign_id", "locality_id", "visit_outcome"}
    assert counts(ReportFilter(campaign_id=1)).visits == before


def test_closing_a_campaign_anonymises_its_interviews_and_aggregates_stay_equal(
    app, stored  # noqa: F811
):
    visit = stored(data={"areas_other": "Chodnik przy szkole", "researcher_note": "Miła pani"})
    stored(code="ACDEFH")
    db.session.add(Contact(visit_id=visit.id, token=b"a"))
    db.session.add(VisitVersion(visit_uuid=visit.uuid, revision=0, kind="replaced",
                                form_version="2026.1", content_hash="x",
                                recorded_at=visit.recorded_at, data={},
                                researcher_id=visit.researcher_id))
    db.session.commit()
    uuid = visit.uuid
    before = counts(ReportFilter(campaign_id=1))
    assert apply(app)["anonymised_interviews"] == 0  # still open: nothing to do
    db.session.get(Campaign, 1).status = "zakonczona"
    db.session.commit()
    assert apply(app)["anonymised_interviews"] == 2
    visits = db.session.scalars(db.select(Visit).where(Visit.is_interview.is_(True))).all()
    assert all(v.respondent_code is None and v.uuid != uuid for v in visits)
    assert all("areas_other" not in v.data and "researcher_note" not in v.data for v in visits)
    assert all("description" not in n for v in visits for n in visit_answers(v)["needs"])
    assert all(n.description == "" and n.service_type is None for v in visits for n in v.needs)
    assert all(visit_answers(v)["needs"][0]["area"] == "pomoc_spoleczna" for v in visits)
    assert db.session.scalar(db.select(db.func.count(Contact.id))) == 0
    assert db.session.scalar(db.select(db.func.count(VisitVersion.id))) == 0
    assert db.session.get(Campaign, 1).anonymised_at == NOW
    assert counts(ReportFilter(campaign_id=1)) == before
    assert apply(app)["anonymised_interviews"] == 0  # once


def test_quarantine_entries_go_after_ninety_days(app, stored):  # noqa: F811
    visit = stored()
    for days in (91, 89):
        db.session.add(QuarantinedRecord(researcher_id=visit.researcher_id, payload={},
                                         errors={}, received_at=NOW - timedelta(days=days)))
    db.session.commit()
    assert apply(app)["quarantine"] == 1
    assert db.session.scalar(db.select(db.func.count(QuarantinedRecord.id))) == 1


def test_the_access_log_is_kept_two_years(app, app_context):
    old = record_access(AccessAction.CODE_LOOKUP, None)
    old.at = NOW - timedelta(days=731)
    record_access(AccessAction.CODE_LOOKUP, None).at = NOW - timedelta(days=700)
    db.session.commit()
    assert apply(app)["access_log"] == 1
    actions = db.session.scalars(db.select(AccessLogEntry.action)).all()
    assert sorted(actions) == ["code_lookup", "retention"]


def test_export_files_go_after_thirty_days(app, stored, tmp_path):  # noqa: F811
    from researcher.exports.models import ExportJob

    stored()
    app.config["EXPORTS_DIR"] = str(tmp_path)
    (tmp_path / "old.csv").write_text("x")
    db.session.add(ExportJob(campaign_id=1, kind="diagnosis", format="csv", k=5,
                             status="gotowy", filename="old.csv",
                             finished_at=NOW - timedelta(days=31)))
    db.session.commit()
    try:
        assert apply(app)["export_files"] == 1
    finally:
        app.config["EXPORTS_DIR"] = None
    assert not (tmp_path / "old.csv").exists()


def test_the_command_is_a_dry_run_unless_told_to_apply(app, stored):  # noqa: F811
    runner = app.test_cli_runner()
    result = runner.invoke(args=["retention", "run"])
    assert result.exit_code == 0 and "próba" in result.output
    result = runner.invoke(args=["retention", "run", "--apply"])
    assert result.exit_code == 0 and "Usunięto" in result.output
    assert [r.applied for r in db.session.scalars(db.select(RetentionRun))] == [False, True]


def test_the_admin_page_shows_the_last_run_and_what_is_due(app, client, login, stored):  # noqa: F811
    login("admin")
    assert "nie było jeszcze uruchomione" in client.get("/admin/przechowywanie").text
    run_retention(app.config, NOW, apply=True, app=app)
    db.session.commit()
    page = client.get("/admin/przechowywanie").text
    assert "2027-06-01 12:00" in page and "Do usunięcia teraz" in page


def with_followups(stored, *statuses_closed):  # noqa: F811
    """A stored interview with contact data and one follow-up per (status, closed_at)."""
    from researcher.followups.models import Followup

    visit = stored()
    db.session.add(Contact(visit_id=visit.id, token=b"a", created_at=NOW - timedelta(days=40)))
    needs = list(visit.needs)
    for need, (status, closed_at) in zip(needs, statuses_closed, strict=False):
        db.session.add(Followup(need_id=need.id, status=status, closed_at=closed_at))
    db.session.commit()
    return visit


def test_contact_data_go_at_the_first_run_after_the_follow_up_closes(app, stored):  # noqa: F811
    visit = with_followups(stored, ("zaspokojona", NOW - timedelta(days=1)))
    run = run_retention(app.config, NOW)
    db.session.commit()
    assert run.counts["closed_followup_contacts"] == 1
    assert db.session.scalar(db.select(Contact).where(Contact.visit_id == visit.id))
    assert apply(app)["closed_followup_contacts"] == 1
    assert db.session.scalar(db.select(Contact).where(Contact.visit_id == visit.id)) is None


def test_contact_data_stay_while_a_follow_up_of_the_visit_is_open(app, stored):  # noqa: F811
    visit = with_followups(stored, ("zaspokojona", NOW - timedelta(days=5)),
                           ("w_kontakcie", None))
    assert len(visit.needs) >= 2
    assert apply(app)["closed_followup_contacts"] == 0
    assert db.session.scalar(db.select(Contact).where(Contact.visit_id == visit.id))


def test_a_grace_period_after_closing_is_a_setting(app, stored):  # noqa: F811
    visit = with_followups(stored, ("odmowa", NOW - timedelta(days=10)))
    app.config["RETENTION_CONTACT_AFTER_CLOSE_DAYS"] = 30
    try:
        assert apply(app)["closed_followup_contacts"] == 0
        assert apply(app, NOW + timedelta(days=21))["closed_followup_contacts"] == 1
    finally:
        app.config["RETENTION_CONTACT_AFTER_CLOSE_DAYS"] = 0
    assert db.session.scalar(db.select(Contact).where(Contact.visit_id == visit.id)) is None


def test_the_command_and_the_admin_page_list_the_closed_follow_up_rule(
        app, client, login, stored):  # noqa: F811
    from researcher.extensions import utcnow

    with_followups(stored, ("brak_kontaktu", utcnow() - timedelta(days=1)))
    result = app.test_cli_runner().invoke(args=["retention", "run"])
    assert "dane kontaktowe po zamknięciu działań następczych: 1" in result.output
    login("admin")
    page = client.get("/admin/przechowywanie").text
    assert "po zamknięciu wszystkich działań następczych" in page
