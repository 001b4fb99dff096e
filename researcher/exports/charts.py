"""Bar charts as PNG for the DOCX and PDF reports, drawn with Pillow and the vendored font.

python-docx cannot embed SVG, and matplotlib would be a heavy dependency for a few bars, so a
chart is a horizontal bar chart drawn with Pillow (already required by reportlab): one bar per
row, the label on the left and the published number beside the bar. A suppressed value has no
bar, only its "<k" text, so the picture shows nothing the table does not.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from researcher.exports.dejavu import REGULAR
from researcher.reports.tables import Cell

WIDTH = 1600  # pixels; printed 16 cm wide, about 250 dpi
ROW = 44
FONT_SIZE = 24
LABEL_WIDTH = 640
VALUE_WIDTH = 120
MARGIN = 16
BAR_COLOUR = 90  # dark grey: black numbers beside the bars stay readable
TEXT_COLOUR = 20
AXIS_COLOUR = 150
LABEL_CHARS = 48


@cache
def _font(size: int = FONT_SIZE) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(REGULAR), size)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart_png(series: list[tuple[str, Cell]]) -> bytes:
    """A horizontal bar chart of (label, cell) pairs, as PNG bytes."""
    height = MARGIN * 2 + ROW * max(len(series), 1)
    # Greyscale: one byte a pixel encodes fast, and prints the same on any printer.
    image = Image.new("L", (WIDTH, height), 255)
    draw = ImageDraw.Draw(image)
    font = _font()
    values = [cell.value for _, cell in series if cell.value is not None]
    top = max(values, default=0) or 1
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH - MARGIN * 2
    for index, (label, cell) in enumerate(series):
        y = MARGIN + index * ROW
        middle = y + ROW // 2
        draw.text((MARGIN, middle), _short(label), font=font, fill=TEXT_COLOUR, anchor="lm")
        x0 = MARGIN + LABEL_WIDTH
        length = 0
        if cell.value:
            length = max(2, round(bar_space * cell.value / top))
            draw.rectangle((x0, y + 6, x0 + length, y + ROW - 6), fill=BAR_COLOUR)
        draw.text((x0 + length + 8, middle), cell.text, font=font, fill=TEXT_COLOUR, anchor="lm")
    draw.line(
        (MARGIN + LABEL_WIDTH, MARGIN, MARGIN + LABEL_WIDTH, height - MARGIN), fill=AXIS_COLOUR
    )
    buffer = BytesIO()
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def chart_height_cm(series: list[tuple[str, Cell]], width_cm: float = 16.0) -> float:
    """The printed height of a chart drawn `width_cm` wide (keeps the aspect ratio)."""
    height = MARGIN * 2 + ROW * max(len(series), 1)
    return width_cm * height / WIDTH
