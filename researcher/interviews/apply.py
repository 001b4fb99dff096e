"""Apply one synced record: validate, de-duplicate, version, quarantine (docs/api.md).

Every record is validated on its own and applied inside its own savepoint, so a bad record
never blocks the rest; the same uuid and revision again is `unchanged`; a higher revision
replaces the data and keeps the old one in `visit_versions`; an equal or lower revision with
other content is a `conflict`, stored but never applied; whatever is rejected is kept in
`quarantine` with its errors (contact data sealed, unstorable characters replaced)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from forms.masking import mask_record
from forms.messages import MESSAGES
from forms.schema import RecordCheck, validate_sync_record
from forms.storable import storable_copy, unstorable
from forms.vocabulary import AREAS_BY_KEY, SENSITIVE_GROUP_KEYS
from researcher.auth.models import User
from researcher.extensions import db, local_day, utcnow
from researcher.interviews.answers import answer_columns, stored_data, visit_answers
from researcher.interviews.contacts import encrypt_contact, seal_data, seal_record
from researcher.interviews.kinds import RECORD_KINDS, VISIT, KindOutcome, kind_of
from researcher.interviews.models import (
    INTERVIEW_OUTCOMES,
    Contact,
    Need,
    QuarantinedRecord,
    Visit,
    VisitVersion,
)
from researcher.interviews.record_rules import AccessCache, access_errors

CREATED, UPDATED, UNCHANGED, CONFLICT, REJECTED = (
    "created",
    "updated",
    "unchanged",
    "conflict",
    "rejected",
)


@dataclass
class RecordResult:
    uuid: str | None
    status: str
    revision: int | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Shown on pages and in JSON: a uuid as sent may hold characters nothing can encode.
        self.uuid = storable_copy(self.uuid)

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


def record_uuid(raw: Any) -> str | None:
    value = raw.get("uuid") if isinstance(raw, dict) else None
    return str(value)[:64] if value is not None else None


def record_revision(raw: Any) -> int | None:
    value = raw.get("revision") if isinstance(raw, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _is_sensitive(need: dict[str, Any]) -> bool:
    area = AREAS_BY_KEY.get(need.get("area", ""))
    return bool(area and area.health_related) or bool(
        SENSITIVE_GROUP_KEYS & set(need.get("target_groups") or [])
    )


def split_data(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The answers as stored in `visits.data`, and the contact data kept apart from them."""
    data = dict(raw["data"])
    return data, data.pop("contact", None)


def visit_columns(record: dict[str, Any], data: dict[str, Any], digest: str) -> dict[str, Any]:
    """The columns of `visits` a record sets (on creation and on every new revision).

    The one place computing them: `_fill_visit` (ORM) and `_bulk_create` (Core) both use it.
    """
    recorded_at = record["recorded_at"].astimezone(UTC).replace(tzinfo=None)
    return {
        "revision": record["revision"],
        "form_version": record["form_version"],
        "content_hash": digest,
        "recorded_at": recorded_at,
        "recorded_on": local_day(recorded_at),
        "opened_at": _utc(record.get("opened_at")),
        "finished_at": _utc(record.get("finished_at")),
        "updated_at": utcnow(),
        "campaign_id": data["campaign_id"],
        "locality_id": data.get("locality_id"),
        "visit_outcome": data["visit_outcome"],
        "consent_health": data.get("consent_health") == "tak",
        "is_interview": (
            data["visit_outcome"] in INTERVIEW_OUTCOMES
            and data.get("consent_interview") == "tak"
            and data.get("adult") == "tak"
        ),
        "contact_requested": bool(data.get("contact_requested")),
        "respondent_code": data.get("respondent_code"),
        "services_rating": data.get("services_rating"),
        "volunteering": data.get("volunteering"),
        "community_gaps": data.get("community_gaps"),
        "data": stored_data(data),  # the needs are their rows (interviews/answers.py)
        "from_paper": bool(record.get("from_paper")),
    }


def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


def need_columns(answers: dict[str, Any], visit: dict[str, Any]) -> dict[str, Any]:
    """The columns of `needs` the researcher's answers set; `visit` holds the visit's columns
    (`visit_columns` plus `researcher_id`). A manager's review columns are never among them."""
    return {
        "campaign_id": visit["campaign_id"],
        "locality_id": visit["locality_id"],
        "researcher_id": visit["researcher_id"],
        **answer_columns(answers),
        "sensitive": _is_sensitive(answers),
        "consent_art9": visit["consent_health"],
        "recorded_at": visit["recorded_at"],
        "recorded_on": visit["recorded_on"],
        "updated_at": visit["updated_at"],
    }


def contact_token(contact: dict[str, Any] | None, contact_requested: bool) -> bytes | None:
    """The encrypted contact data to store, or None when there is nothing to store."""
    return encrypt_contact(contact) if contact and contact_requested else None


