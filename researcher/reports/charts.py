"""Accessible horizontal bar charts as inline SVG, drawn on the server from a PublishedTable.

A chart shows nothing its table does not: bars for published counts, an empty hatched box
with the table's text ("<5", "x") for hidden ones. Each row's label sits on its own line above
its bars, so long Polish labels fit a 360 px phone screen. The SVG has `role="img"`, a
`<title>` and a `<desc>` (listing the values) and uses presentation attributes only, no
`style` (the CSP forbids inline styles). Tables with more than `MAX_GROUPS` columns are
charted by their row totals.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from markupsafe import Markup, escape

from researcher.reports.tables import Cell, PublishedTable

WIDTH = 360
MARGIN = 8
FONT = 12
LINE = 15  # height of a label line
BAR = 14  # height of a bar
GAP = 10  # space after a row's bars
VALUE_SPACE = 56  # room for the number beside the longest bar
HIDDEN_BOX = 18  # width of the box standing for a hidden count
LABEL_CHARS = 52
MAX_GROUPS = 5
COLOURS = ("#0b5f4a", "#1f6fb2", "#b35900", "#6a51a3", "#505a5f")
UNIT_AXIS = {
    "potrzeby": "Liczba potrzeb",
    "wizyty": "Liczba wizyt",
    "wywiady": "Liczba wywiadów",
}


def _series(table: PublishedTable) -> tuple[list[str], list[list[Cell]], str]:
    """Series labels, per-row cells (one per series), and a note on what is drawn."""
    if len(table.columns) == 1:
        return [], [[row[0]] for row in table.cells], ""
    if len(table.columns) <= MAX_GROUPS:
        return list(table.column_labels), table.cells, ""
    return [], [[cell] for cell in table.row_totals], "Wykres pokazuje sumy wierszy."


def _bar(x: float, y: float, cell: Cell, scale: float, colour: str, pattern: str) -> list[str]:
    text_y = y + BAR - 3
    if cell.value is None:
        return [
            f'<rect x="{x}" y="{y}" width="{HIDDEN_BOX}" height="{BAR}" fill="url(#{pattern})" '
            f'stroke="{colour}" stroke-width="1" stroke-dasharray="3 2"/>',
            f'<text x="{x + HIDDEN_BOX + 4}" y="{text_y}" font-size="{FONT}" '
            f'fill="#1b1b1b">{escape(cell.text)}</text>',
        ]
    length = round(cell.value * scale, 1)
    parts = []
    if length > 0:
        parts.append(
            f'<rect x="{x}" y="{y}" width="{length}" height="{BAR}" fill="{colour}"/>'
        )
    parts.append(
        f'<text x="{x + length + 4}" y="{text_y}" font-size="{FONT}" '
        f'fill="#1b1b1b">{escape(cell.text)}</text>'
    )
    return parts


def bar_chart(
    table: PublishedTable, *, translate: Callable[[str], str] = str, chart_id: str | None = None
) -> Markup:
    """The SVG chart of `table` (empty markup for a withheld or empty table)."""
    if table.withheld or not table.rows:
        return Markup("")
    _ = translate
    chart_id = chart_id or f"chart-{table.key}"
    pattern = f"{chart_id}-hatch"
    series, rows, drawn = _series(table)
    values = [c.value for row in rows for c in row if c.value is not None]
    largest = max(values, default=0)
    scale = (WIDTH - 2 * MARGIN - VALUE_SPACE) / largest if largest else 0

    body: list[str] = []
    y = MARGIN + FONT
    body.append(
        f'<text x="{MARGIN}" y="{y}" font-size="{FONT}" font-weight="bold" '
        f'fill="#1b1b1b">{escape(_(table.row_header))}</text>'
    )
    y += 6
    if series:
        for i, label in enumerate(series):
            y += LINE
            colour = COLOURS[i % len(COLOURS)]
            body.append(
                f'<rect x="{MARGIN}" y="{y - 10}" width="10" height="10" fill="{colour}"/>'
            )
            body.append(
                f'<text x="{MARGIN + 14}" y="{y}" font-size="{FONT - 1}" '
                f'fill="#1b1b1b">{escape(_(label))}</text>'
            )
        y += 6
    top = y + 4
    for label, cells in zip(table.row_labels, rows, strict=True):
        for line in textwrap.wrap(_(label), LABEL_CHARS) or [""]:
            y += LINE
            body.append(
                f'<text x="{MARGIN}" y="{y}" font-size="{FONT}" '
                f'fill="#1b1b1b">{escape(line)}</text>'
            )
        y += 3
        for i, cell in enumerate(cells):
            colour = COLOURS[i % len(COLOURS)]
            body.extend(_bar(MARGIN, y, cell, scale, colour, pattern))
            y += BAR + 2
        y += GAP
    bottom = y
    axis_label = _(UNIT_AXIS.get(table.unit, table.unit))
    body.append(
        f'<line x1="{MARGIN}" y1="{top}" x2="{MARGIN}" y2="{bottom}" stroke="#505a5f"/>'
    )
    body.append(
        f'<line x1="{MARGIN}" y1="{bottom}" x2="{WIDTH - MARGIN - VALUE_SPACE}" y2="{bottom}" '
        f'stroke="#505a5f"/>'
    )
    y = bottom + FONT + 2
    body.append(f'<text x="{MARGIN}" y="{y}" font-size="{FONT - 1}" fill="#505a5f">0</text>')
    body.append(
        f'<text x="{WIDTH - MARGIN - VALUE_SPACE}" y="{y}" font-size="{FONT - 1}" '
        f'text-anchor="middle" fill="#505a5f">{largest}</text>'
    )
    y += LINE
    body.append(
        f'<text x="{WIDTH / 2}" y="{y}" font-size="{FONT}" text-anchor="middle" '
        f'fill="#1b1b1b">{escape(axis_label)}</text>'
    )
    height = y + MARGIN

    description = _describe(table, series, rows, drawn, _)
    defs = (
        f'<defs><pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#505a5f" stroke-width="2"/></pattern></defs>'
    )
    svg = (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{chart_id}-title">{escape(_(table.title))}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{defs}{''.join(body)}</svg>"
    )
    return Markup(svg)


def _describe(
    table: PublishedTable,
    series: list[str],
    rows: list[list[Cell]],
    drawn: str,
    _: Callable[[str], str],
) -> str:
    """The values in words, for screen readers: "Label: 12; Label: <5; …"."""
    parts = []
    for label, cells in zip(table.row_labels, rows, strict=True):
        if series:
            values = ", ".join(
                f"{_(name)} {cell.text}" for name, cell in zip(series, cells, strict=True)
            )
        else:
            values = cells[0].text
        parts.append(f"{_(label)}: {values}")
    text = f"{_('Wykres słupkowy')}. {'; '.join(parts)}."
    return f"{text} {_(drawn)}" if drawn else text
