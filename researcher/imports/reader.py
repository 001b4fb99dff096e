"""Reading a spreadsheet or a CSV file into rows of text keyed by column heading.

Only the first sheet of an XLSX workbook is read; its first non-empty row holds the headings.
CSV files may be UTF-8 (with or without BOM, as Excel writes it) or Windows-1250 (older Polish
exports), separated by `;` (Polish Excel) or `,`. Every cell becomes text, dates as ISO dates,
so that one marshmallow schema validates both formats.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


class ImportFileError(Exception):
    """The file cannot be read at all (wrong format, empty, too large)."""


@dataclass
class Table:
    headings: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as the user sees it, cells)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else (
            value.isoformat(sep=" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(raw_rows: list[tuple[int, list[Any]]]) -> Table:
    cells = [(number, [_cell_text(v) for v in values]) for number, values in raw_rows]
    cells = [(number, values) for number, values in cells if any(values)]
    if not cells:
        raise ImportFileError(_("Plik jest pusty."))
    heading_cells = cells[0][1]
    headings = [h.strip().lower() for h in heading_cells]
    if len(cells) - 1 > MAX_ROWS:
        raise ImportFileError(_("Plik ma więcej niż %(n)s wierszy.", n=MAX_ROWS))
    rows = [
        (number, {h: (values[i] if i < len(values) else "") for i, h in enumerate(headings) if h})
        for number, values in cells[1:]
    ]
    return Table(headings=[h for h in headings if h], rows=rows)


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("Nie można odczytać pliku XLSX.")) from error
    try:
        sheet = workbook.worksheets[0]
        raw = [(i, list(values)) for i, values in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        workbook.close()
    return _table(raw)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1250", errors="replace")


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table([(i, row) for i, row in enumerate(reader, 1)])


def read_table(filename: str, content: bytes) -> Table:
    """The headings (lower case) and rows of an XLSX or CSV file."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("Plik jest za duży (największy dozwolony: 5 MB)."))
    name = filename.lower()
    if name.endswith(".xlsx") or content[:2] == b"PK":
        return _read_xlsx(content)
    if name.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise ImportFileError(_("Obsługiwane są pliki XLSX i CSV."))
