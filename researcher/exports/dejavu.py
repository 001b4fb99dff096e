"""The vendored DejaVu fonts: their files (charts, PDFs) and their one registration in reportlab.

Polish letters need a TrueType font in PDFs; every PDF writer (reports, cards, the art. 15 copy)
registers the same family so <b> in a Paragraph picks the bold face.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


def register_pdf_fonts() -> None:
    """Make FONT and FONT_BOLD (one family) known to reportlab; once per process is enough."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(REGULAR)))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(BOLD)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
