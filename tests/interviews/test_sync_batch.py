"""The batch fast path of sync_batch: same rows as one record at a time, statuses, races."""

from __future__ import annotations

import copy
import gc
import uuid

import pytest
from sqlalchemy import text

from researcher.extensions import db
from researcher.interviews import sync
from researcher.interviews.contacts import decrypt_contact
from researcher.interviews.models import Contact, Need, Visit
from researcher.interviews.sync import apply_record, gc_paused, sync_batch
from tests.interviews.conftest import batch

#: Columns that differ between two copies of one record by nature (keys, times, device).
VISIT_OWN = {"id", "uuid", "received_at", "updated_at", "device_id"}
NEED_OWN = {"id", "visit_id", "created_at", "updated_at"}


def _statuses(answer):
    return [r["status"] for r in answer["results"]]


def _row(table, where_column, value, own):
    """Every column of a row as stored, plus whether each one is SQL NULL (a JSON column can
    hold the JSON value null, which reads back as None too)."""
    names = [c.name for c in table.columns if c.name not in own]
    nulls = ", ".join(f"{name} IS NULL AS null_{name}" for name in names)
    raw = db.session.execute(
        text(f"SELECT {nulls} FROM {table.name} WHERE {where_column} = :v ORDER BY id"),
        {"v": value},
    ).mappings().all()
    model = {"visits": Visit, "needs": Need}[table.name]
    column = getattr(model, where_column)
    objects = db.session.scalars(db.select(model).where(column == value).order_by(model.id))
    values = [{name: getattr(o, name) for name in names} for o in objects]
    return [dict(v, **{k: bool(x) for k, x in r.items()}) for v, r in zip(values, raw, strict=True)]


def _stored(visit_uuid):
    db.session.expire_all()
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == visit_uuid))
    contact = db.session.scalar(db.select(Contact).where(Contact.visit_id == visit.id))
    return {
        "visit": _row(Visit.__table__, "uuid", visit_uuid, VISIT_OWN),
        "needs": _row(Need.__table__, "visit_id", visit.id, NEED_OWN),
        "contact": decrypt_contact(contact.token) if contact else None,
    }


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({}, id="fixture"),
        pytest.param(
            {"contact_requested": True,
             "contact": {"name": "Halina", "phone_or_email": "601234567", "when": "rano"}},
            id="with-contact",
        ),
        pytest.param("refusal", id="refusal-without-answers"),
    ],
)
def test_a_batch_stores_the_same_rows_as_one_record_alone(make_user, demo, interview, change):
    researcher = make_user("researcher")
    alone = interview()
    if change == "refusal":  # no needs, no E1-E3: NULL columns, not JSON null
        alone["data"] = {"campaign_id": 1, "locality_id": 1, "visit_outcome": "odmowa"}
    else:
        alone["data"].update(change)
    in_batch = copy.deepcopy(alone)
    in_batch["uuid"] = str(uuid.uuid4())
    assert apply_record(alone, researcher, str(uuid.uuid4()), None).status == "created"
    db.session.commit()
    others = [interview() for _ in range(3)]
    answer = sync_batch(batch(*others, in_batch), researcher)
    assert _statuses(answer) == ["created"] * 4
    one, bulk = _stored(alone["uuid"]), _stored(in_batch["uuid"])
    assert bulk == one
    assert len(one["needs"]) == (0 if change == "refusal" else 3)
    assert (one["contact"] is not None) == (change != "refusal" and "contact" in change)


def test_a_mixed_batch_answers_each_record_in_the_order_sent(make_user, demo, interview):
    researcher = make_user("researcher")
    stranger = make_user("researcher")
    unchanged, updated, conflict = interview(), interview(), interview()
    theirs = interview()
    sync_batch(batch(unchanged, updated, conflict), researcher)
    sync_batch(batch(theirs), stranger)
    new, repeated = interview(), interview()
    bad = interview()
    bad["data"]["needs"][1]["urgency"] = "wczoraj"
    records = [
        new,
        repeated,
        unchanged,
        {**updated, "revision": 2, "data": {**updated["data"], "volunteering": "tak"}},
        {**conflict, "data": {**conflict["data"], "volunteering": "nie"}},
        bad,
        repeated,
        theirs,
        interview(data={"campaign_id": 999}),
    ]
    answer = sync_batch(batch(*records), researcher)
    assert _statuses(answer) == [
        "created", "created", "unchanged", "updated", "conflict", "rejected", "unchanged",
        "rejected", "rejected",
    ]
    assert [r["uuid"] for r in answer["results"]] == [r["uuid"] for r in records]
    assert "data.needs.1.urgency" in answer["results"][5]["errors"]
    assert "uuid" in answer["results"][7]["errors"]
    assert "data.campaign_id" in answer["results"][8]["errors"]
    db.session.expire_all()
    for record in (new, repeated):
        visit = db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))
        assert len(visit.needs) == 3
    # The same batch again: everything already stored is unchanged, the rest rejected again.
    again = sync_batch(batch(*records), researcher)
    assert _statuses(again) == [
        "unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "rejected",
        "unchanged", "rejected", "rejected",
    ]


def test_a_copy_stored_by_a_racing_request_is_unchanged(make_user, demo, interview, monkeypatch):
    researcher = make_user("researcher")
    records = [interview() for _ in range(4)]
    raced = records[2]

    def racing_copy() -> None:  # stored after the existence query, before the bulk insert
        assert apply_record(raced, researcher, str(uuid.uuid4()), None).status == "created"

    monkeypatch.setattr(sync, "_before_bulk_insert", racing_copy)
    answer = sync_batch(batch(*records), researcher)
    assert _statuses(answer) == ["created", "created", "unchanged", "created"]
    uuids = [r["uuid"] for r in records]
    count = db.select(db.func.count()).select_from(Visit).where(Visit.uuid.in_(uuids))
    assert db.session.scalar(count) == 4
    assert db.session.scalar(db.select(db.func.count()).select_from(Need)) == 12


def test_gc_paused_counts_nested_pauses_and_restores_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()


def test_gc_paused_is_lifted_when_the_request_fails():
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError
    assert gc.isenabled()
