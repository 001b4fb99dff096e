"""The reader's view: can a hidden count be recomputed from what the table shows?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from researcher.reports.disclosure.model import FREE, Item, Line, Model


def _component(model: Model, start: Item) -> tuple[list[Item], list[Line]]:
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


def _system(model: Model, variables: list[Item], lines: list[Line]):
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


def _protected_exact(model: Model, item: Item) -> bool:
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


def bounds(model: Model, item: Item) -> tuple[float, float]:
    if item[0] == "slack":
        return 0, np.inf
    if model.hidden[item] == "primary":
        return 1, model.k - 1
    return model.k, np.inf


def _slack_value(model: Model, item: Item) -> int:
    line = model.lines[item[1]]
    difference = sum(model.values[m] for m in line.members) - model.values[line.total]
    return abs(difference)


def value_of(model: Model, item: Item) -> int:
    return _slack_value(model, item) if item[0] == "slack" else model.values[item]


def residual(model: Model, ends: dict[Item, tuple[int, int]]) -> dict[int, list]:
    """node → [(next node, count, +1/−1)] over the hidden counts and the slacks."""
    graph: dict[int, list] = {}
    slacks = [("slack", n) for n, line in enumerate(model.lines) if line.relation != "eq"]
    for item in (*model.hidden, *slacks):
        tail, head = ends.get(item, (FREE, FREE))
        low, high = bounds(model, item)
        value = value_of(model, item)
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


def _respects_caps(model: Model, change: dict[Item, int]) -> bool:
    for line in model.lines:
        if not line.capped:
            continue
        total = model.values[line.total] + change.get(line.total, 0)
        if any(model.values[m] + change.get(m, 0) > total for m in line.members):
            return False
    return True


def protected(model: Model, item: Item, network=None) -> bool:
    """True when the published table leaves `item` at least two possible values."""
    ends, graph = network or _network(model)
    tail, head = ends.get(item, (FREE, FREE))  # in no line: only its own bounds hold it
    low, high = bounds(model, item)
    value = value_of(model, item)
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


def _network(model: Model):
    return model.ends, residual(model, model.ends)


def unprotected(model: Model, items: Iterable[Item]) -> list[Item]:
    """Those of `items` whose value the published table pins down."""
    network = _network(model)
    return sorted(item for item in items if not protected(model, item, network))
