"""Statistical disclosure control: turn a `CountTable` into a `PublishedTable` (DOMAIN §3).

Pure: no Flask, no database. The rules:

* k = 5 by default, configurable, never below 3 (`ValueError`).
* Primary suppression: a count 1…k−1 (cell or total) is shown as "<k". Zeros are shown.
* Secondary suppression: further counts are hidden (shown as "x") until no hidden count can
  be recomputed from what the table shows. See "What a reader can derive" below.
* A percentage is given only when its base (the row total of a two-dimensional table, the
  grand total of a single-column one) is published and at least `min_percent_base` (20).
* `check_locality_breakdown`: a sub-gmina (locality) table is published only when it has a
  single dimension, involves no sensitive target group and has no cell 1…k−1; otherwise the
  whole table is withheld with a note.

What a reader can derive
------------------------
The reader sees every published number, knows that "<k" means 1…k−1 and that "x" means a
count of at least k (secondary suppression only ever hides non-zero counts that were not
small), and knows how the table is built. For every line (a row with its row total, a column
with its column total, the row totals with the grand total, the column totals with the grand
total) we give the reader the strongest relation that holds in the true data:

* cells sum exactly to the total (always so when the keys are mutually exclusive), or
* for multi-select answers, where totals count distinct units and are not sums: every cell is
  at most the total, and the sum is at least the total (when every unit gave at least one
  answer) or at most the total (when some gave none).

Assuming a relation that holds is never less safe than the reader's actual knowledge, so this
over-protects rather than under-protects. A hidden count is *protected* when these relations,
the bounds above and non-negativity leave it at least two possible integer values.

How it is checked and fixed: written as "members − total (− slack) = 0", with column-side
lines negated, the lines form a flow network whose edges are the counts; another table
consistent with what is shown differs from the true one by a circulation, so a hidden count
can change exactly when a cycle of residual edges runs through it (breadth-first search;
multi-select caps are checked on the cycle found, and an exact integer program — HiGHS via
scipy — decides when a cap is broken). An unprotected count gets its complements from the
cheapest such cycle, where a published count costs its value (shortest path), so few and
small counts are hidden. Hiding more only widens what the others can be, so the loop ends;
if even hiding every count cannot protect one (e.g. several "<5" that must each be 1 because
the zeros around them are shown), the whole table is withheld rather than its zeros hidden.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from researcher.reports.tables import Cell, CountTable, PublishedTable

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
class _Line:
    """One relation of the table: members against a total, as it holds in the true data."""

    members: list[Item]
    total: Item
    relation: str  # "eq": sum == total; "ge": sum >= total; "le": sum <= total
    capped: bool  # each member <= total (multi-select lines)
    sign: int = 1  # +1 row-side lines, -1 column-side: every count is then +1 in one, -1 in one


@dataclass
class _Model:
    values: dict[Item, int]
    lines: list[_Line]
    k: int
    hidden: dict[Item, str] = field(default_factory=dict)  # item -> "primary" | "secondary"
    _by_item: dict[Item, list[_Line]] = field(default_factory=dict)
    _ends: dict[Item, tuple[int, int]] = field(default_factory=dict)

    def lines_of(self, item: Item) -> list[_Line]:
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


def _items(table: CountTable) -> dict[Item, int]:
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


def _line(members: list[Item], total: Item, values: dict[Item, int], sign: int) -> _Line:
    members_sum = sum(values[m] for m in members)
    if members_sum == values[total]:
        return _Line(members, total, "eq", False, sign)
    return _Line(members, total, "ge" if members_sum > values[total] else "le", True, sign)


def _lines(table: CountTable, values: dict[Item, int]) -> list[_Line]:
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


def _validate(table: CountTable) -> None:
    n_rows, n_cols = len(table.rows), len(table.columns)
    if len(table.counts) != n_rows or any(len(row) != n_cols for row in table.counts):
        raise ValueError(f"{table.key}: counts do not match rows × columns")
    if table.row_totals and len(table.row_totals) != n_rows:
        raise ValueError(f"{table.key}: row_totals do not match rows")
    if table.column_totals and len(table.column_totals) != n_cols:
        raise ValueError(f"{table.key}: column_totals do not match columns")
    if any(v < 0 for v in _items(table).values()):
        raise ValueError(f"{table.key}: negative count")


# --- the reader's view: bounds of a hidden count --------------------------------------------


def _component(model: _Model, start: Item) -> tuple[list[Item], list[_Line]]:
    """The hidden items linked to `start` through lines, and those lines."""
    seen, queue, lines = {start}, [start], []
    used: set[int] = set()
    while queue:
        item = queue.pop()
        for line in model.lines_of(item):
            if id(line) in used:
                continue
            used.add(id(line))
            lines.append(line)
            for other in (*line.members, line.total):
                if other in model.hidden and other not in seen:
                    seen.add(other)
                    queue.append(other)
    return sorted(seen), lines


def _system(model: _Model, variables: list[Item], lines: list[_Line]):
    """The reader's constraints on `variables` (hidden counts) as a scipy milp problem."""
    index = {v: i for i, v in enumerate(variables)}
    rows, lower, upper = [], [], []

    def add(coefficients: dict[Item, int], lo: float, hi: float) -> None:
        row = np.zeros(len(variables))
        constant = 0
        for it, coef in coefficients.items():
            if it in index:
                row[index[it]] += coef
            else:
                constant += coef * model.values[it]
        if row.any():
            rows.append(row)
            lower.append(lo - constant)
            upper.append(hi - constant)

    for line in lines:
        terms = {m: 1 for m in line.members}
        terms[line.total] = terms.get(line.total, 0) - 1
        lo, hi = {"eq": (0, 0), "ge": (0, np.inf), "le": (-np.inf, 0)}[line.relation]
        add(terms, lo, hi)
        if line.capped:
            for m in line.members:
                add({m: 1, line.total: -1}, -np.inf, 0)
    k = model.k
    bounds = Bounds(
        [1 if model.hidden[v] == "primary" else k for v in variables],
        [k - 1 if model.hidden[v] == "primary" else np.inf for v in variables],
    )
    constraints = [LinearConstraint(np.array(rows), lower, upper)] if rows else []
    return index, constraints, bounds


