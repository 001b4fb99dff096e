"""conditions.js and pii.js agree with forms/conditions.py and analysis/pii.py on the shared
cases (tests/field/test_shared_cases.py runs the same files in Python)."""

import pytest

from tests.field.test_shared_cases import CONDITIONS, PII

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
