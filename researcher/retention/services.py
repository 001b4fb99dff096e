"""The retention rules, each counting what is due and, when applied, removing it.

Rules (periods are settings, defaults from DOMAIN §3.6):
- contact data: deleted RETENTION_CONTACT_MONTHS (12) after they were given, or earlier,
  RETENTION_CONTACT_AFTER_CLOSE_DAYS (0: at the next run) after the last follow-up of the visit
  closed, when none of its follow-ups is still open;
- the visit log: RETENTION_VISIT_LOG_MONTHS (3) after the campaign's end, a visit without an
  interview keeps only its outcome, locality and day (time, device and notes dropped);
- interviews of a closed campaign ("zakonczona") are anonymised: respondent code, uuid,
  contacts, earlier versions and every free-text answer dropped, coded answers kept — so the
  counts of every report stay exactly as they were;
- export files: RETENTION via EXPORTS_KEEP_DAYS (30), by `exports.services.delete_old_files`;
- quarantine entries: RETENTION_QUARANTINE_DAYS (90) after they arrived;
- the access log itself: RETENTION_ACCESS_LOG_DAYS (730).
Uploaded phone backups are applied and never stored, so there is nothing to keep.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import delete

from forms.questionnaire import get_questionnaire
from researcher.audit.models import AccessAction
from researcher.audit.services import purge_log, record_access
from researcher.campaigns.models import Campaign
from researcher.exports import services as exports
from researcher.exports.models import ExportJob, ExportStatus
from researcher.extensions import db, local_day
from researcher.followups.models import CLOSED as FOLLOWUP_CLOSED
from researcher.followups.models import Followup
from researcher.interviews.answers import answers_without_needs, stored_data, visit_answers
from researcher.interviews.models import (
    Contact,
    Need,
    QuarantinedRecord,
    Visit,
    VisitVersion,
)
from researcher.rights.models import RetentionRun

DEFAULTS: dict[str, int] = {
    "RETENTION_CONTACT_MONTHS": 12,
    "RETENTION_CONTACT_AFTER_CLOSE_DAYS": 0,
    "RETENTION_VISIT_LOG_MONTHS": 3,
    "RETENTION_QUARANTINE_DAYS": 90,
    "RETENTION_ACCESS_LOG_DAYS": 730,
}
CLOSED = "zakonczona"
#: Rule names, in the order they run and are shown.
RULES = ("contacts", "closed_followup_contacts", "visit_log", "anonymised_interviews",
         "export_files", "quarantine", "access_log")
#: What a visit without an interview keeps once the visit log has aged.
VISIT_LOG_KEEPS = ("campaign_id", "locality_id", "visit_outcome")


def setting(config: Mapping[str, Any], name: str) -> int:
    return int(config.get(name, DEFAULTS[name]))


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (or that month's last day)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _free_text_keys(version: str) -> tuple[set[str], set[str]]:
    questionnaire = get_questionnaire(version)
    top = {q.key for _, q in questionnaire.questions() if q.qtype.free_text}
    nested = {q.key for _, g in questionnaire.groups() for q in g.questions if q.qtype.free_text}
    return top | {g.key for _, g in questionnaire.groups() if not g.pii_check}, nested


def anonymise_visit(visit: Visit) -> None:
    """Drop the keys and the free text of one interview, keep its coded answers."""
    top, nested = _free_text_keys(visit.form_version)
    answers = visit_answers(visit)
    data = {k: v for k, v in answers.items() if k not in top and k != "respondent_code"}
    if "needs" in answers:
        data["needs"] = [{k: v for k, v in n.items() if k not in nested}
                         for n in answers["needs"]]
    visit.respondent_code = None
    visit.uuid = str(uuid.uuid4())  # the phone's key no longer leads here
    visit.device_id = ""
    for need in visit.needs:
        need.description = ""
        need.service_type = None
        need.target_groups_other = None
    visit.data = stored_data(data, visit.needs)  # the rows give the needs back, text gone


def _contacts(now: datetime, config, apply: bool) -> int:
    limit = _midnight(months_before(now.date(), setting(config, "RETENTION_CONTACT_MONTHS")))
    where = Contact.created_at < limit
    count = db.session.scalar(db.select(db.func.count(Contact.id)).where(where)) or 0
    if apply and count:
        db.session.execute(delete(Contact).where(where))
    return count


def _closed_followup_contacts(now: datetime, config, apply: bool) -> int:
    """Contact data whose purpose is over: every follow-up of the visit is closed, the last
    one at least the grace period ago (DOMAIN §3.6 "when the follow-up closes")."""
    grace = now - timedelta(days=setting(config, "RETENTION_CONTACT_AFTER_CLOSE_DAYS"))
    per_visit = (
        db.select(Need.visit_id)
        .join(Followup, Followup.need_id == Need.id)
        .group_by(Need.visit_id)
        .having(db.func.sum(db.case((Followup.status.in_(list(FOLLOWUP_CLOSED)), 0),
                                    else_=1)) == 0)
        .having(db.func.max(Followup.closed_at) <= grace)
    )
    where = Contact.visit_id.in_(per_visit)
    count = db.session.scalar(db.select(db.func.count(Contact.id)).where(where)) or 0
    if apply and count:
        db.session.execute(delete(Contact).where(where))
    return count


def _visit_log(now: datetime, config, apply: bool) -> int:
    ended_before = months_before(local_day(now), setting(config, "RETENTION_VISIT_LOG_MONTHS"))
    campaigns = db.select(Campaign.id).where(Campaign.ends_on < ended_before)
    count = 0
    for visit in db.session.scalars(
        db.select(Visit).where(Visit.campaign_id.in_(campaigns), Visit.is_interview.is_(False),
                               Visit.device_id != "")
    ):
        count += 1
        if apply:
            answers = answers_without_needs(visit)  # no interview: no needs
            visit.data = stored_data({k: answers.get(k) for k in VISIT_LOG_KEEPS})
            visit.recorded_at = _midnight(visit.recorded_on)
            visit.device_id = ""
            db.session.execute(delete(VisitVersion).where(VisitVersion.visit_uuid == visit.uuid))
    return count


def _anonymised_interviews(now: datetime, config, apply: bool) -> int:
    count = 0
    for campaign in db.session.scalars(
        db.select(Campaign).where(Campaign.status == CLOSED, Campaign.anonymised_at.is_(None))
    ):
        visits = list(db.session.scalars(db.select(Visit).where(
            Visit.campaign_id == campaign.id, Visit.is_interview.is_(True))))
        count += len(visits)
        if apply:
            uuids = [v.uuid for v in visits]
            for start in range(0, len(uuids), 500):
                db.session.execute(delete(VisitVersion).where(
                    VisitVersion.visit_uuid.in_(uuids[start:start + 500])))
            ids = [v.id for v in visits]
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                db.session.execute(delete(Contact).where(Contact.visit_id.in_(chunk)))
            for visit in visits:
                anonymise_visit(visit)
            campaign.anonymised_at = now
    return count


def _export_files(now: datetime, config, apply: bool, app: Flask | None) -> int:
    old = now - timedelta(days=int(config.get("EXPORTS_KEEP_DAYS", 30)))
    count = db.session.scalar(db.select(db.func.count(ExportJob.id)).where(
        ExportJob.status == ExportStatus.READY, ExportJob.filename.is_not(None),
        ExportJob.finished_at < old)) or 0
    if apply and count and app is not None:
        exports.delete_old_files(app, now)
    return count


def _quarantine(now: datetime, config, apply: bool) -> int:
    where = QuarantinedRecord.received_at < now - timedelta(
        days=setting(config, "RETENTION_QUARANTINE_DAYS"))
    count = db.session.scalar(db.select(db.func.count(QuarantinedRecord.id)).where(where)) or 0
    if apply and count:
        db.session.execute(delete(QuarantinedRecord).where(where))
    return count


def due(config: Mapping[str, Any], now: datetime, apply: bool = False,
        app: Flask | None = None) -> dict[str, int]:
    """What every rule finds due at `now` (naive UTC), by rule; removed when `apply`."""
    return {
        "contacts": _contacts(now, config, apply),
        "closed_followup_contacts": _closed_followup_contacts(now, config, apply),
        "visit_log": _visit_log(now, config, apply),
        "anonymised_interviews": _anonymised_interviews(now, config, apply),
        "export_files": _export_files(now, config, apply, app),
        "quarantine": _quarantine(now, config, apply),
        "access_log": purge_log(
            now - timedelta(days=setting(config, "RETENTION_ACCESS_LOG_DAYS")), apply),
    }


def run_retention(config: Mapping[str, Any], now: datetime, apply: bool = False,
                  app: Flask | None = None) -> RetentionRun:
    """A dry run (counts only) or, with `apply`, the removal itself; recorded as a
    RetentionRun, and in the access log when applied. Flushes, never commits."""
    counts = due(config, now, apply, app)
    run = RetentionRun(ran_at=now, applied=apply, counts=counts)
    db.session.add(run)
    if apply:
        record_access(AccessAction.RETENTION, None, "retention_run", None, **counts)
    db.session.flush()
    return run


def last_runs() -> tuple[RetentionRun | None, RetentionRun | None]:
    """The latest run of any kind, and the latest applied one."""
    latest = db.session.scalar(db.select(RetentionRun).order_by(RetentionRun.id.desc()))
    applied = db.session.scalar(db.select(RetentionRun).where(RetentionRun.applied.is_(True))
                                .order_by(RetentionRun.id.desc()))
    return latest, applied

