"""The table as relations a reader knows: its counts, its lines (members against a total).

Constants of the rules, the `Model` every step works on, and each count's place in the flow
network of lines (`_ends`). See the package docstring for the reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from researcher.reports.tables import CountTable

DEFAULT_K = 5
MIN_K = 3
MIN_PERCENT_BASE = 20
SECONDARY_TEXT = "x"
WITHHELD_TEXT = "–"

# An item of a table: ("cell", r, c), ("row", r), ("col", c) or ("total",).
Item = tuple


def primary_text(k: int) -> str:
    """What a count 1…k−1 is shown as."""
    return f"<{k}"


def disclosure_note(k: int) -> str:
    """The note every published table and export carries."""
    return (
        f"<{k} – liczba od 1 do {k - 1}, ukryta (tajemnica statystyczna); "
        f"{SECONDARY_TEXT} – liczba ukryta, aby nie dało się odtworzyć ukrytych liczb z sum; "
        f"odsetki tylko przy podstawie co najmniej {MIN_PERCENT_BASE}."
    )


def check_k(k: int) -> int:
    """`k` if it is an allowed minimum cell count; ValueError below 3."""
    if int(k) != k or k < MIN_K:
        raise ValueError(f"k must be an integer of at least {MIN_K}, got {k!r}")
    return int(k)


@dataclass
class Line:
    """One relation of the table: members against a total, as it holds in the true data."""

    members: list[Item]
    total: Item
    relation: str  # "eq": sum == total; "ge": sum >= total; "le": sum <= total
    capped: bool  # each member <= total (multi-select lines)
    sign: int = 1  # +1 row-side lines, -1 column-side: every count is then +1 in one, -1 in one


@dataclass
class Model:
    values: dict[Item, int]
    lines: list[Line]
    k: int
    hidden: dict[Item, str] = field(default_factory=dict)  # item -> "primary" | "secondary"
    _by_item: dict[Item, list[Line]] = field(default_factory=dict)
    _ends: dict[Item, tuple[int, int]] = field(default_factory=dict)

    def lines_of(self, item: Item) -> list[Line]:
        if not self._by_item:
            for line in self.lines:
                for member in (*line.members, line.total):
                    self._by_item.setdefault(member, []).append(line)
        return self._by_item.get(item, [])

    @property
    def ends(self) -> dict[Item, tuple[int, int]]:
        if not self._ends:
            self._ends.update(_ends(self))
        return self._ends


def table_items(table: CountTable) -> dict[Item, int]:
    values: dict[Item, int] = {}
    for r, row in enumerate(table.counts):
        for c, value in enumerate(row):
            values[("cell", r, c)] = value
    for r, value in enumerate(table.row_totals):
        values[("row", r)] = value
    for c, value in enumerate(table.column_totals):
        values[("col", c)] = value
    values[("total",)] = table.total
    return values


def _line(members: list[Item], total: Item, values: dict[Item, int], sign: int) -> Line:
    members_sum = sum(values[m] for m in members)
    if members_sum == values[total]:
        return Line(members, total, "eq", False, sign)
    return Line(members, total, "ge" if members_sum > values[total] else "le", True, sign)


def table_lines(table: CountTable, values: dict[Item, int]) -> list[Line]:
    rows, cols = range(len(table.rows)), range(len(table.columns))
    lines = []
    if table.row_totals:
        for r in rows:
            lines.append(_line([("cell", r, c) for c in cols], ("row", r), values, 1))
        lines.append(_line([("row", r) for r in rows], ("total",), values, 1))
    if table.column_totals:
        for c in cols:
            lines.append(_line([("cell", r, c) for r in rows], ("col", c), values, -1))
        lines.append(_line([("col", c) for c in cols], ("total",), values, -1))
    return lines


def validate(table: CountTable) -> None:
    n_rows, n_cols = len(table.rows), len(table.columns)
    if len(table.counts) != n_rows or any(len(row) != n_cols for row in table.counts):
        raise ValueError(f"{table.key}: counts do not match rows × columns")
    if table.row_totals and len(table.row_totals) != n_rows:
        raise ValueError(f"{table.key}: row_totals do not match rows")
    if table.column_totals and len(table.column_totals) != n_cols:
        raise ValueError(f"{table.key}: column_totals do not match columns")
    if any(v < 0 for v in table_items(table).values()):
        raise ValueError(f"{table.key}: negative count")


FREE = -1


def _ends(model: Model) -> dict[Item, tuple[int, int]]:
    """Each count's (tail, head) line nodes: −1 coefficient at the tail, +1 at the head."""
    plus: dict[Item, int] = {}
    minus: dict[Item, int] = {}
    for n, line in enumerate(model.lines):
        for m in line.members:
            (plus if line.sign > 0 else minus)[m] = n
        (minus if line.sign > 0 else plus)[line.total] = n
        if line.relation != "eq":  # slack: ge → members − total − s = 0; le → … + s = 0
            slack = ("slack", n)
            side = minus if (line.relation == "ge") == (line.sign > 0) else plus
            side[slack] = n
    return {i: (minus.get(i, FREE), plus.get(i, FREE)) for i in {*plus, *minus}}
