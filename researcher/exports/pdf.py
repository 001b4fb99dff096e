"""The diagnosis report and the service card as PDF (reportlab), with the vendored DejaVu font.

The same content as the DOCX: headings, texts, tables split into parts when wide, and the
same PNG bar charts. DejaVu Sans is embedded, so Polish letters show on any computer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from researcher.exports.charts import bar_chart_png, chart_height_cm
from researcher.exports.dejavu import FONT, FONT_BOLD, register_pdf_fonts
from researcher.exports.document import (
    CARD_HEADERS,
    CARD_SIGNATURE,
    QUOTES_INTRO,
    QUOTES_TITLE,
    RECOMMENDATIONS_TITLE,
    CardDocument,
    DiagnosisReport,
    Progress,
    chart_series,
    header_lines,
    no_progress,
    printed_grid,
)
from researcher.reports.tables import PublishedTable

COLUMNS_PER_PART = 5
LABEL_WIDTH = 4.6 * cm
PAGE_WIDTH = A4[0] - 4 * cm


@cache
def _styles() -> dict[str, ParagraphStyle]:
    # Binary streams instead of ASCII85: smaller files, and ASCII85 is pure Python (slow).
    rl_config.useA85 = 0
    register_pdf_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=5)

    def bold(name: str, size: float, leading: float, **more: object) -> ParagraphStyle:
        return ParagraphStyle(
            name, parent=body, fontName=FONT_BOLD, fontSize=size, leading=leading, **more
        )

    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "head": bold("head", 7.5, 9.5),
        "title": bold("title", 17, 21),
        "h1": bold("h1", 13, 16, spaceBefore=10, keepWithNext=1),
        "h2": bold("h2", 10.5, 13, spaceBefore=6, keepWithNext=1),
        "caption": ParagraphStyle("caption", parent=body, fontName=FONT_BOLD, keepWithNext=1),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "card_title": bold("card_title", 14, 18, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    }


def write_diagnosis_pdf(
    report: DiagnosisReport, path: Path, progress: Progress = no_progress
) -> None:
    """Write the report as PDF: the same content as the DOCX."""
    s = _styles()
    story: list[Flowable] = [
        Paragraph(escape(report.title), s["title"]),
        _p(f"{report.campaign} – {report.gmina}. Okres badania: {report.period}."),
        *(_p(line) for line in header_lines(report)),
        *_recommendation_flowables(report),
        Paragraph("Metoda i zakres", s["h1"]),
        _p(report.method),
        _grid(
            [[label, value] for label, value in report.summary],
            header=False,
            widths=[6 * cm, PAGE_WIDTH - 6 * cm],
        ),
        Spacer(1, 6),
        _p(report.disclosure_note),
    ]
    done, count, charted = 0, max(report.table_count, 1), report.charted()
    for section in report.sections:
        story.append(Paragraph(escape(section.title), s["h1"]))
        if section.intro:
            story.append(_p(section.intro))
        for table in section.tables:
            heading = len(section.tables) > 1
            story.extend(published_table_flowables(table, heading, chart=table.key in charted))
            done += 1
            progress(round(80 * done / count))
    story.extend(_quote_flowables(report))
    if report.card is not None:
        story.append(PageBreak())
        story.extend(card_flowables(report.card))
    _build(story, path)
    progress(100)


def _recommendation_flowables(report: DiagnosisReport) -> list[Flowable]:
    """The NGO's conclusions, each with the evidence behind it: the report's first chapter."""
    if not report.recommendations:
        return []
    s = _styles()
    flow: list[Flowable] = [Paragraph(RECOMMENDATIONS_TITLE, s["h1"])]
    for number, item in enumerate(report.recommendations, start=1):
        flow.append(Paragraph(escape(f"{number}. {item.heading}"), s["h2"]))
        flow.append(_p(item.text))
        flow.extend(_p(f"• Dowód: {note}") for note in item.notes)
    return flow


def _quote_flowables(report: DiagnosisReport) -> list[Flowable]:
    if not report.quotes:
        return []
    s = _styles()
    flow: list[Flowable] = [Paragraph(QUOTES_TITLE, s["h1"]), _p(QUOTES_INTRO)]
    heading = None
    for item in report.quotes:
        if item.heading != heading:
            heading = item.heading
            flow.append(Paragraph(escape(heading), s["h2"]))
        flow.append(_p(f"„{item.text}”"))
    return flow


def write_card_pdf(card: CardDocument, path: Path) -> None:
    """The service card alone, in the layout of the template."""
    _build(card_flowables(card), path)


def published_table_flowables(
    table: PublishedTable, heading: bool, chart: bool = True
) -> list[Flowable]:
    """A table (in parts when wide), its note and (if `chart`) its bar chart."""
    s = _styles()
    flow: list[Flowable] = [Paragraph(escape(table.title), s["h2"] if heading else s["caption"])]
    parts = printed_grid(table, COLUMNS_PER_PART).parts(COLUMNS_PER_PART)
    for number, part in enumerate(parts, 1):
        if len(parts) > 1:
            flow.append(_p(f"Część {number} z {len(parts)}"))
        data_width = (PAGE_WIDTH - LABEL_WIDTH) / max(len(part.header) - 1, 1)
        widths = [LABEL_WIDTH] + [data_width] * (len(part.header) - 1)
        flow.append(_grid([part.header, *part.rows], widths=widths, bold_last=True))
        flow.append(Spacer(1, 4))
    flow.append(_p(f"Jednostka zliczania: {table.unit}. {table.note}".strip()))
    series = chart_series(table) if chart else []
    if series:
        width = 16 * cm
        height = chart_height_cm(series, 16.0) * cm
        flow.append(KeepTogether([Image(BytesIO(bar_chart_png(series)), width, height)]))
    return flow


def card_flowables(card: CardDocument) -> list[Flowable]:
    """The card: centred title, the five-column table, the date and the signature."""
    s = _styles()
    flow: list[Flowable] = [Paragraph(escape(card.title), s["card_title"])]
    if card.subtitle:
        flow.append(Paragraph(escape(card.subtitle), s["center"]))
    flow.append(Spacer(1, 8))
    rows = [
        [str(line.position), line.name, line.offered, line.new, line.criterion]
        for line in card.lines
    ]
    flow.append(
        _grid(
            [list(CARD_HEADERS), *rows], widths=[1.1 * cm, 5.5 * cm, 2.6 * cm, 2.8 * cm, 5.0 * cm]
        )
    )
    flow.append(Spacer(1, 18))
    flow.append(_p(f"Sporządzona w dniu {card.prepared_on_text}"))
    flow.append(Spacer(1, 24))
    flow.append(Paragraph("……………………………………", s["right"]))
    flow.append(Paragraph(escape(card.prepared_by_name), s["right"]))
    flow.append(Paragraph(f"<i>{escape(CARD_SIGNATURE)}</i>", s["right"]))
    return flow


def _p(text: str) -> Paragraph:
    return Paragraph(escape(text), _styles()["body"])


def _grid(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float] | None = None,
    header: bool = True,
    bold_last: bool = False,
) -> Table:
    s = _styles()
    data = [
        [
            Paragraph(
                escape(text), s["head"] if _bold(r, len(rows), header, bold_last) else s["cell"]
            )
            for text in row
        ]
        for r, row in enumerate(rows)
    ]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6efec")))
    table.setStyle(TableStyle(commands))
    return table


def _bold(row: int, count: int, header: bool, bold_last: bool) -> bool:
    return (header and row == 0) or (bold_last and row == count - 1)


def _build(story: list[Flowable], path: Path) -> None:
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title="Rekonesans",
        author="Rekonesans",
    )
    document.build(story)
