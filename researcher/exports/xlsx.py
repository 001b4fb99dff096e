"""The diagnosis workbook (XLSX) and the service-card sheet, written in openpyxl write-only mode.

Write-only mode streams rows to the file instead of building the workbook in memory. Every
text cell passes through `safe.neutralise`; counts are written as numbers, suppressed cells as
their "<k" text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from researcher.exports.document import (
    CARD_EXTRA_HEADERS,
    CARD_HEADERS,
    CARD_SIGNATURE,
    QUOTES_TITLE,
    RECOMMENDATIONS_TITLE,
    CardDocument,
    DiagnosisReport,
    Progress,
    Section,
    header_row,
    no_progress,
    percent_text,
    total_row,
)
from researcher.exports.safe import neutralise
from researcher.reports.tables import Cell, PublishedTable

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
SHEET_NAME_MAX = 31
SUMMARY_SHEET = "Podsumowanie"
CARD_SHEET = "Karta usług"


def write_diagnosis_xlsx(
    report: DiagnosisReport, path: Path, progress: Progress = no_progress
) -> None:
    """Write the diagnosis workbook: a summary sheet, one sheet per section, the card."""
    workbook = Workbook(write_only=True)
    names: set[str] = set()
    _summary_sheet(workbook.create_sheet(_sheet_name(SUMMARY_SHEET, names)), report)
    if report.recommendations:
        _text_sheet(workbook.create_sheet(_sheet_name("Rekomendacje", names)),
                    RECOMMENDATIONS_TITLE, ("L.p.", "Rekomendacja", "Uzasadnienie", "Dowody"),
                    [[n, i.heading, i.text, "\n".join(i.notes)]
                     for n, i in enumerate(report.recommendations, start=1)])  # fmt: skip
    done, count = 0, max(report.table_count, 1)
    for section in report.sections:
        sheet = workbook.create_sheet(_sheet_name(section.short or section.title, names))
        _section_sheet(sheet, section)
        done += len(section.tables)
        progress(round(90 * done / count))
    if report.quotes:
        _text_sheet(workbook.create_sheet(_sheet_name("Cytaty", names)), QUOTES_TITLE,
                    ("Temat", "Cytat"), [[i.heading, i.text] for i in report.quotes])
    if report.card is not None:
        write_card_sheet(workbook.create_sheet(_sheet_name(CARD_SHEET, names)), report.card)
    workbook.save(path)
    progress(100)


def write_card_xlsx(card: CardDocument, path: Path) -> None:
    """The service card alone, as a one-sheet workbook with the evidence columns."""
    workbook = Workbook(write_only=True)
    write_card_sheet(workbook.create_sheet(CARD_SHEET), card)
    workbook.save(path)


def write_card_sheet(sheet: WriteOnlyWorksheet, card: CardDocument) -> None:
    """The card's five template columns, then area, groups, provider, reason and evidence."""
    for letter, width in zip(
        "ABCDEFGHIJK", (6, 45, 12, 12, 40, 30, 35, 25, 45, 14, 40), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.append([_styled(sheet, card.title, TITLE)])
    if card.subtitle:
        sheet.append([neutralise(card.subtitle)])
    sheet.append([])
    sheet.append([_styled(sheet, text, BOLD) for text in (*CARD_HEADERS, *CARD_EXTRA_HEADERS)])
    for line in card.lines:
        sheet.append(
            [
                line.position,
                *(
                    _styled(sheet, text, None, WRAP)
                    for text in (
                        line.name,
                        line.offered,
                        line.new,
                        line.criterion,
                        line.area,
                        line.target_groups,
                        line.provider,
                        line.justification,
                    )
                ),
                _number_or_text(line.evidence),
                neutralise(line.urgency_mix),
            ]
        )
    sheet.append([])
    sheet.append([f"Sporządzona w dniu {card.prepared_on_text}"])
    sheet.append([CARD_SIGNATURE, neutralise(card.prepared_by_name)])
    sheet.append([f"Liczby potrzeb od 1 do {card.k - 1} pokazano jako „<{card.k}”."])


def _summary_sheet(sheet: WriteOnlyWorksheet, report: DiagnosisReport) -> None:
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 70
    sheet.append([_styled(sheet, report.title, TITLE)])
    sheet.append([])
    rows: list[tuple[str, Any]] = [
        ("Kampania", report.campaign),
        ("Gmina", report.gmina),
        ("Okres badania", report.period),
        ("Odbiorca", report.recipient),
        *([("Filtr", report.filter_note)] if report.filter_note else []),
        ("Metoda", report.method),
        *report.summary,
        ("Próg ujawniania (k)", report.k),
        ("Ochrona danych", report.disclosure_note),
        ("Data sporządzenia", report.generated_on.strftime("%d.%m.%Y")),
    ]
    for label, value in rows:
        sheet.append([_styled(sheet, label, BOLD), _styled(sheet, value, None, WRAP)])


def _text_sheet(
    sheet: WriteOnlyWorksheet, title: str, headers: tuple[str, ...], rows: list[list[Any]]
) -> None:
    for letter, width in zip("ABCD", (30, 40, 70, 70), strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.append([_styled(sheet, title, TITLE)])
    sheet.append([_styled(sheet, header, BOLD) for header in headers])
    for row in rows:
        sheet.append([_styled(sheet, neutralise(v) if isinstance(v, str) else v, None, WRAP)
                      for v in row])  # fmt: skip


def _section_sheet(sheet: WriteOnlyWorksheet, section: Section) -> None:
    sheet.column_dimensions["A"].width = 45
    sheet.append([_styled(sheet, section.title, TITLE)])
    if section.intro:
        sheet.append([neutralise(section.intro)])
    for table in section.tables:
        sheet.append([])
        _table_rows(sheet, table)


def _table_rows(sheet: WriteOnlyWorksheet, table: PublishedTable) -> None:
    single = len(table.columns) == 1
    sheet.append([_styled(sheet, table.title, BOLD)])
    header = header_row(table) + (["%"] if single else [])
    sheet.append([_styled(sheet, text, BOLD) for text in header])
    for r, label in enumerate(table.row_labels):
        cells = list(table.cells[r])
        if not single and len(table.row_totals) == len(table.rows):
            cells.append(table.row_totals[r])
        extra = [percent_text(table.cells[r][0])] if single else []
        sheet.append([neutralise(label), *(_cell_value(cell) for cell in cells), *extra])
    totals = total_row(table)
    sheet.append([_styled(sheet, totals[0], BOLD), *(_number_or_text(text) for text in totals[1:])])
    sheet.append([neutralise(f"Jednostka: {table.unit}. {table.note}".strip())])


def _cell_value(cell: Cell) -> int | str:
    # A visible count is a number (sortable, summable); a suppressed one keeps its "<k" text.
    if cell.suppressed is None and cell.value is not None:
        return cell.value
    return neutralise(cell.text)


def _number_or_text(text: str) -> int | str:
    return int(text) if text.isdigit() else neutralise(text)


def _styled(
    sheet: WriteOnlyWorksheet, value: Any, font: Font | None, alignment: Alignment | None = None
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\ characters, at most 31 characters."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip("' ")[:SHEET_NAME_MAX] or "Arkusz"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: SHEET_NAME_MAX - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name
