"""A visit is stored in fewer bytes (coded keys in `data`; on PostgreSQL a native uuid and
the content hash's bytes) while every reader sees the values the phone sent."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from researcher.extensions import db
from researcher.interviews.answers import visit_answers
from researcher.interviews.models import Visit
from researcher.interviews.stored_types import STORED_KEYS, coded_keys, named_keys
from tests.interviews.conftest import batch


def _raw(uuid_: str, columns: str):
    """Columns of the visit as the database holds them (no type conversion)."""
    row = db.session.execute(
        text(f"SELECT {columns} FROM visits WHERE id = :id"),
        {"id": db.session.scalar(db.select(Visit.id).where(Visit.uuid == uuid_))},
    ).one()
    return row


def _stored_json(value):
    return json.loads(value) if isinstance(value, str) else value


def test_data_is_stored_with_coded_keys_and_read_back_with_its_names(
    client, login, demo, interview
):
    login("researcher")
    sent = interview()
    [result] = client.post("/api/v1/sync", json=batch(sent)).get_json()["results"]
    assert result["status"] == "created"
    stored = _stored_json(_raw(sent["uuid"], "data").data)
    assert "respondent_situation" in sent["data"]
    assert not set(stored) & set(STORED_KEYS)  # no question's name spelt out
    assert stored[str(STORED_KEYS.index("respondent_situation"))] == (
        sent["data"]["respondent_situation"])
    db.session.remove()
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == sent["uuid"]))
    assert visit_answers(visit) == sent["data"]
    assert "respondent_situation" in visit.data


def test_keys_outside_the_table_are_kept_even_when_they_look_like_codes():
    data = {"adult": "tak", "later_question": 1, "3": "a code?", "~x": [1], "": None,
            "needs": [{"area": "zdrowie"}]}
    coded = coded_keys(data)
    assert named_keys(coded) == data
    assert list(named_keys(coded)) == list(data)  # in the same order
    assert coded["later_question"] == 1
    assert len(set(coded)) == len(data)
    assert named_keys(None) is None and coded_keys([1]) == [1]


def test_a_resent_record_is_unchanged_and_a_correction_replaces_it(client, login, demo, interview):
    """The content hash compares as before, whatever it is stored as."""
    login("researcher")
    sent = interview()
    client.post("/api/v1/sync", json=batch(sent))
    [again] = client.post("/api/v1/sync", json=batch(sent)).get_json()["results"]
    assert again["status"] == "unchanged"
    corrected = {**sent, "revision": 2,
                 "data": {**sent["data"], "respondent_situation": "emerytura_renta"}}
    [result] = client.post("/api/v1/sync", json=batch(corrected)).get_json()["results"]
    assert result["status"] == "updated"
    db.session.remove()
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == sent["uuid"]))
    assert visit_answers(visit) == corrected["data"]
    assert len(visit.content_hash) == 64 and int(visit.content_hash, 16) >= 0


@pytest.mark.postgresql
def test_on_postgresql_the_uuid_and_the_hash_take_their_binary_types(
    client, login, demo, interview
):
    login("researcher")
    sent = interview()
    client.post("/api/v1/sync", json=batch(sent))
    row = _raw(sent["uuid"], "pg_typeof(uuid)::text AS u, pg_typeof(content_hash)::text AS h, "
                             "octet_length(content_hash) AS n")
    assert (row.u, row.h, row.n) == ("uuid", "bytea", 32)
    db.session.remove()
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == sent["uuid"].upper()))
    assert visit.uuid == sent["uuid"]  # read back as the text the phone made
