"""New visits of a batch inserted in bulk: three statements (Core, no ORM units)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, null, select

from forms.schema import RecordCheck
from researcher.auth.models import User
from researcher.extensions import db, utcnow
from researcher.interviews.apply import contact_token, need_columns, split_data, visit_columns
from researcher.interviews.models import (
    Contact,
    Need,
    Visit,
)


@dataclass
class New:
    """A valid, allowed record whose uuid the server does not have: inserted in bulk."""

    index: int
    raw: dict[str, Any]
    check: RecordCheck
    digest: str


def bulk_create(new: list[New], user: User, device_id: str) -> None:
    """Insert new visits, their needs and contacts with three statements (Core, no ORM units).

    The columns come from the same functions as `_fill_visit`; on top of them, what the ORM
    fills for a new row: the owner, the device, `received_at` and a need's unreviewed state.
    Raises IntegrityError when a copy of one of the uuids was stored meanwhile.
    """
    now = utcnow()
    visits, needs, contacts = [], [], []
    for item in new:
        data, contact = split_data(item.raw)
        columns = visit_columns(item.check.record, data, item.digest)
        columns.update(
            uuid=str(item.check.record["uuid"]),
            researcher_id=user.id,
            device_id=device_id,
            received_at=now,
            updated_at=now,
        )
        visits.append(columns)
        needs.append([need_columns(a, columns) for a in data.get("needs") or []])
        contacts.append(contact_token(contact, columns["contact_requested"]))
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


def existing_rows(uuids: list[str]) -> dict[str, Any]:
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
