"""A template to fill in, built from the import schema: the headings, one example row, and a
sheet explaining every column (required or not, allowed values)."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask_babel import gettext as _
from marshmallow import Schema

from researcher.imports.fields import Choice, Choices


def _columns(schema: Schema) -> list[dict[str, Any]]:
    columns = []
    for name, f in schema.fields.items():
        allowed = ""
        if isinstance(f, Choice):
            allowed = "; ".join(f"{code} = {label}" for code, label in f.choices.items())
            if isinstance(f, Choices):
                allowed = _("kilka wartości po przecinku") + ": " + allowed
        columns.append({
            "heading": (f.data_key or name).lower(),
            "required": f.required,
            "help": str(f.metadata.get("help", "")),
            "example": str(f.metadata.get("example", "")),
            "allowed": allowed,
        })  # fmt: skip
    return columns


def template_xlsx(schema: Schema, title: str) -> bytes:
    """An XLSX workbook: sheet 1 to fill in (headings + example row), sheet 2 the instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    columns = _columns(schema)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([c["heading"] for c in columns])
    sheet.append([c["example"] for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, column in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", columns, strict=False):
        sheet.column_dimensions[letter].width = max(14, len(column["heading"]) + 4)
    help_sheet = workbook.create_sheet(_("Instrukcja"))
    help_sheet.append([_("Kolumna"), _("Wymagana"), _("Opis"), _("Dozwolone wartości")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for c in columns:
        help_sheet.append([c["heading"], _("tak") if c["required"] else _("nie"), c["help"],
                           c["allowed"]])  # fmt: skip
    help_sheet.column_dimensions["C"].width = 60
    help_sheet.column_dimensions["D"].width = 80
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_csv(schema: Schema) -> bytes:
    """A CSV template (UTF-8 with BOM, `;`, as Polish Excel opens it): headings + example."""
    columns = _columns(schema)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c["heading"] for c in columns])
    writer.writerow([c["example"] for c in columns])
    return out.getvalue().encode("utf-8-sig")
