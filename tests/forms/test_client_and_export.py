"""The JSON definition for the offline page, and the export columns."""

from __future__ import annotations

import json

from forms.client import client_definition
from forms.conditions import evaluate
from forms.export import column_header, export_columns, export_row
from forms.messages import MESSAGES


def _items(definition):
    for module in definition["modules"]:
        for item in module["items"]:
            yield item
            yield from item.get("questions", [])


def _question(definition, key):
    return next(i for i in _items(definition) if i["key"] == key)


def test_client_definition_is_json_serialisable():
    definition = client_definition("2026.1")
    assert json.loads(json.dumps(definition)) == definition


def test_client_definition_contains_the_conditions():
    definition = client_definition("2026.1")
    assert _question(definition, "met_by")["visible_when"] == {
        "q": "met_status", "in": ["pelne", "czesciowe"]
    }
    assert _question(definition, "daily_help_needed")["visible_when"] == {
        "q": "consent_health", "eq": "tak"
    }
    household = next(m for m in definition["modules"] if m["code"] == "B")
    assert not evaluate(household["visible_when"], {"visit_outcome": "odmowa"})


def test_client_definition_marks_sensitive_options():
    groups = _question(client_definition("2026.1"), "target_groups")["options"]
    violence = next(o for o in groups if o["key"] == "przemoc")
    rule = violence["visible_when"]
    assert not evaluate(rule, {"consent_health": "nie", "beneficiary": "respondent"})
    assert evaluate(rule, {"consent_health": "nie", "beneficiary": "ogol"})


def test_client_definition_has_limits_and_the_safeguarding_prompt():
    definition = client_definition("2026.1")
    needs = _question(definition, "needs")
    assert needs["type"] == "repeat" and needs["max_items"] == 3
    assert _question(definition, "description")["max_length"] == 300
    assert _question(definition, "top_areas")["max_choices"] == 3
    assert _question(definition, "top_areas")["subset_of"] == "areas"
    (notice,) = _question(definition, "urgency")["notices"]
    assert "112" in notice["text"]


def test_client_definition_carries_every_message():
    assert client_definition("2026.1")["messages"] == MESSAGES


def test_client_definition_translates_labels_and_messages():
    definition = client_definition("2026.1", translate=str.upper)
    assert _question(definition, "visit_outcome")["label"] == "WYNIK WIZYTY"
    assert definition["messages"]["required"] == MESSAGES["required"].upper()


def test_export_has_one_column_per_question_and_need_slot():
    columns = dict(export_columns("2026.1"))
    assert columns["visit_outcome"] == "W0.3 Wynik wizyty"
    assert columns["needs.2.urgency"] == "D6 Pilność (potrzeba 3)"
    assert "needs.3.urgency" not in columns


def test_export_leaves_out_the_contact_form():
    assert not [path for path, _ in export_columns("2026.1") if path.startswith("contact.")]


def test_export_row_is_aligned_with_the_columns(data):
    paths = [path for path, _ in export_columns("2026.1")]
    row = dict(zip(paths, export_row(data, "2026.1"), strict=True))
    assert row["needs.1.urgency"] == "12m"
    assert row["household_members"] == "dzieci_4_12; dorosli_18_59; osoby_75_plus"
    assert row["leaflet_given"] == "tak"
    assert row["needs.1.met_by"] == ""


def test_column_header_names_need_slots_from_one():
    assert column_header("needs.0.description") == "need_1_description"
    assert column_header("visit_outcome") == "visit_outcome"
