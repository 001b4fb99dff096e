"""conditions.js, pii.js and form-logic.js agree with forms/conditions.py, analysis/pii.py
and forms/model.py on the shared cases (tests/field/test_shared_cases.py runs the same files
in Python)."""

import pytest

from analysis.pii import find_pii
from forms.client import client_definition
from tests.field.test_shared_cases import CONDITIONS, LABELLED, PII, PRUNE

pytestmark = pytest.mark.browser


def test_browser_evaluates_the_shared_condition_and_pii_cases_like_python(new_context):
    page = new_context().new_page()
    page.goto("/logowanie")
    conditions = page.evaluate(
        """async (cases) => {
            const { evaluate, scopeOf } = await import('/static/js/field/conditions.js');
            return cases.map((c) => {
                try { return evaluate(c.condition, scopeOf(c.scope, c.item)); }
                catch { return 'raises'; }
            });
        }""",
        CONDITIONS,
    )
    assert conditions == ["raises" if c.get("raises") else c["expected"] for c in CONDITIONS]
    pii = page.evaluate(
        """async (cases) => {
            const { findPii, piiKinds } = await import('/static/js/field/pii.js');
            return cases.map((c) => ({
                kinds: piiKinds(c.text),
                matches: findPii(c.text).map((m) => [m.kind, m.text]),
            }));
        }""",
        PII,
    )
    assert pii == [{"kinds": c["kinds"], "matches": c["matches"]} for c in PII]


def test_browser_finds_the_same_personal_data_as_python_in_the_labelled_set(new_context):
    page = new_context().new_page()
    page.goto("/logowanie")
    texts = [c["text"] for c in LABELLED]
    found = page.evaluate(
        """async (texts) => {
            const { findPii } = await import('/static/js/field/pii.js');
            return texts.map((t) => findPii(t).map((m) => [m.kind, m.start, m.end]));
        }""",
        texts,
    )
    assert found == [[[m.kind, m.start, m.end] for m in find_pii(t)] for t in texts]


def test_browser_prunes_hidden_answers_by_the_same_rule_as_python(new_context):
    page = new_context().new_page()
    page.goto("/logowanie")
    definitions = {c["version"]: client_definition(c["version"]) for c in PRUNE}
    pruned = page.evaluate(
        """async ([cases, definitions]) => {
            const { pruneHidden } = await import('/static/js/field/form-logic.js');
            return cases.map((c) => pruneHidden(definitions[c.version], c.data));
        }""",
        [PRUNE, definitions],
    )
    assert pruned == [c["expected"] for c in PRUNE]
