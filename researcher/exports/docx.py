"""The diagnosis report and the service card as DOCX (python-docx).

Headings, a short Polish text before each section, each table (wide tables split into parts of
a few columns so they fit an A4 page) and a bar chart of the table's rows as a PNG picture
with alternative text (`charts.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table

from researcher.exports import document as model  # what both writers print
from researcher.exports.charts import bar_chart_png
from researcher.exports.document import CardDocument, DiagnosisReport, Progress
from researcher.reports.tables import PublishedTable

COLUMNS_PER_PART = 5  # data columns per printed table part (plus the row label)
CHART_WIDTH = Cm(16)


def write_diagnosis_docx(
    report: DiagnosisReport, path: Path, progress: Progress = model.no_progress
) -> None:
    """Write the report: title, summary, sections with texts, tables and charts, the card."""
    document = _new_document()
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.campaign} – {report.gmina}. Okres badania: {report.period}.")
    for line in model.header_lines(report):
        document.add_paragraph(line)
    _add_recommendations(document, report)
    document.add_heading("Metoda i zakres", level=1)
    document.add_paragraph(report.method)
    summary = document.add_table(rows=0, cols=2, style="Table Grid")
    for label, value in report.summary:
        cells = summary.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph(report.disclosure_note)
    done, count, charted = 0, max(report.table_count, 1), report.charted()
    for section in report.sections:
        document.add_heading(section.title, level=1)
        if section.intro:
            document.add_paragraph(section.intro)
        for table in section.tables:
            chart = table.key in charted
            add_published_table(document, table, heading=len(section.tables) > 1, chart=chart)
            done += 1
            progress(round(90 * done / count))
    if report.quotes:
        document.add_heading(model.QUOTES_TITLE, level=1)
        document.add_paragraph(model.QUOTES_INTRO)
        heading = None
        for item in report.quotes:
            if item.heading != heading:
                heading = item.heading
                document.add_heading(heading, level=2)
            document.add_paragraph(f"„{item.text}”", style="Quote")
    if report.card is not None:
        document.add_page_break()
        add_card(document, report.card)
    document.save(str(path))
    progress(100)


def _add_recommendations(document: DocxDocument, report: DiagnosisReport) -> None:
    """The NGO's conclusions open the report, each with the evidence behind it."""
    if not report.recommendations:
        return
    document.add_heading(model.RECOMMENDATIONS_TITLE, level=1)
    for number, item in enumerate(report.recommendations, start=1):
        document.add_heading(f"{number}. {item.heading}", level=2)
        document.add_paragraph(item.text)
        for note in item.notes:
            document.add_paragraph(f"Dowód: {note}", style="List Bullet")


def write_card_docx(card: CardDocument, path: Path) -> None:
    """The service card alone, in the layout of the template."""
    document = _new_document()
    add_card(document, card)
    document.save(str(path))


def add_published_table(
    document: DocxDocument, table: PublishedTable, heading: bool, chart: bool = True
) -> None:
    """A table (in parts when wide), its note, and (if `chart`) a bar chart of its rows."""
    if heading:
        document.add_heading(table.title, level=2)
    else:
        document.add_paragraph().add_run(table.title).bold = True
    parts = model.printed_grid(table, COLUMNS_PER_PART).parts(COLUMNS_PER_PART)
    for number, part in enumerate(parts, 1):
        if len(parts) > 1:
            document.add_paragraph().add_run(f"Część {number} z {len(parts)}").italic = True
        _grid(document, part.header, part.rows)
    document.add_paragraph(f"Jednostka zliczania: {table.unit}. {table.note}".strip())
    series = model.chart_series(table) if chart else []
    if series:
        run = document.add_paragraph().add_run()
        shape = run.add_picture(BytesIO(bar_chart_png(series)), width=CHART_WIDTH)
        # Alternative text for screen readers (python-docx has no API for it).
        shape._inline.docPr.set("descr", f"Wykres słupkowy: {table.title}")


def add_card(document: DocxDocument, card: CardDocument) -> None:
    """The card: title, the five-column table, the date and the signature line."""
    title = document.add_heading(card.title, level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if card.subtitle:
        document.add_paragraph(card.subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = [
        [str(line.position), line.name, line.offered, line.new, line.criterion]
        for line in card.lines
    ]
    grid = _grid(document, list(model.CARD_HEADERS), rows, bold_last=False)
    for row in grid.rows:
        for index, width in enumerate((Cm(1.2), Cm(6.3), Cm(2.6), Cm(2.6), Cm(4.8))):
            row.cells[index].width = width
    document.add_paragraph()
    document.add_paragraph(f"Sporządzona w dniu {card.prepared_on_text}")
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run("……………………………………\n")
    signature.add_run(f"{card.prepared_by_name}\n")
    signature.add_run(model.CARD_SIGNATURE).italic = True


def _new_document() -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    document.styles["Normal"].font.size = Pt(10)
    return document


def _grid(
    document: DocxDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    bold_last: bool = True,
) -> Table:
    """A bordered table with a bold header (and a bold last row: the totals)."""
    table = document.add_table(rows=len(rows) + 1, cols=len(header), style="Table Grid")
    # All cells at once: `row.cells` and `add_row` rescan the whole table each time (O(n²)).
    cells = table._cells
    width = len(header)
    for index, values in enumerate([header, *rows]):
        bold = index == 0 or (bold_last and index == len(rows))
        for column, text in enumerate(values):
            run = cells[index * width + column].paragraphs[0].add_run(text)
            if bold:
                run.bold = True
    return table
