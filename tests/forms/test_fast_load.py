"""The shortcuts of `forms.fast_load` (`FastSchema`, `Answer`) and `forms.schema._ChoiceList` load
every record exactly as marshmallow's general code does: same data, same errors, same paths."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from marshmallow import Schema, ValidationError, fields

from forms import fast_load
from forms import schema as schema_module
from forms.schema import record_data_schema, sync_batch_schema, validate_sync_record


def _outcome(raw: Any) -> tuple[Any, ...]:
    check = validate_sync_record(raw)
    data = record_data_schema("2026.1")
    try:
        loaded = ("ok", data.load(raw["data"]))
    except (ValidationError, KeyError, TypeError) as err:
        loaded = ("error", getattr(err, "messages", repr(err)))
    try:
        batch = ("ok", sync_batch_schema.load({"device_id": raw.get("uuid"), "records": [raw]}))
    except ValidationError as err:
        batch = ("error", err.messages)
    return check.record, check.errors, check.warnings, loaded, batch


@pytest.fixture
def marshmallow_only(monkeypatch):
    """Switch the shortcuts off: every value through marshmallow's own methods."""

    def undo():
        monkeypatch.setattr(fast_load.FastSchema, "_deserialize", Schema._deserialize)
        monkeypatch.setattr(fast_load.Answer, "deserialize", fields.Field.deserialize)
        monkeypatch.setattr(schema_module._ChoiceList, "_deserialize", fields.List._deserialize)

    return undo


def _set(path: str, value: Any):
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _drop(key: str):
    return lambda data: data.pop(key, None)


CHANGES = {
    "valid": lambda data: None,
    "int-as-string": _set("campaign_id", "1"),
    "int-as-bool": _set("locality_id", True),
    "int-as-float": _set("locality_id", 1.0),
    "int-zero": _set("locality_id", 0),
    "int-null": _set("locality_id", None),
    "bool-as-int": _set("leaflet_given", 1),
    "bool-as-string": _set("leaflet_given", "true"),
    "choice-unknown": _set("adult", "może"),
    "choice-as-list": _set("adult", ["tak"]),
    "choice-as-object": _set("gender", {"a": 1}),
    "choice-as-int": _set("gender", 3),
    "choice-null": _set("gender", None),
    "choice-empty": _set("gender", ""),
    "multi-unknown-key": _set("areas", ["zdrowie", "nieznane"]),
    "multi-duplicate": _set("community_gaps", ["kultura", "kultura"]),
    "multi-exclusive": _set("info_sources", ["nie_wiem", "parafia"]),
    "multi-too-many": _set("top_areas", ["pomoc_spoleczna", "edukacja", "zdrowie", "inna"]),
    "multi-unhashable": _set("areas", [["zdrowie"], {"a": 1}]),
    "multi-as-string": _set("areas", "zdrowie"),
    "multi-as-tuple-like": _set("areas", {"zdrowie": True}),
    "multi-null-element": _set("areas", [None, "zdrowie"]),
    "multi-empty": _set("household_members", []),
    "text-too-long": _set("researcher_note", "x" * 5000),
    "text-as-int": _set("areas_other", 12),
    "code-bad": _set("respondent_code", "abc"),
    "code-as-int": _set("respondent_code", 123456),
    "unknown-key": _set("surprise", 1),
    "missing-required": _drop("visit_outcome"),
    "needs-as-object": _set("needs", {"0": {}}),
    "needs-element-string": _set("needs.1", "potrzeba"),
    "needs-element-null": _set("needs.1", None),
    "needs-unknown-key": _set("needs.0.surprise", "x"),
    "needs-bad-choice": _set("needs.2.urgency", "jutro"),
    "needs-bad-multi": _set("needs.0.barriers", ["koszt", 7]),
    "needs-empty": _set("needs", []),
    "contact-as-list": _set("contact", ["Halina"]),
    "contact-unknown": _set("contact", {"name": "Halina", "x": 1}),
    "hidden-answer": _set("visit_outcome", "odmowa"),
    "pii-in-text": _set("researcher_note", "PESEL 44051401359, tel. 601 234 567"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_shortcuts_load_like_marshmallow(record, marshmallow_only, change):
    change(record["data"])
    fast = _outcome(copy.deepcopy(record))
    marshmallow_only()
    assert _outcome(copy.deepcopy(record)) == fast


@pytest.mark.parametrize(
    "raw",
    [None, [], "record", {}, {"uuid": "nie-uuid", "revision": "1", "data": []},
     {"uuid": "3f6c1e2a-8b4d-4c1e-9a7f-2d5b6c8e9f01", "revision": 1, "form_version": "2026.1",
      "recorded_at": "2026-11-20T10:15:00", "data": None, "extra": 1}],
    ids=["null", "list", "string", "empty", "bad-envelope", "naive-time-no-data"],
)
def test_shortcuts_reject_envelopes_like_marshmallow(marshmallow_only, raw):
    fast = validate_sync_record(copy.deepcopy(raw))
    marshmallow_only()
    slow = validate_sync_record(copy.deepcopy(raw))
    assert (fast.record, fast.errors, fast.warnings) == (slow.record, slow.errors, slow.warnings)
