"""What the check of a record says back: error paths flattened, personal-data warnings.

Errors come from the marshmallow schemas (`forms.schema`) as nested dicts; the phone and the
API want one flat `{"data.needs.1.urgency": [messages]}`. Warnings never reject a record: they
ask the researcher to look again at free text that seems to hold personal data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from marshmallow.error_store import SCHEMA

from analysis.pii import KINDS, pii_kinds, placeholder_kinds
from forms.messages import message
from forms.model import Group, Question
from forms.questionnaire import CURRENT_VERSION, get_questionnaire


def flatten_errors(errors: Any, prefix: str = "data") -> dict[str, list[str]]:
    """Nested marshmallow errors as `{"data.needs.1.urgency": ["…"]}`.

    Schema-level messages (`_schema`) belong to the enclosing path itself.
    """
    flat: dict[str, list[str]] = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, Mapping):
            for key, sub in node.items():
                walk(sub, path if key == SCHEMA else _join(path, str(key)))
        elif isinstance(node, list | tuple):
            for sub in node:
                walk(sub, path)
        else:
            flat.setdefault(path, []).append(str(node))

    walk(errors, prefix)
    return flat


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


@functools.cache
def _pii_plan(version: str) -> tuple[tuple[str, ...], tuple[tuple[Group, tuple[str, ...]], ...]]:
    """What `pii_warnings` scans in `version`: the top-level free-text question keys, and each
    group to check with its free-text question keys, in definition order (cached)."""
    questionnaire = get_questionnaire(version)

    def free_text(questions: Iterable[Question]) -> tuple[str, ...]:
        return tuple(q.key for q in questions if q.qtype.free_text)

    top = free_text(q for _, q in questionnaire.questions())
    groups = tuple(
        (group, free_text(group.questions))
        for _, group in questionnaire.groups()
        if group.pii_check
    )
    return top, groups


#: What a text must hold to be worth scanning: a digit or "@" (PESEL, phone, e-mail, account,
#: house number), a spelled-out e-mail sign, a placeholder left by masking at ingestion
#: (`forms.masking`), or two capitalised words (a name).
_MAYBE_PII = re.compile(
    r"[\d@\[]|(?i:at\s*[)\]}]|małpa)|[A-ZĄĆĘŁŃÓŚŹŻ]\w+\s+[A-ZĄĆĘŁŃÓŚŹŻ]"
)


def pii_warnings(
    data: Mapping[str, Any], version: str | None = None, prefix: str = "data"
) -> dict[str, list[str]]:
    """Non-blocking warnings for free-text answers holding personal data (`analysis.pii`), or
    the placeholders that replaced it at ingestion.

    Covers every free-text question of the version (default: current) except the contact
    form, which holds contact data by design.
    """
    top, groups = _pii_plan(get_questionnaire(version or CURRENT_VERSION).version)
    warnings: dict[str, list[str]] = {}

    def scan(keys: tuple[str, ...], answers: Any, path: str) -> None:
        if not isinstance(answers, Mapping):
            return
        for key in keys:
            text = answers.get(key)
            if isinstance(text, str) and _MAYBE_PII.search(text):
                masked = placeholder_kinds(text)
                kinds = set(masked) | set(pii_kinds(text))
                if kinds:
                    warnings[_join(path, key)] = [
                        message(f"pii_{k}") for k in KINDS if k in kinds
                    ] + ([message("pii_masked")] if masked else [])

    scan(top, data, prefix)
    for group, keys in groups:
        value = data.get(group.key)
        entries = enumerate(value) if group.repeat and isinstance(value, list) else []
        for index, entry in entries:
            scan(keys, entry, _join(prefix, f"{group.key}.{index}"))
        if not group.repeat:
            scan(keys, value, _join(prefix, group.key))
    return warnings
