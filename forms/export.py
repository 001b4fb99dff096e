"""Tabular export columns of a questionnaire version.

Layout: one row per visit. Every top-level question is one column; the needs are spread
over `needs.0.<field>` … `needs.2.<field>` (need 1 to 3, "need_1_…" in the header), so a row
is the whole interview. A multi-select is one column whose cell lists the chosen option keys
separated by "; " (split it, or count keys, in a spreadsheet). The contact form is never
exported: it is stored apart from the answers (RODO, DOMAIN §3 rule 5).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forms.model import Group
from forms.questionnaire import get_questionnaire


def export_columns(version: str) -> list[tuple[str, str]]:
    """`(path, label)` of every export column, in questionnaire order.

    `path` is the dotted path of the value in the record data, e.g. `visit_outcome`,
    `needs.1.urgency` (need 2); `label` is "<code> <Polish label>", e.g. "D6 Pilność (potrzeba 2)".
    """
    questionnaire = get_questionnaire(version)
    columns: list[tuple[str, str]] = []
    for _, item in questionnaire.items():
        if isinstance(item, Group):
            if item.stored_apart:
                continue
            slots = range(item.max_items) if item.repeat else [None]
            for slot in slots:
                for q in item.questions:
                    prefix = item.key if slot is None else f"{item.key}.{slot}"
                    path = f"{prefix}.{q.key}"
                    suffix = f" (potrzeba {slot + 1})" if slot is not None else ""
                    columns.append((path, f"{q.code} {q.label}{suffix}"))
        else:
            columns.append((item.key, f"{item.code} {item.label}"))
    return columns


def column_header(path: str) -> str:
    """A flat header name for a column path: `needs.0.description` → `need_1_description`."""
    parts = path.split(".")
    if len(parts) == 3 and parts[1].isdigit():
        return f"need_{int(parts[1]) + 1}_{parts[2]}"
    return "_".join(parts)


def value_at(data: Mapping[str, Any], path: str) -> Any:
    """The value at a column `path` of record data, or None when absent."""
    node: Any = data
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, Mapping):
            node = node.get(part)
        else:
            return None
    return node


def export_row(data: Mapping[str, Any], version: str) -> list[str]:
    """The cells of one record, aligned with `export_columns(version)`."""
    return [_cell(value_at(data, path)) for path, _ in export_columns(version)]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)
