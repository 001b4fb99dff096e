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
_UNSTORABLE_CHAR = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def unstorable(value: Any, path: str = "") -> dict[str, list[str]]:
    """Errors by path for every string with a NUL or a lone surrogate and every non-finite
    number in `value` (dict keys included). Iterative: a hostile depth cannot recurse."""
    errors: dict[str, list[str]] = {}
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
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
                stack.append((_join(where, key), child))
        elif isinstance(item, list):
            stack.extend((_join(where, i), child) for i, child in enumerate(item))
    return errors


def storable_copy(value: Any) -> Any:
    """`value` with unstorable characters replaced by U+FFFD and non-finite numbers written
    as text, so that it can be kept (quarantine) on any database."""
    if isinstance(value, str):
        return _UNSTORABLE_CHAR.sub(REPLACEMENT, value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {storable_copy(str(k)): storable_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable_copy(v) for v in value]
    return value
