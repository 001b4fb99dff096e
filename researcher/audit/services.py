"""Writing to the access log: one function, called by every feature that must leave a trace."""

from __future__ import annotations

from typing import Any

from researcher.audit.models import AccessAction, AccessLogEntry
from researcher.extensions import db


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
