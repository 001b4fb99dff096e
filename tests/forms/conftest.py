"""Fixtures of the questionnaire tests: the shared valid interview and a validation helper."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from marshmallow import ValidationError

from forms.schema import flatten_errors, record_data_schema

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sync" / "interview.json"
_RECORD = json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def record() -> dict[str, Any]:
    """The complete valid sync record (three needs), a fresh copy for each test."""
    return copy.deepcopy(_RECORD)


@pytest.fixture
def data(record: dict[str, Any]) -> dict[str, Any]:
    """The `data` of the valid sync record."""
    return record["data"]


@pytest.fixture
def errors_of():
    """Validate record data of 2026.1 and return its flattened errors ({} when valid)."""

    def check(data: dict[str, Any], version: str = "2026.1") -> dict[str, list[str]]:
        try:
            record_data_schema(version).load(data)
        except ValidationError as err:
            return flatten_errors(err.messages)
        return {}

    return check
