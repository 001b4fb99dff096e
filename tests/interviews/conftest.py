"""Helpers for the sync tests (the `demo` and `interview` fixtures are in tests/conftest.py)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sync" / "interview.json"


def batch(*records: dict[str, Any], device_id: str | None = None) -> dict[str, Any]:
    return {
        "device_id": device_id or str(uuid.uuid4()),
        "batch_id": str(uuid.uuid4()),
        "records": list(records),
    }