def _fill_visit(
    visit: Visit, record: dict[str, Any], raw: dict[str, Any], digest: str, new: bool = False
) -> None:
    data, contact = split_data(raw)
    columns = visit_columns(record, data, digest)
    for name, value in columns.items():
        setattr(visit, name, value)
    _fill_needs(visit, data.get("needs") or [], {**columns, "researcher_id": visit.researcher_id})
    db.session.flush()
    _store_contact(visit, contact, new=new)


def _fill_needs(visit: Visit, needs: list[dict[str, Any]], columns: dict[str, Any]) -> None:
    # Update in place by position so a manager's review of a need survives a new revision.
    by_position = {n.position: n for n in visit.needs}
    for position, answers in enumerate(needs, start=1):
        need = by_position.pop(position, None) or Need(position=position)
        for name, value in need_columns(answers, columns).items():
            setattr(need, name, value)
        if need not in visit.needs:
            visit.needs.append(need)
    for leftover in by_position.values():
        visit.needs.remove(leftover)


def _store_contact(visit: Visit, contact: dict[str, Any] | None, new: bool = False) -> None:
    """`new`: the visit was just created, so it has no stored contact to look up."""
    existing = None
    if not new:
        existing = db.session.scalar(db.select(Contact).where(Contact.visit_id == visit.id))
    token = contact_token(contact, visit.contact_requested)
    if token is not None:
        if existing is None:
            existing = Contact(visit_id=visit.id)
            db.session.add(existing)
        existing.token = token
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
            data=seal_data(raw["data"]),
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
        data=visit_answers(visit),  # an earlier revision is kept whole, needs included
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
    _fill_visit(visit, record, raw, digest, new=True)  # flushes: a racing copy fails here
    return CREATED, {}


def _quarantine(raw: Any, errors, user: User, device_id, batch_id, source: str) -> None:
    # Kept as sent, except what no database can store (see forms.storable).
    db.session.add(
        QuarantinedRecord(
            researcher_id=user.id,
            device_id=device_id,
            batch_id=batch_id,
            record_uuid=storable_copy(record_uuid(raw)),
            source=source,
            payload=seal_record(storable_copy(raw)),
            errors=storable_copy(errors),
        )
    )


def apply_record(
    raw: Any,
    user: User,
    device_id: str | None,
    batch_id: str | None,
    source: str = "sync",
    *,
    check: RecordCheck | None = None,
    access: AccessCache | None = None,
    index: int | None = None,
) -> RecordResult:
    """Validate and apply one record inside a savepoint; never raises for bad input.

    `check`: the record's `validate_sync_record` result when the caller already has it;
    `access`: the batch's `AccessCache` (both optional: alone, the record is checked here);
    `index`: its place in the batch or file, the path of errors about the record as a whole.
    """
    raw, masked = mask_record(raw)  # before anything is stored: no PII anywhere
    uuid, revision = record_uuid(raw), record_revision(raw)
    kind = kind_of(raw)
    if kind != VISIT:
        return _apply_other_kind(raw, kind, user, device_id, batch_id, source, masked)
    check = check or validate_sync_record(raw)
    if "" in check.errors:  # not an object at all: its path is its place in the batch
        check.errors[f"records.{index}" if index is not None else "records"] = (
            check.errors.pop(""))
    errors = check.errors or access_errors(check.record, user, access)
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


def _apply_other_kind(
    raw: dict[str, Any], kind: str, user: User, device_id, batch_id, source: str,
    masked: dict[str, list[str]],
) -> RecordResult:
    """A record of a registered kind other than a visit: its handler, in a savepoint.
    `masked`: the paths of its text masked at ingestion, with the kinds of data found."""
    uuid, revision = record_uuid(raw), record_revision(raw)
    handler = RECORD_KINDS.get(kind)
    unfit = unstorable(raw)
    if unfit:
        outcome = KindOutcome(REJECTED, unfit)
    elif handler is None:
        outcome = KindOutcome(REJECTED, {"kind": [_("Nieznany rodzaj rekordu.")]})
    else:
        try:
            with db.session.begin_nested():
                outcome = handler(raw, user, device_id or "")
                if outcome.status == REJECTED:
                    raise _Rejected(outcome)
        except _Rejected:
            pass
    if outcome.status == REJECTED:
        with db.session.begin_nested():
            _quarantine(raw, outcome.errors, user, device_id, batch_id, source)
    warnings = {
        path: [MESSAGES[f"pii_{k}"] for k in kinds if f"pii_{k}" in MESSAGES]
        for path, kinds in masked.items()
    }
    warnings.update(outcome.warnings)
    return RecordResult(uuid, outcome.status, revision, outcome.errors, warnings)


class _Rejected(Exception):
    """Rolls a handler's savepoint back when it rejects its record."""

    def __init__(self, outcome: KindOutcome) -> None:
        super().__init__(outcome.status)
        self.outcome = outcome
