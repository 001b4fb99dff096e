"""Secondary suppression: hide the cheapest complements until every hidden count is safe."""

from __future__ import annotations

import heapq

import numpy as np

from researcher.reports.disclosure.model import FREE, Item, Model
from researcher.reports.disclosure.reader import bounds, protected, residual, unprotected, value_of


def _published_arcs(model: Model) -> dict[int, list]:
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


def _cheapest_complements(model: Model, item: Item) -> list[Item] | None:
    """The published counts to hide so that a cycle of changes runs through `item`.

    A shortest path in the residual graph where hidden counts cost nothing and a published
    count costs its value (hiding small counts loses least), run both ways round (`item` up,
    `item` down); the cheaper path's published counts are returned ([] if all are hidden).
    """
    tail, head = model.ends.get(item, (FREE, FREE))
    low, high = bounds(model, item)
    value = value_of(model, item)
    graph = residual(model, model.ends)
    published = _published_arcs(model)
    found = [
        _shortest(graph, published, start, goal, item)
        for start, goal, possible in ((head, tail, value < high), (tail, head, value > low))
        if possible
    ]
    found = [f for f in found if f is not None]
    return min(found, key=lambda f: f[0])[1] if found else None


def _candidates(model: Model) -> list[Item]:
    """Every published non-zero count, smallest first."""
    found = [p for p in model.values if p not in model.hidden and model.values[p] > 0]
    return sorted(found, key=lambda p: (model.values[p], p))


def _protect_one(model: Model, item: Item) -> list[Item] | None:
    """Hide complements until `item` is protected; the complements, or None if impossible."""
    added: list[Item] = []
    while not protected(model, item):
        complements = _cheapest_complements(model, item)
        if not complements:  # a cycle exists but breaks a multi-select cap: widen by size
            complements = _candidates(model)[:1]
        if not complements:
            return None
        for complement in complements:
            model.hidden[complement] = "secondary"
        added.extend(complements)
    return added


def protect(model: Model) -> bool:
    """Add secondary suppressions until every hidden count is protected; False if impossible.

    Hiding one more count only widens what the others can be, so a count once protected stays
    protected: only the newly hidden complements need checking again.
    """
    to_check = list(model.hidden)
    while to_check:
        added: list[Item] = []
        for item in unprotected(model, to_check):
            complements = _protect_one(model, item)
            if complements is None:
                return False
            added.extend(complements)
        to_check = added
    return True
