"""A bad record never blocks its batch: every malformed value comes back as `rejected` with
the path of the field, its valid neighbours are stored, on SQLite and PostgreSQL alike, through
the sync API and the backup upload."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pytest

from researcher.extensions import db
from researcher.interviews.models import QuarantinedRecord, Visit
from tests.interviews.conftest import batch


def _set(record: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    target: Any = record
    *parents, last = path.split(".")
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return record


# (case id, path to change, bad value, the error path expected)
BAD_VALUES = [
    ("revision-2^63", "revision", 2**63, "revision"),
    ("revision-2^31", "revision", 2**31, "revision"),
    ("form-version-list", "form_version", ["2026.1"], "form_version"),
    ("form-version-object", "form_version", {"v": "2026.1"}, "form_version"),
    ("lone-surrogate", "data.needs.0.description", "Pomoc \ud800 w domu",
     "data.needs.0.description"),
    ("surrogate-in-note", "data.researcher_note", "\udfff", "data.researcher_note"),
    ("nul-byte", "data.needs.1.description", "Zajęcia\x00 dla dzieci", "data.needs.1.description"),
    ("recorded-year-1", "recorded_at", "0001-01-01T00:30:00+01:00", "recorded_at"),
    ("recorded-dec-9999", "recorded_at", "9999-12-31T23:30:00-01:00", "recorded_at"),
    ("recorded-trailing-nul", "recorded_at", "2026-11-20T10:15:00+01:00\x00", "recorded_at"),
    ("nan", "data.needs.0.service_type", math.nan, "data.needs.0.service_type"),
    ("infinity-unknown-key", "data.leaflet_given", math.inf, "data.leaflet_given"),
    ("campaign-id-huge", "data.campaign_id", 2**40, "data.campaign_id"),
    ("locality-id-huge", "data.locality_id", 2**63 + 5, "data.locality_id"),
    ("respondent-code-long", "data.respondent_code", "K" * 500, "data.respondent_code"),
]


def _body(records: list[Any]) -> bytes:
    # allow_nan: NaN and Infinity as a phone's JSON.stringify never writes them, but others may
    return json.dumps(batch(*records), allow_nan=True).encode()


def _post(client, records: list[Any]):
    return client.post("/api/v1/sync", data=_body(records), content_type="application/json")


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize(("path", "value", "error_path"),
                         [c[1:] for c in BAD_VALUES], ids=[c[0] for c in BAD_VALUES])
def test_a_bad_value_rejects_only_its_record_with_the_field_path(
    client, login, demo, interview, path, value, error_path
):
    login("researcher")
    bad, good = _set(interview(), path, value), interview()
    response = _post(client, [bad, good])
    assert response.status_code == 200, response.get_data(as_text=True)
    first, second = response.json["results"]
    assert first["status"] == "rejected"
    assert error_path in first["errors"], first["errors"]
    assert second["status"] == "created"
    assert _count(Visit) == 1
    assert _count(QuarantinedRecord) == 1
    kept = db.session.scalar(db.select(QuarantinedRecord))
    assert kept.payload["uuid"] == bad["uuid"]  # stored, and readable back


def test_a_record_that_is_not_an_object_is_rejected_at_its_index(client, login, demo, interview):
    login("researcher")
    records = [interview(), interview(), interview(), "nie rekord", interview()]
    response = _post(client, records)
    results = response.json["results"]
    assert [r["status"] for r in results] == ["created"] * 3 + ["rejected", "created"]
    assert list(results[3]["errors"]) == ["records.3"]


def test_json_nested_too_deep_is_a_400_for_the_request(client, login, demo):
    login("researcher")
    deep = "[" * 100_000 + "]" * 100_000
    body = '{"device_id": "x", "records": ' + deep + "}"
    response = client.post("/api/v1/sync", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json["error"]["code"] == "malformed_json"


def _upload(client, researcher, records: list[Any]):
    payload = json.dumps({"device_id": None, "records": records}, allow_nan=True).encode()
    return client.post(
        "/kopie-zapasowe",
        data={"researcher_id": str(researcher.id),
              "backup": (io.BytesIO(payload), "kopia.json")},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(("path", "value", "error_path"),
                         [c[1:] for c in BAD_VALUES], ids=[c[0] for c in BAD_VALUES])
def test_a_bad_value_in_a_backup_rejects_only_its_record(
    client, login, make_user, demo, interview, path, value, error_path
):
    researcher = make_user("researcher")
    login("manager")
    response = _upload(client, researcher, [_set(interview(), path, value), interview()])
    assert response.status_code == 200
    assert _count(Visit) == 1
    assert _count(QuarantinedRecord) == 1
    assert error_path in db.session.scalar(db.select(QuarantinedRecord)).errors



def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("depth", [40, 900])
def test_a_value_nested_too_deep_rejects_only_its_record(client, login, demo, interview, depth):
    login("researcher")
    bad, good = _set(interview(), "data.needs.0.description", _nested(depth)), interview()
    response = _post(client, [bad, good])
    assert response.status_code == 200
    first, second = response.json["results"]
    assert first["status"] == "rejected"
    assert all(path.startswith("data.needs.0.description") for path in first["errors"])
    assert second["status"] == "created"


def test_a_backup_record_with_an_unencodable_uuid_shows_its_result(
    client, login, make_user, demo, interview
):
    researcher = make_user("researcher")
    login("manager")
    response = _upload(client, researcher, [interview(uuid="\ud800abc"), interview()])
    assert response.status_code == 200
    assert _count(Visit) == 1