def _solve(objective: np.ndarray, constraints, bounds) -> np.ndarray | None:
    """An optimal integer solution, or None when the objective is unbounded."""
    result = milp(
        objective, constraints=constraints, bounds=bounds, integrality=np.ones(len(objective))
    )
    if result.status == 2:  # infeasible: cannot happen, the true values satisfy every line
        raise RuntimeError("disclosure model infeasible")
    return np.round(result.x) if result.status == 0 else None


def _protected_exact(model: _Model, item: Item) -> bool:
    """True when `item` can take another value than its true one (integer programming)."""
    variables, lines = _component(model, item)
    index, constraints, bounds = _system(model, variables, lines)
    truth = model.values[item]
    for sign in (1, -1):
        objective = np.zeros(len(variables))
        objective[index[item]] = sign
        solution = _solve(objective, constraints, bounds)
        if solution is None or solution[index[item]] != truth:
            return True
    return False


# The fast check. With every line written as "members − total (− slack) = 0" and column-side
# lines negated, each count has coefficient +1 in one line and −1 in another (or in one line
# only: its other end is FREE, unconstrained), so the lines are nodes of a flow network and
# the hidden counts its edges. Another completion of the table is a circulation of changes;
# it decomposes into cycles, so `item` can move by one exactly when a cycle through it exists
# in the residual graph (edges that can still go up one way, down the other). A cycle found
# is checked against the multi-select caps (member <= total), which are not network
# constraints; if it breaks one, the exact integer program decides.

FREE = -1


def _ends(model: _Model) -> dict[Item, tuple[int, int]]:
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


def _bounds(model: _Model, item: Item) -> tuple[float, float]:
    if item[0] == "slack":
        return 0, np.inf
    if model.hidden[item] == "primary":
        return 1, model.k - 1
    return model.k, np.inf


def _slack_value(model: _Model, item: Item) -> int:
    line = model.lines[item[1]]
    difference = sum(model.values[m] for m in line.members) - model.values[line.total]
    return abs(difference)


def _value(model: _Model, item: Item) -> int:
    return _slack_value(model, item) if item[0] == "slack" else model.values[item]


def _residual(model: _Model, ends: dict[Item, tuple[int, int]]) -> dict[int, list]:
    """node → [(next node, count, +1/−1)] over the hidden counts and the slacks."""
    graph: dict[int, list] = {}
    slacks = [("slack", n) for n, line in enumerate(model.lines) if line.relation != "eq"]
    for item in (*model.hidden, *slacks):
        tail, head = ends.get(item, (FREE, FREE))
        low, high = _bounds(model, item)
        value = _value(model, item)
        if value < high:
            graph.setdefault(tail, []).append((head, item, 1))
        if value > low:
            graph.setdefault(head, []).append((tail, item, -1))
    return graph


