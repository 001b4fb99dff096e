"""Carry a theme's identity over re-runs: match new themes to old ones by shared needs."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

from analysis.themes import UNASSIGNED, ThemeRun


def members_by_theme(run: ThemeRun) -> dict[int, frozenset[Hashable]]:
    """Theme id → the ids of its needs, the unassigned group left out."""
    return {t.id: frozenset(t.member_ids) for t in run.themes if t.id != UNASSIGNED}


def map_onto_previous(
    previous: Mapping[int, Collection[Hashable]],
    current: Mapping[int, Collection[Hashable]],
    min_jaccard: float = 0.3,
) -> dict[int, int]:
    """Current theme id → previous theme id, matched one-to-one by member overlap.

    Maximises the total Jaccard index (Hungarian method); pairs sharing less than `min_jaccard`
    are left unmatched, so a theme that really changed gets a fresh identity.
    """
    prev_ids = [p for p in previous if p != UNASSIGNED]
    cur_ids = [c for c in current if c != UNASSIGNED]
    if not prev_ids or not cur_ids:
        return {}
    jaccard = np.zeros((len(cur_ids), len(prev_ids)))
    for i, c in enumerate(cur_ids):
        cur = set(current[c])
        for j, p in enumerate(prev_ids):
            prev = set(previous[p])
            union = len(cur | prev)
            jaccard[i, j] = len(cur & prev) / union if union else 0.0
    rows, cols = linear_sum_assignment(jaccard, maximize=True)
    return {
        cur_ids[r]: prev_ids[c] for r, c in zip(rows, cols, strict=True)
        if jaccard[r, c] >= min_jaccard
    }
