"""Apply a batch of synced visits: validate, de-duplicate, version, quarantine.

Rules (docs/api.md): every record is validated on its own and applied inside its own
savepoint, so a bad record never blocks the rest; the same uuid and revision again is
`unchanged`; a higher revision replaces the data and keeps the old one in `visit_versions`;
an equal or lower revision with other content is a `conflict`, stored but never applied;
whatever is rejected is kept verbatim in `quarantine` with its errors.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError

from forms.schema import sync_batch_schema, validate_sync_record
from forms.vocabulary import AREAS_BY_KEY, SENSITIVE_GROUP_KEYS
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.campaigns.services import may_work_on
from researcher.extensions import db, utcnow
from researcher.gminas.models import Locality
from researcher.interviews.contacts import encrypt_contact
from researcher.interviews.models import (
    INTERVIEW_OUTCOMES,
    Contact,
    Need,
    QuarantinedRecord,
    SyncBatch,
    Visit,
    VisitVersion,
)

CREATED, UPDATED, UNCHANGED, CONFLICT, REJECTED = (
    "created",
    "updated",
    "unchanged",
    "conflict",
    "rejected",
)
LOCK_RETRIES = 3


@dataclass
class RecordResult:
    uuid: str | None
    status: str
    revision: int | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "status": self.status,
            "revision": self.revision,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def content_hash(raw: dict[str, Any]) -> str:
    """Identity of a record's content: same version, time and answers → same hash."""
    canonical = json.dumps(
        [raw.get("form_version"), raw.get("recorded_at"), raw.get("data")],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _record_uuid(raw: Any) -> str | None:
    value = raw.get("uuid") if isinstance(raw, dict) else None
    return str(value)[:64] if value is not None else None


def _record_revision(raw: Any) -> int | None:
    value = raw.get("revision") if isinstance(raw, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _access_errors(data: dict[str, Any], user: User) -> dict[str, list[str]]:
    """Server-side rules the schema cannot know: campaign rights and the campaign's gmina."""
    campaign = db.session.get(Campaign, data["campaign_id"])
    if campaign is None or not may_work_on(user, campaign):
        return {"data.campaign_id": [_("Nie masz dostępu do tej kampanii.")]}
    locality_id = data.get("locality_id")
    if locality_id is not None:
        locality = db.session.get(Locality, locality_id)
        if locality is None or locality.gmina_code != campaign.gmina_code:
            return {"data.locality_id": [_("Ta miejscowość nie należy do gminy kampanii.")]}
    return {}


def _is_sensitive(need: dict[str, Any]) -> bool:
    area = AREAS_BY_KEY.get(need.get("area", ""))
    return bool(area and area.health_related) or bool(
        SENSITIVE_GROUP_KEYS & set(need.get("target_groups") or [])
    )


def _fill_visit(visit: Visit, record: dict[str, Any], raw: dict[str, Any], digest: str) -> None:
    data = dict(raw["data"])
    contact = data.pop("contact", None)
    recorded_at = record["recorded_at"].astimezone(UTC).replace(tzinfo=None)
    visit.revision = record["revision"]
    visit.form_version = record["form_version"]
    visit.content_hash = digest
    visit.recorded_at = recorded_at
    visit.updated_at = utcnow()
    visit.campaign_id = data["campaign_id"]
    visit.locality_id = data.get("locality_id")
    visit.visit_outcome = data["visit_outcome"]
    visit.consent_health = data.get("consent_health") == "tak"
    visit.is_interview = (
        data["visit_outcome"] in INTERVIEW_OUTCOMES
        and data.get("consent_interview") == "tak"
        and data.get("adult") == "tak"
    )
    visit.contact_requested = bool(data.get("contact_requested"))
    visit.respondent_code = data.get("respondent_code")
    visit.services_rating = data.get("services_rating")
    visit.volunteering = data.get("volunteering")
    visit.community_gaps = data.get("community_gaps")
    visit.data = data
    _fill_needs(visit, data.get("needs") or [], recorded_at)
    db.session.flush()
    _store_contact(visit, contact)


def _fill_needs(visit: Visit, needs: list[dict[str, Any]], recorded_at) -> None:
    # Update in place by position so a manager's review of a need survives a new revision.
    by_position = {n.position: n for n in visit.needs}
    for position, answers in enumerate(needs, start=1):
        need = by_position.pop(position, None) or Need(position=position)
        need.campaign_id = visit.campaign_id
        need.locality_id = visit.locality_id
        need.researcher_id = visit.researcher_id
        need.description = answers.get("description", "")
        need.area = answers.get("area", "")
        need.service_type = answers.get("service_type")
        need.beneficiary = answers.get("beneficiary", "")
        need.target_groups = list(answers.get("target_groups") or [])
        need.urgency = answers.get("urgency", "")
        need.met_status = answers.get("met_status", "")
        need.met_by = list(answers.get("met_by") or [])
        need.barriers = list(answers.get("barriers") or [])
        need.preferred_forms = list(answers.get("preferred_forms") or [])
        need.frequency = answers.get("frequency")
        need.access_view = answers.get("access_view")
        need.sensitive = _is_sensitive(answers)
        need.consent_art9 = visit.consent_health
        need.recorded_at = recorded_at
        if need not in visit.needs:
            visit.needs.append(need)
    for leftover in by_position.values():
        visit.needs.remove(leftover)


def _store_contact(visit: Visit, contact: dict[str, Any] | None) -> None:
    existing = db.session.scalar(db.select(Contact).where(Contact.visit_id == visit.id))
    if contact and visit.contact_requested:
        if existing is None:
            existing = Contact(visit_id=visit.id)
            db.session.add(existing)
        existing.token = encrypt_contact(contact)
    elif existing is not None and not visit.contact_requested:
        db.session.delete(existing)  # the respondent no longer wants to be contacted
    # A correction without `contact` keeps the stored one: contact data never go back to phones.


def _keep_version(visit_uuid: str, kind: str, record: dict[str, Any], raw, digest, user) -> None:
    db.session.add(
        VisitVersion(
            visit_uuid=visit_uuid,
            revision=record["revision"],
            kind=kind,
            form_version=record["form_version"],
            content_hash=digest,
            recorded_at=record["recorded_at"].astimezone(UTC).replace(tzinfo=None),
            data=raw["data"],
            researcher_id=user.id,
        )
    )


def _archive(visit: Visit) -> VisitVersion:
    return VisitVersion(
        visit_uuid=visit.uuid,
        revision=visit.revision,
        kind="replaced",
        form_version=visit.form_version,
        content_hash=visit.content_hash,
        recorded_at=visit.recorded_at,
        data=visit.data,
        researcher_id=visit.researcher_id,
    )


def _decide(existing: Visit, record, raw, digest, user) -> str:
    """What to do with a record whose uuid the server already has."""
    revision = record["revision"]
    if revision == existing.revision and digest == existing.content_hash:
        return UNCHANGED
    if revision > existing.revision:
        db.session.add(_archive(existing))
        _fill_visit(existing, record, raw, digest)
        return UPDATED
    seen = db.session.scalar(
        db.select(VisitVersion.id).where(
            VisitVersion.visit_uuid == existing.uuid,
            VisitVersion.revision == revision,
            VisitVersion.content_hash == digest,
        )
    )
    if seen:
        return UNCHANGED  # an old revision resent (or a conflict already recorded)
    _keep_version(existing.uuid, "conflict", record, raw, digest, user)
    return CONFLICT


def _apply(record, raw, digest, user: User, device_id: str) -> tuple[str, dict]:
    visit_uuid = str(record["uuid"])
    existing = db.session.scalar(db.select(Visit).where(Visit.uuid == visit_uuid))
    if existing is not None and existing.researcher_id != user.id:
        return REJECTED, {"uuid": [_("Ten identyfikator należy do wizyty innego konta.")]}
    if existing is not None:
        return _decide(existing, record, raw, digest, user), {}
    visit = Visit(uuid=visit_uuid, researcher_id=user.id, device_id=device_id)
    db.session.add(visit)
    _fill_visit(visit, record, raw, digest)  # flushes: a racing copy of the uuid fails here
    return CREATED, {}


def _quarantine(raw: Any, errors, user: User, device_id, batch_id, source: str) -> None:
    db.session.add(
        QuarantinedRecord(
            researcher_id=user.id,
            device_id=device_id,
            batch_id=batch_id,
            record_uuid=_record_uuid(raw),
            source=source,
            payload=raw,
            errors=errors,
        )
    )


def apply_record(
    raw: Any, user: User, device_id: str | None, batch_id: str | None, source: str = "sync"
) -> RecordResult:
    """Validate and apply one record inside a savepoint; never raises for bad input."""
    uuid, revision = _record_uuid(raw), _record_revision(raw)
    check = validate_sync_record(raw)
    errors = check.errors or _access_errors(check.record["data"], user)
    if not errors:
        digest = content_hash(raw)
        for _attempt in range(2):
            try:
                with db.session.begin_nested():
                    status, errors = _apply(check.record, raw, digest, user, device_id or "")
                break
            except IntegrityError:
                continue  # a copy of the same record won the race: decide again against it
        else:  # pragma: no cover - two lost races in a row
            errors = {"uuid": [_("Nie udało się zapisać rekordu; spróbuj ponownie.")]}
    if errors:
        with db.session.begin_nested():
            _quarantine(raw, errors, user, device_id, batch_id, source)
        return RecordResult(uuid, REJECTED, revision, errors, check.warnings)
    return RecordResult(uuid, status, revision, {}, check.warnings)


def _ordered(records: list[Any]) -> list[int]:
    # A fixed order (by uuid) makes two batches lock rows in the same order: no deadlock.
    return sorted(range(len(records)), key=lambda i: str(_record_uuid(records[i]) or ""))


def sync_batch(payload: dict[str, Any], user: User) -> dict[str, Any]:
    """Apply a whole batch and commit it. Raises marshmallow.ValidationError for a bad envelope.

    The one service that commits: on a lock conflict (SQLite busy, PostgreSQL deadlock) it
    rolls back and applies the whole batch again, which is safe because applying is idempotent.
    """
    batch = sync_batch_schema.load(payload)
    device_id, batch_id = str(batch["device_id"]), str(batch["batch_id"])
    records = batch["records"]
    for attempt in range(LOCK_RETRIES):
        try:
            db.session.rollback()  # end the read begun by loading the user: begin IMMEDIATE below
            db.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            results: list[RecordResult | None] = [None] * len(records)
            for index in _ordered(records):
                results[index] = apply_record(records[index], user, device_id, batch_id)
            counts: dict[str, int] = {}
            for result in results:
                counts[result.status] = counts.get(result.status, 0) + 1
            db.session.add(
                SyncBatch(
                    batch_id=batch_id, device_id=device_id, researcher_id=user.id, counts=counts
                )
            )
            db.session.commit()
            break
        except OperationalError:
            db.session.rollback()
            if attempt == LOCK_RETRIES - 1:
                raise
    return {"batch_id": batch_id, "results": [r.as_json() for r in results]}
