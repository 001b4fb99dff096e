"""Publishing: a CountTable in, a PublishedTable out, after primary and secondary suppression."""

from __future__ import annotations

from researcher.reports.disclosure.model import (
    DEFAULT_K,
    MIN_PERCENT_BASE,
    SECONDARY_TEXT,
    WITHHELD_TEXT,
    Item,
    Model,
    check_k,
    disclosure_note,
    primary_text,
    table_items,
    table_lines,
    validate,
)
from researcher.reports.disclosure.secondary import protect
from researcher.reports.tables import Cell, CountTable, PublishedTable


def _cell(model: Model, item: Item, base: Item | None, min_percent_base: int) -> Cell:
    kind = model.hidden.get(item)
    if kind == "primary":
        return Cell(None, primary_text(model.k), "primary")
    if kind == "secondary":
        return Cell(None, SECONDARY_TEXT, "secondary")
    value = model.values[item]
    percent = None
    if base is not None and base not in model.hidden:
        base_value = model.values[base]
        if base_value >= min_percent_base and base_value > 0:
            percent = round(100 * value / base_value, 1)
    return Cell(value, str(value), None, percent)


def _withheld(table: CountTable, k: int, note: str) -> PublishedTable:
    empty = Cell(None, WITHHELD_TEXT, "withheld")
    return PublishedTable(
        key=table.key,
        title=table.title,
        unit=table.unit,
        row_header=table.row_header,
        rows=[],
        row_labels=[],
        columns=list(table.columns),
        column_labels=list(table.column_labels),
        cells=[],
        row_totals=[],
        column_totals=[empty for _ in table.columns] if table.column_totals else [],
        total=empty,
        k=k,
        note=note,
        withheld=True,
    )


def publish(
    table: CountTable, k: int = DEFAULT_K, *, min_percent_base: int = MIN_PERCENT_BASE
) -> PublishedTable:
    """Apply primary and secondary suppression and the percentage rule to `table`."""
    k = check_k(k)
    validate(table)
    values = table_items(table)
    model = Model(values, table_lines(table, values), k)
    for item, value in values.items():
        if 0 < value < k:
            model.hidden[item] = "primary"
    if not protect(model):
        return _withheld(table, k, "Tabela wstrzymana: nie da się ukryć małych liczb.")
    single_column = len(table.columns) == 1
    total = ("total",)

    def row_base(r: int) -> Item | None:
        if single_column:
            return total
        return ("row", r) if table.row_totals else None

    cells = [
        [_cell(model, ("cell", r, c), row_base(r), min_percent_base) for c in range(len(row))]
        for r, row in enumerate(table.counts)
    ]
    return PublishedTable(
        key=table.key,
        title=table.title,
        unit=table.unit,
        row_header=table.row_header,
        rows=list(table.rows),
        row_labels=list(table.row_labels),
        columns=list(table.columns),
        column_labels=list(table.column_labels),
        cells=cells,
        row_totals=[
            _cell(model, ("row", r), total, min_percent_base) for r in range(len(table.row_totals))
        ],
        column_totals=[
            _cell(model, ("col", c), total, min_percent_base)
            for c in range(len(table.column_totals))
        ],
        total=_cell(model, total, None, min_percent_base),
        k=k,
        note=disclosure_note(k),
    )


def locality_breakdown_problem(table: CountTable, k: int) -> str | None:
    """Why `table` may not be published below gmina level, or None when it may."""
    if table.sensitive:
        return "Grup wrażliwych nie zestawia się z miejscowością."
    if len(table.columns) > 1:
        return "Poniżej poziomu gminy publikuje się tylko zestawienia jednowymiarowe."
    if any(0 < value < k for row in table.counts for value in row):
        return f"Poniżej poziomu gminy publikuje się tylko tabele, w których każda liczba ≥ {k}."
    return None


def check_locality_breakdown(
    table: CountTable, k: int = DEFAULT_K, *, min_percent_base: int = MIN_PERCENT_BASE
) -> PublishedTable:
    """Publish a sub-gmina table only if it is single-dimension, not sensitive and has no
    cell 1…k−1; otherwise the whole table is withheld with a note saying why."""
    k = check_k(k)
    problem = locality_breakdown_problem(table, k)
    if problem:
        return _withheld(table, k, f"Tabela wstrzymana. {problem}")
    return publish(table, k, min_percent_base=min_percent_base)


def publish_count(value: int, k: int = DEFAULT_K) -> Cell:
    """A single count (e.g. the number of interviews) under primary suppression."""
    k = check_k(k)
    if 0 < value < k:
        return Cell(None, primary_text(k), "primary")
    return Cell(value, str(value))


def publish_rate(
    numerator: int, denominator: int, k: int = DEFAULT_K, *, min_base: int = MIN_PERCENT_BASE
) -> Cell:
    """A percentage (e.g. the response rate), given only on a base of at least `min_base`."""
    k = check_k(k)
    if denominator < max(min_base, k) or 0 < numerator < k:
        return Cell(None, "–", "base")
    percent = round(100 * numerator / denominator, 1)
    return Cell(None, f"{percent:.1f}%".replace(".", ","), None, percent)
