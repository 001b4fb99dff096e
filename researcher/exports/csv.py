"""The diagnosis as one CSV file for a Polish Excel: UTF-8 with BOM, `;` separator.

One file in long format rather than a zip of CSVs: each line is one published cell, named by
its section, table, row and column (`sekcja;tabela;wiersz;kolumna;wartość;procent`; the BOM
lets Excel read the Polish letters). It opens with a double click, filters by table in Excel's
autofilter, and loads into any statistics tool. The summary and the service card come first
and last, in the same columns.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from researcher.exports.document import (
    CARD_EXTRA_HEADERS,
    CARD_HEADERS,
    TOTAL_LABEL,
    DiagnosisReport,
    Progress,
    Section,
    no_progress,
    percent_text,
)
from researcher.exports.safe import neutralise_row
from researcher.reports.tables import PublishedTable

HEADER = ("sekcja", "tabela", "wiersz", "kolumna", "wartość", "procent")
SUMMARY = "Podsumowanie"


def write_diagnosis_csv(
    report: DiagnosisReport, path: Path, progress: Progress = no_progress
) -> None:
    """Write every summary value, table cell and card field as one line each."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        meta = [
            ("Kampania", report.campaign),
            ("Gmina", report.gmina),
            ("Okres badania", report.period),
            ("Odbiorca", report.recipient),
            *([("Filtr", report.filter_note)] if report.filter_note else []),
            *report.summary,
            ("Próg ujawniania (k)", str(report.k)),
        ]
        for label, value in meta:
            writer.writerow(neutralise_row([SUMMARY, "", label, "", value, ""]))
        done, count = 0, max(report.table_count, 1)
        for section, table in report.tables():
            writer.writerows(neutralise_row(line) for line in table_lines(section, table))
            done += 1
            progress(round(90 * done / count))
        if report.card is not None:
            card = report.card
            fields = (*CARD_HEADERS[1:], *CARD_EXTRA_HEADERS)
            for line in card.lines:
                values = (
                    line.name, line.offered, line.new, line.criterion, line.area,
                    line.target_groups, line.provider, line.justification, line.evidence,
                    line.urgency_mix,
                )  # fmt: skip
                for name, value in zip(fields, values, strict=True):
                    row = [card.title, "", f"{line.position}. {line.name}", name, value, ""]
                    writer.writerow(neutralise_row(row))
    progress(100)


def table_lines(section: Section, table: PublishedTable) -> Iterator[list[str]]:
    """One line per cell, then the row totals, the column totals and the grand total."""
    for label, cells, r in zip(table.row_labels, table.cells, range(len(table.rows)), strict=True):
        for column, cell in zip(table.column_labels, cells, strict=True):
            yield [section.title, table.title, label, column, cell.text, percent_text(cell)]
        if len(table.columns) > 1 and len(table.row_totals) == len(table.rows):
            total = table.row_totals[r]
            yield [section.title, table.title, label, TOTAL_LABEL, total.text, ""]
    if len(table.column_totals) == len(table.columns):
        for column, cell in zip(table.column_labels, table.column_totals, strict=True):
            yield [section.title, table.title, TOTAL_LABEL, column, cell.text, ""]
    yield [section.title, table.title, TOTAL_LABEL, TOTAL_LABEL, table.total.text, ""]
