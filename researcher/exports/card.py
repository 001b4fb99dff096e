"""The service card (Karta usług i kryteriów dostępu) as DOCX, PDF or XLSX.

DOCX and PDF follow the seed's template: the title, the five columns L.p. | Nazwa usługi /
działania wspierającego | Dotychczas oferowane | Nowe do uruchomienia | Kryterium dostępu, then
"Sporządzona w dniu …" and the signature of the Menedżer ds. usług społecznych. The XLSX adds
the working columns: area, target groups, provider, justification and the evidence (how many
residents' needs stand behind the row, "<k" below the disclosure threshold, and their urgency).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from researcher.exports.document import CardDocument
from researcher.exports.docx import write_card_docx
from researcher.exports.pdf import write_card_pdf
from researcher.exports.xlsx import write_card_xlsx

CARD_WRITERS: dict[str, Callable[[CardDocument, Path], None]] = {
    "docx": write_card_docx,
    "pdf": write_card_pdf,
    "xlsx": write_card_xlsx,
}
CARD_FORMATS: tuple[str, ...] = tuple(CARD_WRITERS)


def write_card(card: CardDocument, fmt: str, path: Path) -> None:
    """Write `card` in format `fmt` (docx, pdf or xlsx) to `path`."""
    CARD_WRITERS[fmt](card, path)
