"""Kinds of record a phone syncs through `POST /api/v1/sync`.

A record carries `kind`; without it, it is a visit (phones and payloads from before kinds keep
working). A feature that adds a kind registers its handler here; the sync service calls it
inside the record's own savepoint and quarantines what it rejects, like a visit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

VISIT = "visit"


@dataclass
class KindOutcome:
    """What a handler did with one record: a sync status (created, updated, unchanged,
    conflict, rejected), errors by field path when rejected, warnings that never block."""

    status: str
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)


#: handler(record, user, device_id) -> KindOutcome; `record` is a dict, otherwise unchecked.
KindHandler = Callable[[dict[str, Any], Any, str], KindOutcome]

RECORD_KINDS: dict[str, KindHandler] = {}


def record_kind(name: str) -> Callable[[KindHandler], KindHandler]:
    """Register the handler of a record kind (decorator)."""

    def register(handler: KindHandler) -> KindHandler:
        RECORD_KINDS[name] = handler
        return handler

    return register


def kind_of(raw: Any) -> str:
    """The record's kind; a record without one is a visit."""
    kind = raw.get("kind", VISIT) if isinstance(raw, dict) else VISIT
    return kind if isinstance(kind, str) else ""
