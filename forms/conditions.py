"""The tiny condition language of the questionnaire, evaluated in Python.

Conditions are plain JSON data so that the offline page evaluates exactly the same rules
(`static/js` mirrors `evaluate`). A condition is one of:

- ``None`` or ``True``: always holds; ``False``: never holds;
- ``{"q": key, "eq": value}`` / ``{"q": key, "ne": value}``: the answer equals / differs;
- ``{"q": key, "in": [values]}``: the answer is one of the values;
- ``{"q": key, "has": value}``: the (multi-select) answer contains the value;
- ``{"q": key, "min_count": n}``: the (multi-select) answer has at least n elements;
- ``{"all": [conditions]}``, ``{"any": [conditions]}``, ``{"not": condition}``.

`key` is looked up first in the current repeat item (e.g. one need record), then in the
top-level answers, so a need field may depend on the consent A4 of the interview. A missing
answer is ``None``; a comparison on a value of the wrong type is simply false.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

Condition = dict[str, Any] | bool | None

OPERATORS = ("eq", "ne", "in", "has", "min_count")
COMBINATORS = ("all", "any", "not")


def evaluate(condition: Condition, scope: Mapping[str, Any]) -> bool:
    """True when `condition` holds for the answers in `scope` (a mapping, e.g. a ChainMap)."""
    if condition is None or condition is True:
        return True
    if condition is False:
        return False
    if "all" in condition:
        return all(evaluate(c, scope) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, scope) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], scope)
    return _compare(condition, scope.get(condition["q"]))


def _compare(condition: dict[str, Any], value: Any) -> bool:
    if "eq" in condition:
        return _same(value, condition["eq"])
    if "ne" in condition:
        return not _same(value, condition["ne"])
    if "in" in condition:
        return any(_same(value, v) for v in condition["in"])
    if "has" in condition:
        return isinstance(value, list) and condition["has"] in value
    if "min_count" in condition:
        return isinstance(value, list) and len(value) >= condition["min_count"]
    raise ValueError(f"Unknown condition operator in {condition!r}")


def _same(a: Any, b: Any) -> bool:
    # JSON semantics: true is not 1 (Python's True == 1 must not leak into the rules).
    return type(a) is type(b) and a == b


def referenced_keys(condition: Condition) -> Iterator[str]:
    """Every question key a condition reads, for checking the definition."""
    if not isinstance(condition, dict):
        return
    for name in ("all", "any"):
        for sub in condition.get(name, ()):
            yield from referenced_keys(sub)
    if "not" in condition:
        yield from referenced_keys(condition["not"])
    if "q" in condition:
        yield condition["q"]


def is_well_formed(condition: Condition) -> bool:
    """True when `condition` uses only the operators above, in their documented shapes."""
    if condition is None or isinstance(condition, bool):
        return True
    if not isinstance(condition, dict) or len(condition) not in (1, 2):
        return False
    if "all" in condition or "any" in condition:
        subs = condition.get("all", condition.get("any"))
        return len(condition) == 1 and isinstance(subs, list) and all(map(is_well_formed, subs))
    if "not" in condition:
        return len(condition) == 1 and is_well_formed(condition["not"])
    ops = [k for k in condition if k != "q"]
    return "q" in condition and len(ops) == 1 and ops[0] in OPERATORS


def all_of(*conditions: Condition) -> Condition:
    """Combine conditions with AND, leaving out the ones that always hold."""
    parts = [c for c in conditions if c is not None and c is not True]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"all": parts}
