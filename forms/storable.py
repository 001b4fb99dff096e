"""Values no database column can hold, found before anything is stored.

JSON lets a phone (or anyone) send what PostgreSQL and SQLite refuse or what Python cannot
encode: a lone UTF-16 surrogate ("\\ud800"), a NUL character, NaN and Infinity. Such a value
must reject its own record with the field's path — never fail the batch. Rejected records are
kept in the quarantine as `storable_copy`, with those few characters replaced.
"""

from __future__ import annotations

import math
import re
from typing import Any

from forms.messages import MESSAGES

# PostgreSQL `integer`: the widest integer column a synced value lands in.
MAX_INTEGER = 2**31 - 1
#: A record's answers nest four levels at most (data → needs → item → list); anything deeper
#: is rejected, and never walked recursively.
MAX_DEPTH = 32
_UNSTORABLE_CHAR = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def unstorable(value: Any, path: str = "") -> dict[str, list[str]]:
    """Errors by path for every string with a NUL or a lone surrogate and every non-finite
    number in `value` (dict keys included). Iterative: a hostile depth cannot recurse."""
    errors: dict[str, list[str]] = {}
    stack: list[tuple[str, Any, int]] = [(path, value, 0)]
    while stack:
        where, item, depth = stack.pop()
        if depth > MAX_DEPTH and isinstance(item, dict | list):
            errors[where] = [MESSAGES["too_deep"]]
        elif isinstance(item, str):
            if _UNSTORABLE_CHAR.search(item):
                errors[where] = [MESSAGES["unstorable_text"]]
        elif isinstance(item, float):
            if not math.isfinite(item):
                errors[where] = [MESSAGES["not_finite"]]
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and _UNSTORABLE_CHAR.search(key):
                    errors[_join(where, storable_copy(key))] = [MESSAGES["unstorable_text"]]
                    continue
                stack.append((_join(where, key), child, depth + 1))
        elif isinstance(item, list):
            stack.extend((_join(where, i), child, depth + 1) for i, child in enumerate(item))
    return errors


def storable_copy(value: Any, depth: int = 0) -> Any:
    """`value` with unstorable characters replaced by U+FFFD, non-finite numbers written as
    text and anything nested deeper than MAX_DEPTH cut off, so that it can be kept
    (quarantine) on any database."""
    if isinstance(value, str):
        return _UNSTORABLE_CHAR.sub(REPLACEMENT, value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict | list) and depth > MAX_DEPTH:
        return "…"
    if isinstance(value, dict):
        return {storable_copy(str(k)): storable_copy(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [storable_copy(v, depth + 1) for v in value]
    return value
