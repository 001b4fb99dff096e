"""The shared cases that static/js/field/conditions.js, pii.js and form-logic.js must also
pass (tests/browser/test_shared_cases.py runs them in Chromium)."""

import json
from pathlib import Path

import pytest

from analysis.pii import find_pii, pii_kinds
from forms.conditions import evaluate
from forms.model import prune_hidden, scope_of
from forms.questionnaire import get_questionnaire

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CONDITIONS = json.loads((FIXTURES / "conditions_cases.json").read_text(encoding="utf-8"))
PII = json.loads((FIXTURES / "pii_cases.json").read_text(encoding="utf-8"))
PRUNE = json.loads((FIXTURES / "prune_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CONDITIONS, ids=[c["name"] for c in CONDITIONS])
def test_condition_case_in_python(case):
    scope = scope_of(case["scope"], case.get("item"))
    if case.get("raises"):
        with pytest.raises(ValueError):
            evaluate(case["condition"], scope)
    else:
        assert evaluate(case["condition"], scope) is case["expected"]


@pytest.mark.parametrize("case", PII, ids=[c["name"] for c in PII])
def test_pii_case_in_python(case):
    assert pii_kinds(case["text"]) == case["kinds"]
    assert [[m.kind, m.text] for m in find_pii(case["text"])] == case["matches"]


LABELLED = json.loads((FIXTURES / "pii_labelled.json").read_text(encoding="utf-8"))
PII_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "field" / "pii.js"


def test_pii_js_knows_the_same_first_names_as_python():
    from analysis.pii import FIRST_NAMES

    source = PII_JS.read_text(encoding="utf-8")
    listed = source.split("export const FIRST_NAMES = new Set(\n  `", 1)[1].split("`", 1)[0]
    assert set(listed.split()) == FIRST_NAMES


@pytest.mark.parametrize("kind", ["pesel", "phone", "email", "account", "address", "name"])
def test_every_labelled_value_of_a_kind_is_found(kind):
    missed = []
    for case in LABELLED:
        matches = find_pii(case["text"])
        for label_kind, value in case["labels"]:
            start = case["text"].index(value)
            if label_kind == kind and not any(
                m.kind == kind and m.start <= start and m.end >= start + len(value) for m in matches
            ):
                missed.append(case["text"])
    assert missed == []


def test_no_hard_negative_of_the_labelled_set_is_masked():
    from analysis.pii import mask_pii

    negatives = [c["text"] for c in LABELLED if not c["labels"]]
    assert [t for t in negatives if mask_pii(t) != t] == []


@pytest.mark.parametrize("case", PRUNE, ids=[c["name"] for c in PRUNE])
def test_prune_case_in_python(case):
    assert prune_hidden(get_questionnaire(case["version"]), case["data"]) == case["expected"]
