"""Writing to the access log, and reading it back for the admin: filters, CSV, retention."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, delete

from researcher.audit.models import AccessAction, AccessLogEntry
from researcher.extensions import LOCAL_TIME, db

#: The most entries one page of the log shows (the CSV has them all).
PAGE_SIZE = 200


def record_access(
    action: AccessAction,
    actor_id: int | None,
    target_kind: str | None = None,
    target_id: str | int | None = None,
    **detail: Any,
) -> AccessLogEntry:
    """Add an entry (flushed with the caller's transaction). `detail` must never hold the
    personal data themselves: a reason, a variant, a count, never a name or a phone number."""
    entry = AccessLogEntry(
        action=AccessAction(action),
        actor_id=actor_id,
        target_kind=target_kind,
        target_id=None if target_id is None else str(target_id),
        detail=detail,
    )
    db.session.add(entry)
    return entry


@dataclass(frozen=True)
class LogFilter:
    """What the admin asked for; every part optional. Days are days in Poland."""

    action: str | None = None
    actor_id: int | None = None
    since: date | None = None
    until: date | None = None


def _utc_start(day: date) -> datetime:
    """Midnight of `day` in Poland, as the naive UTC the log stores."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TIME).astimezone(UTC).replace(tzinfo=None)


def log_query(wanted: LogFilter) -> Select:
    """The entries matching `wanted`, newest first."""
    query = db.select(AccessLogEntry).order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
    if wanted.action:
        query = query.where(AccessLogEntry.action == wanted.action)
    if wanted.actor_id is not None:
        query = query.where(AccessLogEntry.actor_id == wanted.actor_id)
    if wanted.since:
        query = query.where(AccessLogEntry.at >= _utc_start(wanted.since))
    if wanted.until:
        query = query.where(AccessLogEntry.at < _utc_start(wanted.until + timedelta(days=1)))
    return query


CSV_COLUMNS = ("id", "at_utc", "actor_id", "action", "target_kind", "target_id", "detail")


def log_csv(entries: list[AccessLogEntry]) -> str:
    """The entries as CSV (UTF-8, one header row); `detail` as `key=value; …`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        detail = "; ".join(f"{k}={v}" for k, v in sorted((e.detail or {}).items()))
        writer.writerow(
            [e.id, e.at.isoformat(timespec="seconds"), e.actor_id or "", e.action,
             e.target_kind or "", e.target_id or "", detail]
        )
    return out.getvalue()


def purge_log(before: datetime, apply: bool) -> int:
    """Entries older than `before`: how many; deleted when `apply` (log retention)."""
    count = db.session.scalar(
        db.select(db.func.count(AccessLogEntry.id)).where(AccessLogEntry.at < before)
    )
    if apply and count:
        db.session.execute(delete(AccessLogEntry).where(AccessLogEntry.at < before))
    return count or 0
