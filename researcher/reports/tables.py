"""The one shape every figure takes: a count table, before and after disclosure control.

Aggregations (`researcher.reports.aggregates`) produce `CountTable`s; disclosure control
(`researcher.reports.disclosure`) turns them into `PublishedTable`s; the dashboard, the charts
and every export writer (XLSX, DOCX, PDF, CSV, JSON) read only `PublishedTable`s, so no
writer can leak a suppressed count.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CountTable:
    """Raw counts: `counts[r][c]` for row key `rows[r]` and column key `columns[c]`.

    A one-dimensional figure (e.g. needs by area) has a single column. `multi_valued` says the
    columns (or rows) are not mutually exclusive (multi-select answers), so totals are counts
    of distinct units, given in `row_totals`/`column_totals`/`total`, not sums of cells.
    """

    key: str  # stable identifier, e.g. "needs_by_area_urgency"
    title: str
    unit: str  # what is counted: "potrzeby", "wizyty", "wywiady"
    row_header: str
    rows: list[str]
    row_labels: list[str]
    columns: list[str]
    column_labels: list[str]
    counts: list[list[int]]
    row_totals: list[int] = field(default_factory=list)
    column_totals: list[int] = field(default_factory=list)
    total: int = 0
    multi_valued: bool = False
    sensitive: bool = False  # involves a sensitive target group: never crossed with locality


@dataclass(frozen=True)
class Cell:
    """A published cell: `value` is None when suppressed; `text` is what is shown."""

    value: int | None
    text: str
    suppressed: str | None = None  # None | "primary" | "secondary" | "withheld" (whole table)
    percent: float | None = None  # share of the row base; None when the base is below 20


@dataclass(frozen=True)
class PublishedTable:
    """A table after disclosure control: safe to show on shared dashboards and to export."""

    key: str
    title: str
    unit: str
    row_header: str
    rows: list[str]
    row_labels: list[str]
    columns: list[str]
    column_labels: list[str]
    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell
    k: int
    note: str = ""  # e.g. "<5 – liczba ukryta (tajemnica statystyczna)"
    withheld: bool = False  # the whole table may not be published (rows and cells are empty)
