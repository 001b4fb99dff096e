"""What an export contains, independent of its file format.

The assembly (`researcher.exports.assemble`) fills these plain dataclasses from the database,
the aggregations and disclosure control; each writer (XLSX, DOCX, PDF, CSV, JSON) only lays
them out. Every number in them is a `PublishedTable` cell, so no writer can see a raw count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from researcher.extensions import local_today
from researcher.reports.tables import Cell, PublishedTable

#: Called by writers with a percentage (0–100) as they progress.
Progress = Callable[[int], None]


def no_progress(percent: int) -> None:
    """The default progress callback: ignore it."""


TOTAL_LABEL = "Razem"
CARD_TITLE = "Karta usług i kryteriów dostępu"
CARD_HEADERS = (
    "L.p.",
    "Nazwa usługi / działania wspierającego",
    "Dotychczas oferowane",
    "Nowe do uruchomienia",
    "Kryterium dostępu",
)
CARD_EXTRA_HEADERS = (
    "Obszar (art. 2 ust. 1 ustawy o CUS)",
    "Grupy docelowe",
    "Proponowany realizator",
    "Uzasadnienie",
    "Liczba potrzeb mieszkańców",
    "Pilność potrzeb",
)
CARD_SIGNATURE = "Menedżer ds. usług społecznych"


@dataclass(frozen=True)
class Section:
    """A group of tables with a heading and a short text: one recipient unit, or one topic."""

    title: str
    intro: str
    tables: list[PublishedTable]
    unit: str | None = None  # OPS variant: the gmina unit the tables are addressed to
    short: str = ""  # a short name (spreadsheet tab); the title when empty


RECOMMENDATIONS_TITLE = "Wnioski i rekomendacje"
QUOTES_TITLE = "Głosy mieszkańców"
QUOTES_INTRO = (
    "Wybrane opisy potrzeb własnymi słowami mieszkańców, według tematów. Menedżer sprawdził "
    "i zatwierdził każdy cytat; przed eksportem ponownie sprawdzono, czy nie zawiera danych "
    "osobowych."
)


@dataclass(frozen=True)
class TextItem:
    """A piece of text of the report: a recommendation with its evidence, or a quote."""

    heading: str
    text: str
    notes: list[str] = field(default_factory=list)  # a recommendation's evidence


@dataclass(frozen=True)
class CardLine:
    """One row of the service card, as text ready to print."""

    position: int
    name: str
    offered: str  # "tak" | "nie"
    new: str  # "tak" | "nie"
    criterion: str  # label, with the description after a dash when there is one
    area: str
    target_groups: str
    provider: str
    justification: str
    evidence: str  # the published count of needs behind the row, e.g. "12" or "<5"
    urgency_mix: str  # e.g. "Pilna: <5; W ciągu 3 miesięcy: 7"


@dataclass(frozen=True)
class CardDocument:
    """The Karta usług i kryteriów dostępu as it is handed in."""

    title: str
    subtitle: str
    prepared_on: date
    prepared_by_name: str
    lines: list[CardLine]
    k: int

    @property
    def prepared_on_text(self) -> str:
        """The date in the Polish form used on the card: 12.03.2026."""
        return self.prepared_on.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class DiagnosisReport:
    """The NGO's contribution to the gmina's diagnosis for one campaign."""

    title: str
    campaign: str
    gmina: str
    period: str
    variant: str  # cus | ops
    recipient: str
    method: str
    summary: list[tuple[str, str]]  # (label, value), values already disclosure-safe
    sections: list[Section]
    k: int
    disclosure_note: str
    card: CardDocument | None = None
    generated_on: date = field(default_factory=local_today)
    # The NGO's conclusions (opening chapter) and the approved quotes by theme.
    recommendations: list[TextItem] = field(default_factory=list)
    quotes: list[TextItem] = field(default_factory=list)
    channel: str | None = None  # the channel filter (a `Channel` code), None: every channel
    filter_note: str = ""  # what the filter means, printed under the title

    def tables(self) -> Iterator[tuple[Section, PublishedTable]]:
        """Every table of the report with the section it belongs to, in order."""
        for section in self.sections:
            for table in section.tables:
                yield section, table

    def charted(self) -> set[str]:
        """Keys of the tables drawn as a chart: each distinct series only once (the area
        tables share their rows' totals, so a section draws the needs by area once)."""
        seen: set[tuple[tuple[str, str], ...]] = set()
        keys = set()
        for _section, table in self.tables():
            series = tuple((label, cell.text) for label, cell in chart_series(table))
            if series and series not in seen:
                seen.add(series)
                keys.add(table.key)
        return keys

    @property
    def table_count(self) -> int:
        """How many tables the writers will lay out (for progress)."""
        return sum(len(section.tables) for section in self.sections)


def header_lines(report: DiagnosisReport) -> list[str]:
    """The lines under a printed report's title after the campaign: recipient, filter."""
    lines = [f"Odbiorca: {report.recipient}."]
    if report.filter_note:
        lines.append(f"Filtr: {report.filter_note}")
    return lines


def header_row(table: PublishedTable) -> list[str]:
    """The header of a table as printed: row header, column labels, then the total."""
    columns = list(table.column_labels)
    if len(columns) > 1:
        columns.append(TOTAL_LABEL)
    return [table.row_header, *columns]


def body_rows(table: PublishedTable) -> Iterator[list[str]]:
    """Each printed row: its label, the cell texts, then its total (for 2-column tables on)."""
    wide = len(table.columns) > 1
    for label, cells, total in zip(
        table.row_labels, table.cells, _totals(table.row_totals, len(table.rows)), strict=True
    ):
        yield [label, *(cell.text for cell in cells), *([total.text] if wide else [])]


def total_row(table: PublishedTable) -> list[str]:
    """The printed totals row: column totals and the grand total."""
    texts = [cell.text for cell in _totals(table.column_totals, len(table.columns))]
    if len(table.columns) > 1:
        texts.append(table.total.text)
    return [TOTAL_LABEL, *texts]


@dataclass(frozen=True)
class Grid:
    """A table as printed on a page: header, body rows, and the totals row last."""

    header: list[str]
    rows: list[list[str]]

    def parts(self, per_part: int) -> list[Grid]:
        """The grid split into balanced parts of at most `per_part` data columns, each with
        the row labels (6 columns → 3 + 3, not 5 + 1)."""
        count = len(self.header) - 1
        if count <= per_part:
            return [self]
        per_part = -(-count // -(-count // per_part))  # ceil(count / number of parts)
        return [
            Grid(
                [self.header[0], *self.header[start + 1 : start + 1 + per_part]],
                [[row[0], *row[start + 1 : start + 1 + per_part]] for row in self.rows],
            )
            for start in range(0, count, per_part)
        ]


def printed_grid(table: PublishedTable, per_part: int) -> Grid:
    """The table for a page (DOCX, PDF): with a "%" column when it has one column of counts,
    and turned on its side when it is wider than `per_part` columns but has fewer rows than
    columns (e.g. a unit's few areas × 23 target groups), so fewer parts are needed."""
    header = header_row(table)
    rows = [*body_rows(table), total_row(table)]
    if len(table.columns) == 1:
        header.append("%")
        rows = [
            [*row, percent_text(cells[0])] for row, cells in zip(rows, table.cells, strict=False)
        ] + [[*rows[-1], ""]]
    elif len(table.columns) > per_part and len(table.rows) < len(table.columns):
        return Grid(
            ["", *(row[0] for row in rows)],
            [[header[c], *(row[c] for row in rows)] for c in range(1, len(header))],
        )
    return Grid(header, rows)


def chart_series(table: PublishedTable) -> list[tuple[str, Cell]]:
    """What a bar chart of the table shows: one bar per row (its total, or its only cell)."""
    if len(table.columns) == 1:
        return [
            (label, cells[0]) for label, cells in zip(table.row_labels, table.cells, strict=True)
        ]
    return list(zip(table.row_labels, _totals(table.row_totals, len(table.rows)), strict=True))


def percent_text(cell: Cell) -> str:
    """A cell's share as printed ("12,5%"), or "" when there is none (base below 20)."""
    if cell.percent is None or cell.suppressed is not None:
        return ""
    return f"{cell.percent:.1f}%".replace(".", ",")


def _totals(totals: list[Cell], length: int) -> list[Cell]:
    # A table published without totals prints empty total cells rather than failing.
    return totals if len(totals) == length else [Cell(None, "")] * length
