"""Vectors to group by: each need's vector pulled halfway towards its nearest neighbours.

A need is a sentence or two, so its vector carries much noise about its theme: one synonym or
one off-topic word moves it far. Its nearest neighbours are, mostly, needs of the same theme,
and their mean carries the theme with less noise. Averaging over the k-nearest-neighbour graph
is a low-pass filter on that graph (graph signal processing; the same step denoises
single-cell data, MAGIC/kNN-smoothing, and feeds clustering in SCAN, Van Gansbeke et al. 2020):
needs in one dense region move together, the gaps between regions widen, and KMeans and the
consensus find the regions more reliably.

Only the grouping uses these vectors. How well a need fits its theme (the "inne" cut, typical
and uncertain needs) is measured on its own vector, so a stray need is not hidden by its
neighbours. One step with 10 neighbours and weight ½ are common, untuned defaults (PyPI
`umap-learn` uses 15 neighbours, SCAN 20); the benchmark's figures are in bench/analysis.py.
"""

from __future__ import annotations

import numpy as np

from analysis.partition import sample_rows, unit
from analysis.vectors import VectorParams

#: Rows compared at once: a block of 2,000 × 5,000 similarities is 40 MB.
BLOCK_ROWS = 2000


def neighbour_smoothed(
    vectors: np.ndarray, neighbours: int, weight: float, sample: int, seed: int
) -> np.ndarray:
    """Unit rows of (1 − weight)·v + weight·(mean of v's `neighbours` nearest rows).

    Neighbours (by cosine; rows are unit length) are looked for among a deterministic sample of
    at most `sample` rows (all rows when there are fewer), never the row itself, so the cost is
    linear in the number of needs. Deterministic: the same input and seed give the same rows.
    """
    n = len(vectors)
    neighbours = min(neighbours, n - 2)
    if neighbours < 1 or weight <= 0:
        return vectors
    anchors = sample_rows(n, sample, seed)
    anchor_vectors = np.ascontiguousarray(vectors[anchors])
    # Where each row sits among the anchors (−1: not an anchor), to leave itself out.
    position = np.full(n, -1)
    position[anchors] = np.arange(len(anchors))
    out = np.empty_like(vectors)
    for start in range(0, n, BLOCK_ROWS):
        rows = np.arange(start, min(start + BLOCK_ROWS, n))
        similar = vectors[rows] @ anchor_vectors.T
        own = position[rows]
        mine = own >= 0
        similar[np.flatnonzero(mine), own[mine]] = -np.inf
        nearest = largest_columns(similar, neighbours)
        mean = anchor_vectors[nearest].mean(axis=1)
        out[rows] = (1.0 - weight) * vectors[rows] + weight * mean
    return unit(out).astype(vectors.dtype, copy=False)


def largest_columns(values: np.ndarray, k: int) -> np.ndarray:
    """Each row's `k` largest columns (rows × k, in no particular order), ties aside the same
    as `np.argpartition`.

    Partitioning every row of a 2,000 × 5,000 block took two thirds of the smoothing of 100,000
    needs. Instead: the columns are cut into 4k groups; the k-th largest of the groups' maxima
    is at most each row's k-th largest value (k groups reach it), so only the values at or above
    it, typically a few dozen a row, are sorted.
    """
    rows, columns = values.shape
    groups = 4 * k
    size = columns // groups
    if size < 2:  # few columns: partitioning them whole is as cheap
        return np.argpartition(values, -k, axis=1)[:, -k:]
    maxima = values[:, : groups * size].reshape(rows, groups, size).max(axis=2)
    if groups * size < columns:
        rest = values[:, groups * size :].max(axis=1, keepdims=True)
        maxima = np.hstack([maxima, rest])
    floor = np.partition(maxima, -k, axis=1)[:, -k]
    # Row by row, ≥ k in each (flat: np.nonzero of a 2-D mask is 10× slower).
    row, column = np.divmod(np.flatnonzero(values >= floor[:, None]), columns)
    order = np.lexsort((-values[row, column], row))  # by row, then largest first
    row, column = row[order], column[order]
    first = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=rows))[:-1]])
    keep = np.arange(len(row)) - first[row] < k
    return column[keep].reshape(rows, k)


def grouping_vectors(vectors: np.ndarray, params: VectorParams) -> np.ndarray:
    """The vectors a run groups by (`neighbour_smoothed` with `params`' settings)."""
    return neighbour_smoothed(vectors, params.neighbours, params.neighbour_weight,
                              params.neighbour_sample, params.seed)


def member_centres(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Unit-length mean of each group's own vectors (groups 0…max, none empty)."""
    return unit(np.vstack([vectors[labels == g].mean(axis=0) for g in range(labels.max() + 1)]))
