"""Quarantine: rejected records kept verbatim; an admin re-processes or discards them."""

from __future__ import annotations

from flask_babel import gettext as _

from researcher.auth.models import User
from researcher.extensions import db, utcnow
from researcher.interviews.contacts import SEALED, unseal_record
from researcher.interviews.models import QuarantinedRecord, QuarantineStatus
from researcher.interviews.sync import REJECTED, RecordResult, apply_record


class QuarantineError(Exception):
    """The record cannot be acted on; the message is for the user."""


def _open(record: QuarantinedRecord) -> None:
    if record.status != QuarantineStatus.NEW:
        raise QuarantineError(_("Ten rekord został już rozpatrzony."))


def reprocess(record: QuarantinedRecord, by: User) -> RecordResult:
    """Apply the kept payload again, as its researcher, under today's rules and rights.

    Accepted → the entry is closed; rejected again → it stays open with the new errors (the
    fresh attempt is not quarantined a second time).
    """
    _open(record)
    with db.session.begin_nested() as savepoint:
        result = apply_record(
            unseal_record(record.payload), record.researcher, record.device_id,
            record.batch_id, record.source,
        )
        if result.status == REJECTED:
            savepoint.rollback()
    if result.status == REJECTED:
        record.errors = result.errors
    else:
        record.status = QuarantineStatus.ACCEPTED
        record.resolved_at = utcnow()
        record.resolved_by_id = by.id
    return result


def discard(record: QuarantinedRecord, by: User) -> None:
    _open(record)
    record.status = QuarantineStatus.REJECTED
    record.resolved_at = utcnow()
    record.resolved_by_id = by.id


def open_records() -> list[QuarantinedRecord]:
    stmt = (
        db.select(QuarantinedRecord)
        .where(QuarantinedRecord.status == QuarantineStatus.NEW)
        .order_by(QuarantinedRecord.received_at.desc())
    )
    return list(db.session.scalars(stmt))


def shown_payload(record: QuarantinedRecord) -> object:
    """The payload as the quarantine page shows it: contact data never appear, not even
    encrypted (they are for holders of the contact permission, on the follow-up pages)."""
    payload = record.payload
    data = payload.get("data") if isinstance(payload, dict) else None
    if isinstance(data, dict) and SEALED in data:
        data = {k: v for k, v in data.items() if k != SEALED}
        data["contact"] = _("[dane kontaktowe zaszyfrowane – niewidoczne]")
        payload = {**payload, "data": data}
    return payload
