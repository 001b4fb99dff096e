"""An import in two steps: upload (the file is kept) → preview → apply.

The caller gives a marshmallow schema (one field per column, headings = `data_key`), an
optional duplicate key (row data → hashable) with the keys already stored, and, to apply, a
function that writes one valid row. Rows are validated one by one: errors name the row (as
numbered in the spreadsheet) and the column; valid rows are kept even when others fail;
a row whose key repeats an earlier row or a stored record is a duplicate and is skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError

from researcher.extensions import db, utcnow
from researcher.imports.models import ImportFile
from researcher.imports.reader import ImportFileError, Table, read_table

KeyFunction = Callable[[dict[str, Any]], Hashable]


@dataclass
class RowError:
    row: int
    column: str | None  # None: the row as a whole
    message: str


@dataclass
class ValidRow:
    row: int
    data: dict[str, Any]


@dataclass
class Duplicate:
    row: int
    first_row: int | None  # the earlier row of the file; None: already stored


@dataclass
class Preview:
    """What applying the file would do."""

    valid: list[ValidRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    total_rows: int = 0

    @property
    def rows_with_errors(self) -> int:
        return len({e.row for e in self.errors})


class AlreadyApplied(Exception):
    """The file was applied before; applying twice would store its rows twice."""


def headings(schema: Schema) -> dict[str, str]:
    """Column heading → field name, in the schema's order."""
    return {(f.data_key or name).lower(): name for name, f in schema.fields.items()}


def _flatten(messages: Any, prefix: str | None = None) -> list[tuple[str | None, str]]:
    if isinstance(messages, dict):
        out: list[tuple[str | None, str]] = []
        for key, value in messages.items():
            column = None if key == "_schema" else str(key) if prefix is None else prefix
            out.extend(_flatten(value, column))
        return out
    if isinstance(messages, list):
        return [m for item in messages for m in _flatten(item, prefix)]
    return [(prefix, str(messages))]


def preview(
    table: Table,
    schema: Schema,
    key: KeyFunction | None = None,
    existing: Collection[Hashable] = (),
) -> Preview:
    """Validate every row of `table` against `schema`; find duplicates by `key`."""
    columns = headings(schema)
    result = Preview(total_rows=len(table.rows))
    result.ignored_columns = [h for h in table.headings if h not in columns]
    missing = [
        heading for heading, name in columns.items()
        if schema.fields[name].required and heading not in table.headings
    ]  # fmt: skip
    if missing:
        message = _("Brak wymaganej kolumny.")
        result.errors = [RowError(1, heading, message) for heading in missing]
        return result
    seen: dict[Hashable, int] = {}
    for number, cells in table.rows:
        present = {h: v for h, v in cells.items() if h in columns and v != ""}
        try:
            data = schema.load(present, unknown=EXCLUDE)
        except ValidationError as error:
            result.errors.extend(
                RowError(number, column, message) for column, message in _flatten(error.messages)
            )
            continue
        if key is not None:
            row_key = key(data)
            if row_key in existing:
                result.duplicates.append(Duplicate(number, None))
                continue
            if row_key in seen:
                result.duplicates.append(Duplicate(number, seen[row_key]))
                continue
            seen[row_key] = number
        result.valid.append(ValidRow(number, data))
    return result


def upload(
    kind: str, filename: str, content: bytes, user_id: int | None, context: dict | None = None
) -> ImportFile:
    """Keep the uploaded file (after checking it can be read at all)."""
    read_table(filename, content)  # raises ImportFileError for an unreadable file
    stored = ImportFile(
        kind=kind,
        filename=filename[:255] or "import",
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by_id=user_id,
        context=context or {},
    )
    db.session.add(stored)
    db.session.flush()
    return stored


def preview_file(
    stored: ImportFile,
    schema: Schema,
    key: KeyFunction | None = None,
    existing: Collection[Hashable] = (),
) -> Preview:
    """The preview of a kept file."""
    return preview(read_table(stored.filename, stored.content), schema, key, existing)


def apply(
    stored: ImportFile,
    result: Preview,
    write: Callable[[ValidRow], None],
) -> dict[str, int]:
    """Write the valid rows of `result` with `write`, and note the counts on the kept file."""
    if stored.applied_at is not None:
        raise AlreadyApplied(_("Ten plik został już zaimportowany."))
    for row in result.valid:
        write(row)
    counts = {
        "rows": result.total_rows,
        "imported": len(result.valid),
        "errors": result.rows_with_errors,
        "duplicates": len(result.duplicates),
    }
    stored.applied_at = utcnow()
    stored.result = counts
    db.session.flush()
    return counts


__all__ = [
    "AlreadyApplied", "Duplicate", "ImportFileError", "Preview", "RowError", "ValidRow",
    "apply", "headings", "preview", "preview_file", "upload",
]  # fmt: skip
