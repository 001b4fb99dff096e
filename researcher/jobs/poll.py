"""The one JSON shape every progress page polls (static/js/app.js, module "poll-status")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WAITING, RUNNING = "oczekuje", "trwa"  # the unfinished codes every status set shares


def poll_state(
    status: str, labels: Mapping[str, Any], progress: int, error: str | None, **extra: Any
) -> dict[str, Any]:
    """{status, label, progress, error, finished, …extra}: the poller needs no status codes."""
    return {
        "status": str(status),
        "label": str(labels.get(status, status)),
        "progress": progress,
        "error": error,
        "finished": status not in (WAITING, RUNNING),
        **extra,
    }