def _path(graph: dict[int, list], start: int, goal: int, skip: Item) -> list | None:
    """A residual path start → goal not using `skip`, as [(count, +1/−1)], or None."""
    previous: dict[int, tuple[int, Item, int] | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            steps = []
            while previous[node] is not None:
                node, item, direction = previous[node]  # type: ignore[misc]
                steps.append((item, direction))
            return steps
        for nxt, item, direction in graph.get(node, ()):
            if item != skip and nxt not in previous:
                previous[nxt] = (node, item, direction)
                queue.append(nxt)
    return None


def _respects_caps(model: _Model, change: dict[Item, int]) -> bool:
    for line in model.lines:
        if not line.capped:
            continue
        total = model.values[line.total] + change.get(line.total, 0)
        if any(model.values[m] + change.get(m, 0) > total for m in line.members):
            return False
    return True


def _protected(model: _Model, item: Item, network=None) -> bool:
    """True when the published table leaves `item` at least two possible values."""
    ends, graph = network or _network(model)
    tail, head = ends.get(item, (FREE, FREE))  # in no line: only its own bounds hold it
    low, high = _bounds(model, item)
    value = _value(model, item)
    for direction, (start, goal), possible in (
        (1, (head, tail), value < high),
        (-1, (tail, head), value > low),
    ):
        if not possible:
            continue
        steps = _path(graph, start, goal, item)
        if steps is None:
            continue
        change = {item: direction}
        for other, step in steps:
            change[other] = change.get(other, 0) + step
        if _respects_caps(model, change):
            return True
        return _protected_exact(model, item)
    return False


def _network(model: _Model):
    return model.ends, _residual(model, model.ends)


def _unprotected(model: _Model, items: Iterable[Item]) -> list[Item]:
    """Those of `items` whose value the published table pins down."""
    network = _network(model)
    return sorted(item for item in items if not _protected(model, item, network))


# --- secondary suppression -------------------------------------------------------------------


def _published_arcs(model: _Model) -> dict[int, list]:
    """node → [(next node, count, cost)]: how published counts could move if hidden."""
    arcs: dict[int, list] = {}
    for other, (tail, head) in model.ends.items():
        if other in model.hidden or other[0] == "slack" or model.values[other] <= 0:
            continue
        value = model.values[other]
        arcs.setdefault(tail, []).append((head, other, value))  # up: always possible
        if value > model.k:  # down, staying >= k as a secondary suppression
            arcs.setdefault(head, []).append((tail, other, value))
    return arcs


def _shortest(graph: dict, published: dict, start: int, goal: int, skip: Item):
    """(cost, published counts on the path) of the cheapest path start → goal, or None."""
    distance = {start: 0.0}
    previous: dict[int, tuple[int, Item | None]] = {}
    heap = [(0.0, start)]
    while heap:
        cost, node = heapq.heappop(heap)
        if node == goal or cost > distance.get(node, np.inf):
            continue
        arcs = [(n, o, 0.0) for n, o, _ in graph.get(node, ())]
        arcs += [(n, o, float(c)) for n, o, c in published.get(node, ())]
        for nxt, other, extra in arcs:
            if other != skip and cost + extra < distance.get(nxt, np.inf):
                distance[nxt] = cost + extra
                previous[nxt] = (node, other if extra else None)
                heapq.heappush(heap, (cost + extra, nxt))
    if goal not in distance:
        return None
    to_hide, node = [], goal
    while node != start:
        node, other = previous[node]
        if other is not None:
            to_hide.append(other)
    return distance[goal], to_hide


def _cheapest_complements(model: _Model, item: Item) -> list[Item] | None:
    """The published counts to hide so that a cycle of changes runs through `item`.

    A shortest path in the residual graph where hidden counts cost nothing and a published
    count costs its value (hiding small counts loses least), run both ways round (`item` up,
    `item` down); the cheaper path's published counts are returned ([] if all are hidden).
    """
    tail, head = model.ends.get(item, (FREE, FREE))
    low, high = _bounds(model, item)
    value = _value(model, item)
    graph = _residual(model, model.ends)
    published = _published_arcs(model)
    found = [
        _shortest(graph, published, start, goal, item)
        for start, goal, possible in ((head, tail, value < high), (tail, head, value > low))
        if possible
    ]
    found = [f for f in found if f is not None]
    return min(found, key=lambda f: f[0])[1] if found else None


def _candidates(model: _Model) -> list[Item]:
    """Every published non-zero count, smallest first."""
    found = [p for p in model.values if p not in model.hidden and model.values[p] > 0]
    return sorted(found, key=lambda p: (model.values[p], p))


def _protect_one(model: _Model, item: Item) -> list[Item] | None:
    """Hide complements until `item` is protected; the complements, or None if impossible."""
    added: list[Item] = []
    while not _protected(model, item):
        complements = _cheapest_complements(model, item)
        if not complements:  # a cycle exists but breaks a multi-select cap: widen by size
            complements = _candidates(model)[:1]
        if not complements:
            return None
        for complement in complements:
            model.hidden[complement] = "secondary"
        added.extend(complements)
    return added


def _protect(model: _Model) -> bool:
    """Add secondary suppressions until every hidden count is protected; False if impossible.

    Hiding one more count only widens what the others can be, so a count once protected stays
    protected: only the newly hidden complements need checking again.
    """
    to_check = list(model.hidden)
    while to_check:
        added: list[Item] = []
        for item in _unprotected(model, to_check):
            complements = _protect_one(model, item)
            if complements is None:
                return False
            added.extend(complements)
        to_check = added
    return True


# --- publishing ------------------------------------------------------------------------------


def _cell(model: _Model, item: Item, base: Item | None, min_percent_base: int) -> Cell:
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
    _validate(table)
    values = _items(table)
    model = _Model(values, _lines(table, values), k)
    for item, value in values.items():
        if 0 < value < k:
            model.hidden[item] = "primary"
    if not _protect(model):
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
