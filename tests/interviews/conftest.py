"""Fixtures for visits and sync: the demo campaign and a valid interview record."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from researcher.demo.services import seed_demo
from researcher.extensions import db

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sync" / "interview.json"


@pytest.fixture
def demo(app_context):
    """The demo gmina, its localities, campaign 1 (open to all researchers) and accounts."""
    report = seed_demo()
    db.session.commit()
    return report


@pytest.fixture
def interview() -> Callable[..., dict[str, Any]]:
    """interview(**changes) → a fresh copy of the fixture record with a new uuid."""
    template = json.loads(FIXTURE.read_text(encoding="utf-8"))

    def make(**changes: Any) -> dict[str, Any]:
        record = copy.deepcopy(template)
        record["uuid"] = str(uuid.uuid4())
        data_changes = changes.pop("data", {})
        record.update(changes)
        record["data"].update(data_changes)
        return record

    return make


def batch(*records: dict[str, Any], device_id: str | None = None) -> dict[str, Any]:
    return {
        "device_id": device_id or str(uuid.uuid4()),
        "batch_id": str(uuid.uuid4()),
        "records": list(records),
    }
