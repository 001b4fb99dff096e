"""Mask personal data in a synced record before anything of it is stored.

`mask_record` is the one ingestion step (called at the top of record processing in
researcher/interviews/sync.py, so visits, needs, versions and quarantine never hold the raw
text): every string answer of `data` — each free-text question of every version (need
descriptions, `service_type`, notes…) and whatever else a client sent — has its PESEL, phone
numbers, e-mail addresses, account numbers and street addresses replaced by placeholders
(`analysis.pii.PLACEHOLDERS`). The contact form (a group with `pii_check=False`) is left alone:
it holds contact data by design and is stored encrypted, apart. Pure: the input is not changed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from analysis.pii import PLACEHOLDERS, find_pii, mask_pii
from forms.questionnaire import QUESTIONNAIRES, get_questionnaire
from forms.storable import MAX_DEPTH

# Every masked kind needs a digit (PESEL, phone, account, house number) or an e-mail sign.
_MAYBE_PII = re.compile(r"[0-9@]|at\s*[)\]}]|małpa", re.IGNORECASE)

#: The key of the contact form when the record's version is unknown (malformed records).
CONTACT_KEY = "contact"


def _exempt_keys(version: Any) -> frozenset[str]:
    """Top-level keys of `data` holding personal data by design (the contact form)."""
    if isinstance(version, str) and version in QUESTIONNAIRES:
        return frozenset(
            group.key for _, group in get_questionnaire(version).groups() if not group.pii_check
        )
    return frozenset({CONTACT_KEY})


def _mask_value(value: Any, path: str, found: dict[str, list[str]], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:  # rejected further on (forms.storable); never walked
        return value
    if isinstance(value, str):
        if not _MAYBE_PII.search(value):
            return value
        kinds = [m.kind for m in find_pii(value) if m.kind in PLACEHOLDERS]
        if not kinds:
            return value
        found[path] = sorted(set(kinds), key=list(PLACEHOLDERS).index)
        return mask_pii(value)
    if isinstance(value, Mapping):
        return {k: _mask_value(v, f"{path}.{k}", found, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_value(v, f"{path}.{i}", found, depth + 1) for i, v in enumerate(value)]
    return value


def mask_data(data: Mapping[str, Any], version: Any = None) -> tuple[dict[str, Any], dict]:
    """`data` (a record's answers) with personal data masked, and what was masked:
    `{"data.needs.0.description": ["pesel", "phone"]}`."""
    exempt = _exempt_keys(version)
    found: dict[str, list[str]] = {}
    masked = {
        key: value if key in exempt else _mask_value(value, f"data.{key}", found)
        for key, value in data.items()
    }
    return masked, found


def mask_record(raw: Any) -> tuple[Any, dict[str, list[str]]]:
    """A synced record with its answers masked, and the masked paths with their kinds.

    Anything that is not a record with a `data` object comes back as it is (nothing to mask
    where there are no answers; it is rejected further on). Masking twice changes nothing.
    """
    if not isinstance(raw, Mapping) or not isinstance(raw.get("data"), Mapping):
        return raw, {}
    data, found = mask_data(raw["data"], raw.get("form_version"))
    if not found:
        return raw, {}
    return {**raw, "data": data}, found
