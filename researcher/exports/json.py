"""The diagnosis as JSON: the same published tables, for other systems to read.

Suppressed cells have `"value": null` and their "<k" text; nothing else of them is written.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from researcher.exports.document import DiagnosisReport, Progress, no_progress
from researcher.reports.tables import Cell, PublishedTable

FORMAT_VERSION = 1


def write_diagnosis_json(
    report: DiagnosisReport, path: Path, progress: Progress = no_progress
) -> None:
    """Write the report as one JSON document (UTF-8, Polish letters unescaped)."""
    document = {
        "format": "rekonesans-diagnoza",
        "format_version": FORMAT_VERSION,
        "title": report.title,
        "campaign": report.campaign,
        "gmina": report.gmina,
        "period": report.period,
        "variant": report.variant,
        "recipient": report.recipient,
        "filter": {"channel": report.channel, "note": report.filter_note},
        "method": report.method,
        "k": report.k,
        "disclosure_note": report.disclosure_note,
        "generated_on": report.generated_on.isoformat(),
        "summary": [{"label": label, "value": value} for label, value in report.summary],
        "sections": [
            {
                "title": section.title,
                "unit": section.unit,
                "intro": section.intro,
                "tables": [table_json(table) for table in section.tables],
            }
            for section in report.sections
        ],
        "card": _card_json(report),
        "recommendations": [asdict(item) for item in report.recommendations],
        "quotes": [asdict(item) for item in report.quotes],
    }
    progress(50)
    with path.open("w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
    progress(100)


def table_json(table: PublishedTable) -> dict[str, Any]:
    """A published table as JSON: labels, cells, totals; no raw count of a hidden cell."""
    return {
        "key": table.key,
        "title": table.title,
        "unit": table.unit,
        "row_header": table.row_header,
        "columns": [
            {"key": key, "label": label}
            for key, label in zip(table.columns, table.column_labels, strict=True)
        ],
        "rows": [
            {
                "key": key,
                "label": label,
                "cells": [_cell(cell) for cell in cells],
                "total": _cell(table.row_totals[r]) if r < len(table.row_totals) else None,
            }
            for r, (key, label, cells) in enumerate(
                zip(table.rows, table.row_labels, table.cells, strict=True)
            )
        ],
        "column_totals": [_cell(cell) for cell in table.column_totals],
        "total": _cell(table.total),
        "k": table.k,
        "note": table.note,
    }


def _cell(cell: Cell) -> dict[str, Any]:
    return {
        "value": cell.value if cell.suppressed is None else None,
        "text": cell.text,
        "suppressed": cell.suppressed,
        "percent": cell.percent if cell.suppressed is None else None,
    }


def _card_json(report: DiagnosisReport) -> dict[str, Any] | None:
    if report.card is None:
        return None
    card = asdict(report.card)
    card["prepared_on"] = report.card.prepared_on.isoformat()
    return card
