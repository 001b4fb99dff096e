"""Records carry a kind; visits are the default, other kinds go to their registered handler."""

from __future__ import annotations

import uuid

import pytest

from researcher.extensions import db
from researcher.interviews.kinds import RECORD_KINDS, KindOutcome
from researcher.interviews.models import QuarantinedRecord, Visit


@pytest.fixture
def echo_kind():
    """A kind whose handler accepts records with `ok: true` and rejects the rest."""

    def handler(record, user, device_id):
        if record.get("ok") is True:
            return KindOutcome("created")
        return KindOutcome("rejected", {"ok": ["Musi być prawdą."]})

    RECORD_KINDS["test_echo"] = handler
    yield
    del RECORD_KINDS["test_echo"]


def _batch(*records):
    return {"device_id": str(uuid.uuid4()), "batch_id": str(uuid.uuid4()), "records": list(records)}


def test_a_record_without_kind_is_a_visit(client, login, demo, interview):
    login("researcher")
    response = client.post("/api/v1/sync", json=_batch(interview()))
    assert response.json["results"][0]["status"] == "created"
    assert db.session.scalar(db.select(db.func.count()).select_from(Visit)) == 1


def test_an_unknown_kind_is_rejected_at_its_field_and_quarantined(client, login, demo, interview):
    login("researcher")
    good = interview()
    unknown = {"kind": "ufo", "uuid": str(uuid.uuid4())}
    response = client.post("/api/v1/sync", json=_batch(unknown, good))
    first, second = response.json["results"]
    assert first["status"] == "rejected" and "kind" in first["errors"]
    assert second["status"] == "created"
    assert db.session.scalar(db.select(db.func.count()).select_from(QuarantinedRecord)) == 1


def test_a_registered_kind_goes_to_its_handler(client, login, demo, echo_kind):
    login("researcher")
    ok = {"kind": "test_echo", "uuid": str(uuid.uuid4()), "ok": True}
    bad = {"kind": "test_echo", "uuid": str(uuid.uuid4()), "ok": False}
    results = client.post("/api/v1/sync", json=_batch(ok, bad)).json["results"]
    assert [r["status"] for r in results] == ["created", "rejected"]
    assert results[1]["errors"] == {"ok": ["Musi być prawdą."]}
