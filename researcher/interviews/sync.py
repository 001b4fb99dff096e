"""The sync service: apply a batch of synced records and commit it once (docs/api.md).

Along its seams: `record_rules` (rights, gmina, period of a record), `apply` (one record in
its savepoint: versions, conflicts, quarantine, other kinds), `bulk` (new visits of a batch in
three statements), `gc_pause` (the collector held off during a request), and here the batch:
order, the bulk path, the one-by-one rest, the lock retries.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from forms.masking import mask_record
from forms.schema import RecordCheck, sync_batch_schema, validate_sync_record
from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.apply import (  # noqa: F401  (the sync service's public names)
    CONFLICT,
    CREATED,
    REJECTED,
    UNCHANGED,
    UPDATED,
    RecordResult,
    apply_record,
    content_hash,
    record_revision,
    record_uuid,
)
from researcher.interviews.bulk import New, bulk_create, existing_rows
from researcher.interviews.gc_pause import gc_paused  # noqa: F401
from researcher.interviews.kinds import VISIT, kind_of
from researcher.interviews.models import (
    SyncBatch,
)
from researcher.interviews.record_rules import AccessCache, access_errors
from researcher.reports.jobs import request_counts

LOCK_RETRIES = 3


def _ordered(records: list[Any]) -> list[int]:
    # A fixed order (by uuid) makes two batches lock rows in the same order: no deadlock.
    return sorted(range(len(records)), key=lambda i: str(record_uuid(records[i]) or ""))


def _before_bulk_insert() -> None:
    """Called between the existence query and the bulk insert (a hook for the race tests)."""


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
        if not check.errors and not access_errors(check.record, user, access):
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
    existing = existing_rows(uuids)
    new: list[New] = []
    for index, visit_uuid in zip(valid, uuids, strict=True):
        if visit_uuid in repeated:
            continue
        raw, check = records[index], checks[index]
        row = existing.get(visit_uuid)
        if row is None:
            new.append(New(index, raw, check, content_hash(raw)))
        elif (
            row.researcher_id == user.id
            and row.revision == check.record["revision"]
            and row.content_hash == content_hash(raw)
        ):
            results[index] = RecordResult(
                record_uuid(raw), UNCHANGED, record_revision(raw), {}, check.warnings
            )
    if new:
        _before_bulk_insert()
        try:
            with db.session.begin_nested():
                bulk_create(new, user, device_id)
        except IntegrityError:
            new = []  # a racing copy was stored meanwhile: decide each one below
        for item in new:
            results[item.index] = RecordResult(
                record_uuid(item.raw), CREATED, record_revision(item.raw), {},
                item.check.warnings,
            )
    for index in order:
        if results[index] is None:
            results[index] = apply_record(
                records[index], user, device_id, batch_id, check=checks.get(index),
                access=access, index=index,
            )
    return results


def _touched_campaigns(records: list[Any], results: list[RecordResult | None]) -> set[Any]:
    """The campaigns of the records that changed something (every kind keeps it in its data)."""
    return {
        raw["data"].get("campaign_id")
        for raw, result in zip(records, results, strict=True)
        if result is not None and result.status in (CREATED, UPDATED)
        and isinstance(raw, dict) and isinstance(raw.get("data"), dict)
    }


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
            request_counts(_touched_campaigns(records, results))
            db.session.commit()
            break
        except OperationalError:
            db.session.rollback()
            if attempt == LOCK_RETRIES - 1:
                raise
    return {"batch_id": batch_id, "results": [r.as_json() for r in results]}
