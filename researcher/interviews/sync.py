"""Apply a batch of synced visits: validate, de-duplicate, version, quarantine.

Rules (docs/api.md): every record is validated on its own and applied inside its own
savepoint, so a bad record never blocks the rest; the same uuid and revision again is
`unchanged`; a higher revision replaces the data and keeps the old one in `visit_versions`;
an equal or lower revision with other content is a `conflict`, stored but never applied;
whatever is rejected is kept verbatim in `quarantine` with its errors.
"""

from __future__ import annotations

import gc
import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import insert, null, select
from sqlalchemy.exc import IntegrityError, OperationalError

from forms.masking import mask_record
from forms.messages import MESSAGES
from forms.schema import RecordCheck, sync_batch_schema, validate_sync_record
from forms.storable import storable_copy, unstorable
from forms.vocabulary import AREAS_BY_KEY, SENSITIVE_GROUP_KEYS
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.campaigns.services import may_work_on
from researcher.extensions import LOCAL_TIME, db, local_day, utcnow
from researcher.gminas.models import Locality
from researcher.interviews.contacts import encrypt_contact, seal_data, seal_record
from researcher.interviews.kinds import RECORD_KINDS, VISIT, KindOutcome, kind_of
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


def _record_uuid(raw: Any) -> str | None:
    value = raw.get("uuid") if isinstance(raw, dict) else None
    return str(value)[:64] if value is not None else None


