"""Disclosure control: hand-computed cases, and the proof that nothing hidden is recomputable.

The proof plays the reader. From the published table alone (numbers, "<k", "x") and what the
reader knows of how the table is made (additive lines sum to their totals; in a multi-select
line every cell is at most the total and, every unit having answered, the cells add up to at
least the total) it computes, by exact integer programming, the smallest and largest value
each hidden count can take. A hidden count is safe when that range holds two values or more.
Small tables are also solved by brute force, to check the solver itself.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from researcher.reports.disclosure import (
    SECONDARY_TEXT,
    check_locality_breakdown,
    publish,
    publish_count,
    publish_rate,
)
from researcher.reports.tables import Cell, CountTable, PublishedTable

# --- building tables ---------------------------------------------------------------------------


def additive(counts: list[list[int]], *, totals: bool = True) -> CountTable:
    """A table whose rows and columns are partitions: totals are sums."""
    n_rows, n_cols = len(counts), len(counts[0])
    return CountTable(
        key="t",
        title="Tabela",
        unit="potrzeby",
        row_header="Wiersz",
        rows=[f"r{i}" for i in range(n_rows)],
        row_labels=[f"Wiersz {i}" for i in range(n_rows)],
        columns=[f"c{j}" for j in range(n_cols)],
        column_labels=[f"Kolumna {j}" for j in range(n_cols)],
        counts=counts,
        row_totals=[sum(row) for row in counts] if totals and n_cols > 1 else [],
        column_totals=[sum(col) for col in zip(*counts, strict=True)] if totals else [],
        total=sum(map(sum, counts)),
    )


def one_column(values: list[int]) -> CountTable:
    return additive([[v] for v in values])


def multi_select(units: list[tuple[int, frozenset[int]]], n_rows: int, n_cols: int) -> CountTable:
    """Units, each in one row with a non-empty set of columns (a multi-select answer)."""
    counts = [[0] * n_cols for _ in range(n_rows)]
    for row, answers in units:
        for col in answers:
            counts[row][col] += 1
    row_totals = [sum(1 for r, _ in units if r == i) for i in range(n_rows)]
    column_totals = [sum(counts[i][j] for i in range(n_rows)) for j in range(n_cols)]
    table = additive(counts)
    return CountTable(
        **{
            **table.__dict__,
            "row_totals": row_totals if n_cols > 1 else [],
            "column_totals": column_totals,
            "total": len(units),
            "multi_valued": True,
        }
    )


def texts(published: PublishedTable) -> list[list[str]]:
    return [[cell.text for cell in row] for row in published.cells]


# --- the reader ----------------------------------------------------------------------------------


def known_lines(published: PublishedTable, source: CountTable) -> list[tuple]:
    """(members, total, additive) for every line; multi-select rows are not additive."""
    rows, cols = range(len(published.rows)), range(len(published.columns))
    rows_additive = not source.multi_valued
    lines = []
    if published.row_totals:
        for r in rows:
            lines.append(([("cell", r, c) for c in cols], ("row", r), rows_additive))
        lines.append(([("row", r) for r in rows], ("total",), True))
    if published.column_totals:
        for c in cols:
            lines.append(([("cell", r, c) for r in rows], ("col", c), True))
        lines.append(([("col", c) for c in cols], ("total",), rows_additive))
    return lines


def published_items(published: PublishedTable) -> dict[tuple, Cell]:
    items: dict[tuple, Cell] = {}
    for r, row in enumerate(published.cells):
        for c, cell in enumerate(row):
            items[("cell", r, c)] = cell
    for r, cell in enumerate(published.row_totals):
        items[("row", r)] = cell
    for c, cell in enumerate(published.column_totals):
        items[("col", c)] = cell
    items[("total",)] = published.total
    return items


def reader_model(published: PublishedTable, source: CountTable):
    """Variables (hidden items), their bounds, and linear relations the reader knows."""
    k = published.k
    items = published_items(published)
    hidden = sorted(i for i, cell in items.items() if cell.value is None)
    assert all(items[i].text in (f"<{k}", SECONDARY_TEXT) for i in hidden)
    index = {item: n for n, item in enumerate(hidden)}
    big = 10 * (source.total + k)  # no hidden count can exceed the number of units
    lower = [1 if items[i].text == f"<{k}" else k for i in hidden]
    upper = [k - 1 if items[i].text == f"<{k}" else big for i in hidden]
    matrix, lo, hi = [], [], []

    def relation(terms: dict[tuple, int], low: float, high: float) -> None:
        row, constant = np.zeros(len(hidden)), 0
        for item, coefficient in terms.items():
            if item in index:
                row[index[item]] += coefficient
            else:
                constant += coefficient * items[item].value
        if row.any():
            matrix.append(row)
            lo.append(low - constant)
            hi.append(high - constant)

    for members, total, is_additive in known_lines(published, source):
        terms = {m: 1 for m in members}
        terms[total] = -1
        if is_additive:
            relation(terms, 0, 0)
        else:  # multi-select: sum >= total (every unit answered), each cell <= total
            relation(terms, 0, np.inf)
            for m in members:
                relation({m: 1, total: -1}, -np.inf, 0)
    return hidden, index, lower, upper, matrix, lo, hi


def reader_ranges(published: PublishedTable, source: CountTable) -> dict[tuple, tuple[int, int]]:
    """For every hidden item, the smallest and largest value the reader cannot rule out."""
    hidden, index, lower, upper, matrix, lo, hi = reader_model(published, source)
    constraints = [LinearConstraint(np.array(matrix), lo, hi)] if matrix else []
    bounds = Bounds(lower, upper)
    ranges = {}
    for item in hidden:
        objective = np.zeros(len(hidden))
        objective[index[item]] = 1
        found = []
        for sign in (1, -1):
            result = milp(
                sign * objective,
                constraints=constraints,
                bounds=bounds,
                integrality=np.ones(len(hidden)),
            )
            assert result.status == 0, "the true table must be feasible"
            found.append(round(result.x[index[item]]))
        ranges[item] = (found[0], found[1])
    return ranges


def search_cap(published: PublishedTable, source: CountTable) -> int:
    return published.total.value if published.total.value is not None else 2 * source.total + 10


def brute_force_ranges(published, source) -> dict[tuple, set[int]] | None:
    """Every value of every hidden item over all integer completions; None if too many.

    No count exceeds the grand total, which bounds the search when it is published; when it is
    hidden, the search stops at `search_cap(...)`.
    """
    hidden, _, lower, upper, matrix, lo, hi = reader_model(published, source)
    cap = search_cap(published, source)
    domains = [np.arange(a, min(b, cap) + 1) for a, b in zip(lower, upper, strict=True)]
    if np.prod([len(d) for d in domains]) > 2_000_000:
        return None
    grid = np.array(np.meshgrid(*domains, indexing="ij")).reshape(len(hidden), -1).T
    if matrix:
        sums = grid @ np.array(matrix).T
        grid = grid[((sums >= np.array(lo)) & (sums <= np.array(hi))).all(axis=1)]
    return {item: set(grid[:, n].tolist()) for n, item in enumerate(hidden)}


def assert_safe(published: PublishedTable, source: CountTable) -> None:
    """Published numbers are true, small ones hidden, and no hidden count is recomputable."""
    k = published.k
    for r, row in enumerate(published.cells):
        for c, cell in enumerate(row):
            true = source.counts[r][c]
            if cell.value is not None:
                assert cell.value == true
                assert not 0 < true < k
            elif cell.text == f"<{k}":
                assert 0 < true < k
            else:
                assert true >= k
    for item, (low, high) in reader_ranges(published, source).items():
        assert high > low, f"{item} can be recomputed: only {low}"


# --- hand-computed cases ---------------------------------------------------------------------


def test_k_below_three_is_refused():
    with pytest.raises(ValueError):
        publish(one_column([10, 20]), k=2)


def test_counts_from_one_to_k_minus_one_are_shown_as_less_than_k():
    published = publish(additive([[1, 0], [4, 5]], totals=False), k=5)
    assert texts(published) == [["<5", "0"], ["<5", "5"]]
    assert [c.suppressed for c in published.cells[1]] == ["primary", None]


def test_zeros_are_kept():
    published = publish(one_column([0, 12, 30]))
    assert texts(published) == [["0"], ["12"], ["30"]]


def test_one_hidden_cell_in_a_line_with_a_total_gets_a_complement():
    # 2 + 12 + 30 = 44: with 44 shown, hiding only the 2 would give it away.
    published = publish(one_column([2, 12, 30]))
    assert texts(published) == [["<5"], [SECONDARY_TEXT], ["30"]]
    assert published.cells[1][0].suppressed == "secondary"
    assert published.total.text == "44"


def test_the_complement_is_large_enough_to_leave_a_choice():
    # Hiding 1 with 5: x + y = 6, x ≤ 4, y ≥ 5 would force x = 1; 20 leaves x in 1…4.
    published = publish(one_column([1, 5, 20, 30]))
    assert texts(published) == [["<5"], ["5"], [SECONDARY_TEXT], ["30"]]
    assert_safe(published, one_column([1, 5, 20, 30]))


def test_two_small_cells_that_sum_to_what_is_missing_are_protected():
    # 1 + 1 + 10 = 12: the two "<5" must add up to 2, so both would be 1.
    source = one_column([1, 1, 10, 25])
    published = publish(source)
    assert texts(published)[2] == [SECONDARY_TEXT]
    assert_safe(published, source)


def test_a_small_total_is_hidden_with_its_cells():
    published = publish(one_column([1, 2, 0]))
    assert published.total.text == "<5"
    assert texts(published) == [["<5"], ["<5"], ["0"]]


def test_secondary_suppression_in_a_cross_table_covers_rows_and_columns():
    source = additive([[2, 10, 8], [9, 12, 15], [7, 6, 11]])
    published = publish(source)
    assert published.cells[0][0].text == "<5"
    hidden = {(r, c) for r in range(3) for c in range(3) if published.cells[r][c].value is None}
    assert any(r == 0 and c != 0 for r, c in hidden)  # a complement in the row
    assert any(c == 0 and r != 0 for r, c in hidden)  # and one in the column
    assert_safe(published, source)


def test_hand_case_agrees_with_brute_force():
    source = additive([[2, 6], [7, 9]])
    published = publish(source)
    values = brute_force_ranges(published, source)
    assert values  # something is hidden
    for item, possible in values.items():
        assert len(possible) >= 2, item
    for item, (low, high) in reader_ranges(published, source).items():
        assert (low, high) == (min(values[item]), max(values[item]))


def test_percentages_only_on_a_base_of_at_least_twenty():
    small = publish(one_column([9, 10]))  # total 19
    assert all(row[0].percent is None for row in small.cells)
    large = publish(one_column([10, 10]))  # total 20
    assert [row[0].percent for row in large.cells] == [50.0, 50.0]
    assert publish(one_column([10, 10]), min_percent_base=21).cells[0][0].percent is None


def test_no_percentage_on_a_hidden_base_nor_for_a_hidden_cell():
    published = publish(additive([[2, 30], [25, 25]]))
    assert published.cells[0][0].percent is None
    for r, row in enumerate(published.cells):
        if published.row_totals[r].value is None:
            assert all(cell.percent is None for cell in row)


def test_single_counts_and_rates():
    assert publish_count(3).text == "<5"
    assert publish_count(0).text == "0"
    assert publish_count(7).text == "7"
    assert publish_rate(10, 19).percent is None
    assert publish_rate(10, 40).text == "25,0%"
    assert publish_rate(3, 40).percent is None  # 3 of a known 40 would show the 3


def test_locality_breakdown_is_published_when_every_cell_is_at_least_k():
    published = check_locality_breakdown(one_column([5, 0, 12]), 5)
    assert not published.withheld
    assert texts(published) == [["5"], ["0"], ["12"]]


def test_locality_breakdown_with_a_small_cell_is_withheld_whole():
    published = check_locality_breakdown(one_column([5, 3, 12]), 5)
    assert published.withheld
    assert published.cells == [] and published.rows == []
    assert "≥ 5" in published.note


def test_locality_breakdown_must_be_single_dimension_and_not_sensitive():
    assert check_locality_breakdown(additive([[10, 10], [10, 10]]), 5).withheld
    sensitive = CountTable(**{**one_column([10, 20]).__dict__, "sensitive": True})
    assert check_locality_breakdown(sensitive, 5).withheld


def test_multi_select_line_is_not_treated_as_a_sum():
    # 10 units, each with one or two answers; the totals count units.
    units = [(0, frozenset({0}))] * 6 + [(0, frozenset({0, 1}))] * 2 + [(0, frozenset({2}))] * 2
    source = multi_select(units, 1, 3)
    published = publish(source)
    assert_safe(published, source)


# --- the proof on random tables ------------------------------------------------------------------


def random_additive(rng: random.Random) -> CountTable:
    n_rows, n_cols = rng.randint(1, 5), rng.randint(1, 5)
    pool = [0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 40]
    return additive([[rng.choice(pool) for _ in range(n_cols)] for _ in range(n_rows)])


def random_multi(rng: random.Random) -> CountTable:
    n_rows, n_cols = rng.randint(1, 4), rng.randint(2, 5)
    units = []
    for _ in range(rng.randint(1, 40)):
        answers = frozenset(rng.sample(range(n_cols), rng.randint(1, min(3, n_cols))))
        units.append((rng.randrange(n_rows), answers))
    return multi_select(units, n_rows, n_cols)


@pytest.mark.parametrize("k", [3, 5, 10])
def test_no_hidden_count_can_be_recomputed_in_random_tables(k):
    rng = random.Random(20260 + k)
    for _ in range(80):
        source = random_additive(rng)
        assert_safe(publish(source, k), source)


@pytest.mark.parametrize("k", [3, 5])
def test_no_hidden_count_can_be_recomputed_in_random_multi_select_tables(k):
    rng = random.Random(7 + k)
    for _ in range(60):
        source = random_multi(rng)
        published = publish(source, k)
        if not published.withheld:
            assert_safe(published, source)


def test_solver_agrees_with_brute_force_on_small_random_tables():
    rng = random.Random(3)
    checked = 0
    while checked < 25:
        source = additive([[rng.choice([0, 1, 2, 3, 5, 7]) for _ in range(2)] for _ in range(2)])
        published = publish(source, 3)
        hidden = [c for row in published.cells for c in row if c.value is None]
        values = brute_force_ranges(published, source) if hidden else None
        if values is None:
            continue
        for item, (low, high) in reader_ranges(published, source).items():
            assert low == min(values[item])
            assert high >= max(values[item])
            assert len(values[item]) >= 2
        checked += 1
