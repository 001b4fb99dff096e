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


@pytest.mark.parametrize("case", PRUNE, ids=[c["name"] for c in PRUNE])
def test_prune_case_in_python(case):
    assert prune_hidden(get_questionnaire(case["version"]), case["data"]) == case["expected"]