def _record_revision(raw: Any) -> int | None:
    value = raw.get("revision") if isinstance(raw, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class CampaignAccess:
    """What the record rules need of a campaign the user may work on."""

    gmina_code: str
    starts_on: date
    ends_on: date


@dataclass
class AccessCache:
    """What `_access_errors` looked up, kept for one user's batch: each campaign and locality
    is read once. `campaigns`: campaign id → its `CampaignAccess` when the user may work on it,
    else None; `localities`: locality id → its gmina code, None when it does not exist."""

    campaigns: dict[int, CampaignAccess | None] = field(default_factory=dict)
    localities: dict[int, str | None] = field(default_factory=dict)


#: A phone's clock may run ahead of the server's by this much.
CLOCK_SKEW = timedelta(hours=2)
#: Days of margin around the campaign's period (time zones, a phone's wrong date).
PERIOD_MARGIN = timedelta(days=1)


def _date_errors(recorded_at: datetime, campaign: CampaignAccess) -> dict[str, list[str]]:
    """`recorded_at` must fall within the campaign's period (± a day) and not in the future.

    A record of an ended campaign recorded while it ran is accepted whenever it arrives (a
    phone may sync late: nothing is lost); one recorded after the end is not."""
    day = recorded_at.astimezone(LOCAL_TIME).date()
    if recorded_at.astimezone(UTC) > datetime.now(UTC) + CLOCK_SKEW:
        return {"recorded_at": [_(
            "Data wizyty jest w przyszłości. Sprawdź datę i godzinę w telefonie.")]}
    if day < campaign.starts_on - PERIOD_MARGIN:
        return {"recorded_at": [_(
            "Wizyta jest wcześniejsza niż początek kampanii (%(day)s).",
            day=format_date(campaign.starts_on))]}
    if day > campaign.ends_on + PERIOD_MARGIN:
        return {"recorded_at": [_(
            "Kampania zakończyła się %(day)s; wizyt zapisanych po jej końcu nie można przyjąć.",
            day=format_date(campaign.ends_on))]}
    return {}


def _campaign_access(campaign_id: int, user: User, cache: AccessCache) -> CampaignAccess | None:
    if campaign_id not in cache.campaigns:
        campaign = db.session.get(Campaign, campaign_id)
        allowed = campaign is not None and may_work_on(user, campaign)
        cache.campaigns[campaign_id] = (
            CampaignAccess(campaign.gmina_code, campaign.starts_on, campaign.ends_on)
            if allowed else None
        )
    return cache.campaigns[campaign_id]


def _access_errors(
    record: dict[str, Any], user: User, cache: AccessCache | None = None
) -> dict[str, list[str]]:
    """Server-side rules the schema cannot know: campaign rights, the campaign's gmina and
    period. `record`: the loaded record (envelope and data)."""
    cache = cache or AccessCache()
    data = record["data"]
    campaign = _campaign_access(data["campaign_id"], user, cache)
    if campaign is None:
        return {"data.campaign_id": [_("Nie masz dostępu do tej kampanii.")]}
    locality_id = data.get("locality_id")
    if locality_id is not None:
        if locality_id not in cache.localities:
            locality = db.session.get(Locality, locality_id)
            cache.localities[locality_id] = locality.gmina_code if locality else None
        if cache.localities[locality_id] != campaign.gmina_code:
            return {"data.locality_id": [_("Ta miejscowość nie należy do gminy kampanii.")]}
    return _date_errors(record["recorded_at"], campaign)


def _is_sensitive(need: dict[str, Any]) -> bool:
    area = AREAS_BY_KEY.get(need.get("area", ""))
    return bool(area and area.health_related) or bool(
        SENSITIVE_GROUP_KEYS & set(need.get("target_groups") or [])
    )


def _split_data(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The answers as stored in `visits.data`, and the contact data kept apart from them."""
    data = dict(raw["data"])
    return data, data.pop("contact", None)


def _visit_columns(record: dict[str, Any], data: dict[str, Any], digest: str) -> dict[str, Any]:
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
        "data": data,
    }


def _need_columns(answers: dict[str, Any], visit: dict[str, Any]) -> dict[str, Any]:
    """The columns of `needs` the researcher's answers set; `visit` holds the visit's columns
    (`_visit_columns` plus `researcher_id`). A manager's review columns are never among them."""
    return {
        "campaign_id": visit["campaign_id"],
        "locality_id": visit["locality_id"],
        "researcher_id": visit["researcher_id"],
        "description": answers.get("description", ""),
        "area": answers.get("area", ""),
        "service_type": answers.get("service_type"),
        "beneficiary": answers.get("beneficiary", ""),
        "target_groups": list(answers.get("target_groups") or []),
        "urgency": answers.get("urgency", ""),
        "met_status": answers.get("met_status", ""),
        "met_by": list(answers.get("met_by") or []),
        "barriers": list(answers.get("barriers") or []),
        "preferred_forms": list(answers.get("preferred_forms") or []),
        "frequency": answers.get("frequency"),
        "access_view": answers.get("access_view"),
        "sensitive": _is_sensitive(answers),
        "consent_art9": visit["consent_health"],
        "recorded_at": visit["recorded_at"],
        "recorded_on": visit["recorded_on"],
        "updated_at": visit["updated_at"],
    }


def _contact_token(contact: dict[str, Any] | None, contact_requested: bool) -> bytes | None:
    """The encrypted contact data to store, or None when there is nothing to store."""
    return encrypt_contact(contact) if contact and contact_requested else None


def _fill_visit(
    visit: Visit, record: dict[str, Any], raw: dict[str, Any], digest: str, new: bool = False
) -> None:
    data, contact = _split_data(raw)
    columns = _visit_columns(record, data, digest)
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
        for name, value in _need_columns(answers, columns).items():
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
    token = _contact_token(contact, visit.contact_requested)
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
    _fill_visit(visit, record, raw, digest, new=True)  # flushes: a racing copy fails here
    return CREATED, {}


def _quarantine(raw: Any, errors, user: User, device_id, batch_id, source: str) -> None:
    # Kept as sent, except what no database can store (see forms.storable).
    db.session.add(
        QuarantinedRecord(
            researcher_id=user.id,
            device_id=device_id,
            batch_id=batch_id,
            record_uuid=storable_copy(_record_uuid(raw)),
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
    uuid, revision = _record_uuid(raw), _record_revision(raw)
    kind = kind_of(raw)
    if kind != VISIT:
        return _apply_other_kind(raw, kind, user, device_id, batch_id, source, masked)
    check = check or validate_sync_record(raw)
    if "" in check.errors:  # not an object at all: its path is its place in the batch
        check.errors[f"records.{index}" if index is not None else "records"] = (
            check.errors.pop(""))
    errors = check.errors or _access_errors(check.record, user, access)
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
    uuid, revision = _record_uuid(raw), _record_revision(raw)
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


def _ordered(records: list[Any]) -> list[int]:
    # A fixed order (by uuid) makes two batches lock rows in the same order: no deadlock.
    return sorted(range(len(records)), key=lambda i: str(_record_uuid(records[i]) or ""))


@dataclass
class _New:
    """A valid, allowed record whose uuid the server does not have: inserted in bulk."""

    index: int
    raw: dict[str, Any]
    check: RecordCheck
    digest: str


def _before_bulk_insert() -> None:
    """Called between the existence query and the bulk insert (a hook for the race tests)."""


def _bulk_create(new: list[_New], user: User, device_id: str) -> None:
    """Insert new visits, their needs and contacts with three statements (Core, no ORM units).

    The columns come from the same functions as `_fill_visit`; on top of them, what the ORM
    fills for a new row: the owner, the device, `received_at` and a need's unreviewed state.
    Raises IntegrityError when a copy of one of the uuids was stored meanwhile.
    """
    now = utcnow()
    visits, needs, contacts = [], [], []
    for item in new:
        data, contact = _split_data(item.raw)
        columns = _visit_columns(item.check.record, data, item.digest)
        columns.update(
            uuid=str(item.check.record["uuid"]),
            researcher_id=user.id,
            device_id=device_id,
            received_at=now,
            updated_at=now,
        )
        visits.append(columns)
        needs.append([_need_columns(a, columns) for a in data.get("needs") or []])
        contacts.append(_contact_token(contact, columns["contact_requested"]))
    visits_table, needs_table = Visit.__table__, Need.__table__
    # RETURNING the uuid too, matched back below: the rows may come back in any order, so
    # SQLAlchemy batches the statement on every backend (SQLite has no sentinel to order by).
    returned = db.session.execute(
        insert(visits_table).returning(visits_table.c.uuid, visits_table.c.id), visits
    )
    id_by_uuid = {row.uuid: row.id for row in returned}
    ids = [id_by_uuid[columns["uuid"]] for columns in visits]
    need_rows = [
        {
            **columns,
            "visit_id": visit_id,
            "position": position,
            "status": "nowa",
            "status_reason": None,
            "reviewed_area": None,
            "scope_flag": None,
            "quote_approved": False,
            "created_at": now,
        }
        for visit_id, visit_needs in zip(ids, needs, strict=True)
        for position, columns in enumerate(visit_needs, start=1)
    ]
    if need_rows:
        # reviewed_target_groups: SQL NULL as the ORM leaves it (a None parameter would be
        # stored as the JSON value null).
        db.session.execute(insert(needs_table).values(reviewed_target_groups=null()), need_rows)
    contact_rows = [
        {"visit_id": visit_id, "token": token, "created_at": now}
        for visit_id, token in zip(ids, contacts, strict=True)
        if token is not None
    ]
    if contact_rows:
        db.session.execute(insert(Contact.__table__), contact_rows)


def _existing(uuids: list[str]) -> dict[str, Any]:
    """uuid → (uuid, revision, content_hash, researcher_id) of the visits already stored."""
    found: dict[str, Any] = {}
    for start in range(0, len(uuids), 500):
        rows = db.session.execute(
            select(Visit.uuid, Visit.revision, Visit.content_hash, Visit.researcher_id).where(
                Visit.uuid.in_(uuids[start : start + 500])
            )
        )
        found.update((row.uuid, row) for row in rows)
    return found


def _check_visits(
    records: list[Any], order: list[int], user: User, access: AccessCache
) -> tuple[dict[int, RecordCheck], list[int]]:
    """Validate the visits of a batch: each one's check, and the indexes of those allowed.
    Other kinds go one by one through `apply_record`."""
    checks: dict[int, RecordCheck] = {}
    valid: list[int] = []
    for index in order:
        if kind_of(records[index]) != VISIT:
            continue
        check = checks[index] = validate_sync_record(records[index])
        if not check.errors and not _access_errors(check.record, user, access):
            valid.append(index)
    return checks, valid


def _apply_batch(
    records: list[Any], user: User, device_id: str, batch_id: str
) -> list[RecordResult | None]:
    """Apply the records of one batch; results in the order sent.

    New records (valid, allowed, uuid not stored, sent once in the batch) are inserted in
    bulk inside one savepoint; a record already stored with the same revision and content is
    `unchanged` without loading it; everything else (updates, conflicts, rejections, repeats
    within the batch, and the new ones when a racing copy made the bulk insert fail) goes
    through `apply_record`, in uuid order.
    """
    results: list[RecordResult | None] = [None] * len(records)
    access = AccessCache()
    order = _ordered(records)
    checks, valid = _check_visits(records, order, user, access)
    uuids = [str(checks[i].record["uuid"]) for i in valid]
    repeated = {u for u, n in Counter(uuids).items() if n > 1}
    existing = _existing(uuids)
    new: list[_New] = []
    for index, visit_uuid in zip(valid, uuids, strict=True):
        if visit_uuid in repeated:
            continue
        raw, check = records[index], checks[index]
        row = existing.get(visit_uuid)
        if row is None:
            new.append(_New(index, raw, check, content_hash(raw)))
        elif (
            row.researcher_id == user.id
            and row.revision == check.record["revision"]
            and row.content_hash == content_hash(raw)
        ):
            results[index] = RecordResult(
                _record_uuid(raw), UNCHANGED, _record_revision(raw), {}, check.warnings
            )
    if new:
        _before_bulk_insert()
        try:
            with db.session.begin_nested():
                _bulk_create(new, user, device_id)
        except IntegrityError:
            new = []  # a racing copy was stored meanwhile: decide each one below
        for item in new:
            results[item.index] = RecordResult(
                _record_uuid(item.raw), CREATED, _record_revision(item.raw), {},
                item.check.warnings,
            )
    for index in order:
        if results[index] is None:
            results[index] = apply_record(
                records[index], user, device_id, batch_id, check=checks.get(index),
                access=access, index=index,
            )
    return results


class _GcPause:
    """Counts the requests inside `gc_paused`; the collector is off while there is one."""

    lock = threading.Lock()
    holders = 0
    restore = False  # whether the last one out turns the collector back on


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a sync request is parsed and applied.

    A batch keeps a few hundred thousand containers alive until it is answered (the parsed
    body, loaded records, rows to insert): every collection their allocation triggers walks
    them again, and the larger ones the whole heap, to find nothing, since reference counting
    frees them when the request ends. That was a fifth of the CPU of a batch of new records.
    Concurrent and nested pauses are counted (the collector is process-wide); the last one
    out turns it back on, unless it was already off. Other threads' reference cycles are
    collected after the pause, a fraction of a second later.
    """
    with _GcPause.lock:
        if _GcPause.holders == 0:
            _GcPause.restore = gc.isenabled()
            gc.disable()
        _GcPause.holders += 1
    try:
        yield
    finally:
        with _GcPause.lock:
            _GcPause.holders -= 1
            if _GcPause.holders == 0 and _GcPause.restore:
                gc.enable()


def sync_batch(payload: dict[str, Any], user: User) -> dict[str, Any]:
    """Apply a whole batch and commit it. Raises marshmallow.ValidationError for a bad envelope.

    The one service that commits: on a lock conflict (SQLite busy, PostgreSQL deadlock) it
    rolls back and applies the whole batch again, which is safe because applying is idempotent.
    """
    batch = sync_batch_schema.load(payload)
    device_id, batch_id = str(batch["device_id"]), str(batch["batch_id"])
    # As in `apply_record`; other kinds are masked there, where their warnings are made.
    records = [
        mask_record(raw)[0] if kind_of(raw) == VISIT else raw for raw in batch["records"]
    ]
    for attempt in range(LOCK_RETRIES):
        try:
            db.session.rollback()  # end the read begun by loading the user: begin IMMEDIATE below
            db.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            results = _apply_batch(records, user, device_id, batch_id)
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
