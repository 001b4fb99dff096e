"""Split text vectors into k groups that do not depend on the luck of one seed.

One KMeans run lands in one of many near-equal local optima, so two seeds used to regroup a
third of the needs (ARI ≈ 0.3 on the demo campaign). Consensus clustering (Strehl & Ghosh 2002;
Monti et al. 2003) asks many runs instead: KMeans runs (60-200, `ThemeParams.runs_for`), each from
its own seed, vote how often two needs land together (the co-association matrix); average-linkage
clustering of that matrix gives k groups, and one KMeans pass started from their centres
settles every need (all of them, also beyond the sample the votes are taken on).
The same seed gives the same runs, hence the same result.

The votes may be taken on other vectors than the ones each need settles on (`settle_on`): a run
votes on neighbour-smoothed vectors, which find the groups more reliably, and settles each need
on its own vector, so that it ends in the theme whose centre its own text is nearest — the
vector its fit to the theme (the "inne" cut, "niepewne" needs) is judged on. Settled on the
smoothed vectors instead, 5-9 % of the benchmark texts sat in a theme whose centre was not the
nearest to their own vector.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score


@dataclass(frozen=True)
class Partition:
    """Labels 0…k−1 (0 the largest group), unit-length centres, and per group the share of
    runs that put two of its sampled members together (1.0: every run agrees)."""

    labels: np.ndarray
    centres: np.ndarray
    agreement: tuple[float, ...]
    # The consensus of the sample alone (what `consensus(sample, …)` gives), when the votes
    # were taken on a sample: the stability figure compares other seeds with it.
    sample_labels: np.ndarray | None = None


def unit(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def sample_rows(n: int, size: int, seed: int) -> np.ndarray:
    """A deterministic sorted sample of at most `size` row numbers (all rows when n ≤ size)."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))


def kmeans(
    vectors: np.ndarray, k: int, seed: int, n_init: int = 1, init: np.ndarray | None = None,
    minibatch_from: int = 20_000,
) -> tuple[np.ndarray, np.ndarray]:
    """KMeans labels and raw centres; MiniBatchKMeans for very large inputs."""
    start = "k-means++" if init is None else init
    if len(vectors) >= minibatch_from:
        model = MiniBatchKMeans(n_clusters=k, n_init=n_init if init is None else 1,
                                random_state=seed, batch_size=4096, init=start)
    else:
        model = KMeans(n_clusters=k, n_init=n_init if init is None else 1, random_state=seed,
                       init=start)
    with warnings.catch_warnings():
        # Near-duplicate texts can leave a cluster empty; the caller counts the groups found.
        warnings.simplefilter("ignore", ConvergenceWarning)
        labels = model.fit_predict(vectors)
    return labels.astype(int), model.cluster_centers_


def co_association(vectors: np.ndarray, k: int, seed: int, runs: int) -> np.ndarray:
    """Share of `runs` KMeans runs (seeds drawn from `seed`) that put each pair together."""
    seeds = np.random.default_rng(seed).integers(0, 2**31 - 1, size=runs)
    n = len(vectors)
    blocks = []
    for run_seed in seeds:
        labels, _ = kmeans(vectors, k, int(run_seed), minibatch_from=n + 1)
        blocks.append(np.eye(k, dtype=np.float32)[labels])
    votes = np.hstack(blocks)
    return (votes @ votes.T) / runs


def consensus(vectors: np.ndarray, k: int, seed: int, runs: int, sample_size: int,
              minibatch_from: int = 20_000, settle_on: np.ndarray | None = None) -> Partition:
    """The consensus partition of `vectors` into at most k groups (see the module docstring);
    the runs vote on `vectors`, and each row settles on its row of `settle_on` (default: the
    same vectors). Centres are those of the settling vectors."""
    n = len(vectors)
    settling = vectors if settle_on is None else settle_on
    if len(settling) != n:
        raise ValueError(f"{len(settling)} vectors to settle on for {n} voting")
    if k <= 1 or n <= k:
        labels = np.zeros(n, dtype=int) if k <= 1 else np.arange(n)
        centres = unit(np.vstack([settling[labels == c].mean(axis=0)
                                  for c in range(labels.max() + 1)]))
        return Partition(labels, centres, tuple(1.0 for _ in range(len(centres))))
    rows = sample_rows(n, sample_size, seed)
    together = co_association(vectors[rows], k, seed, runs)
    distance = 1.0 - together
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    groups = fcluster(tree, k, criterion="maxclust") - 1
    sample = settling[rows]
    starts = np.vstack([sample[groups == g].mean(axis=0) for g in np.unique(groups)])
    labels, centres = kmeans(settling, len(starts), seed, init=starts,
                             minibatch_from=minibatch_from)
    # `seed_agreement` needs the sample's own partition: one KMeans pass on the sample from the
    # same starts is what `consensus(sample, …)` would end with, without its votes again.
    own = labels[rows] if len(rows) == n else kmeans(sample, len(starts), seed, init=starts)[0]
    labels, centres = relabel_by_size(labels, unit(centres))
    found = labels[rows]
    agreement = []
    for g in range(len(centres)):
        members = np.flatnonzero(found == g)
        if len(members) < 2:
            agreement.append(1.0 if len(members) else 0.0)
            continue
        block = together[np.ix_(members, members)]
        pairs = len(members) * (len(members) - 1)
        agreement.append(round(float((block.sum() - np.trace(block)) / pairs), 4))
    return Partition(labels, centres, tuple(agreement), own)


def relabel_by_size(labels: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group 0 is the largest (ties: first seen), so numbering never depends on KMeans' order;
    empty groups are dropped."""
    sizes = np.bincount(labels, minlength=len(centres))
    first = np.array([np.argmax(labels == c) if sizes[c] else len(labels)
                      for c in range(len(centres))])
    order = [c for c in sorted(range(len(centres)), key=lambda c: (-sizes[c], first[c]))
             if sizes[c]]
    new_of = np.full(len(centres), -1, dtype=int)
    new_of[order] = np.arange(len(order))
    return new_of[labels], centres[order]


def seed_agreement(
    vectors: np.ndarray, k: int, seed: int, other_seeds: int, runs: int, sample_size: int,
    base: np.ndarray | None = None, settle_on: np.ndarray | None = None,
) -> float | None:
    """Stability: mean ARI between the consensus partition with `seed` and with each of the
    next `other_seeds` seeds, on the deterministic sample (the whole input up to its size).

    1.0: every seed finds the same themes; near 0: the themes are an accident of the seed.
    `base` is the run's own partition of the sample when the caller has it already.
    """
    if other_seeds <= 0 or k < 2:
        return None
    rows = sample_rows(len(vectors), sample_size, seed)
    sample = vectors[rows]
    settling = None if settle_on is None else settle_on[rows]
    if len({row.tobytes() for row in np.ascontiguousarray(sample) + 0.0}) <= k:
        return None

    def partition(run_seed: int) -> np.ndarray:
        return consensus(sample, k, run_seed, runs, sample_size, settle_on=settling).labels

    if base is None:
        base = partition(seed)
    scores = [adjusted_rand_score(base, partition(seed + i)) for i in range(1, other_seeds + 1)]
    return round(float(np.mean(scores)), 4)


def fold_small(
    vectors: np.ndarray, labels: np.ndarray, centres: np.ndarray, min_size: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """Themes under `min_size` needs are not shown alone: each member moves to the nearest
    remaining theme (the unassigned cut later decides whether it fits there)."""
    sizes = np.bincount(labels, minlength=len(centres))
    keep = np.flatnonzero(sizes >= min_size)
    if len(keep) == len(centres) or len(keep) == 0:
        return labels, centres, 0
    kept = centres[keep]
    nearest = keep[np.argmax(vectors @ kept.T, axis=1)]
    labels = np.where(sizes[labels] >= min_size, labels, nearest)
    labels, centres = relabel_by_size(labels, centres)
    return labels, centres, len(sizes) - len(keep)


def carry_agreement(
    before: np.ndarray, after: np.ndarray, agreement: Sequence[float]
) -> dict[int, float]:
    """A theme keeps the agreement of the consensus group most of its needs came from."""
    out = {}
    for theme in sorted(set(after.tolist())):
        origin = np.bincount(before[after == theme]).argmax()
        out[theme] = agreement[origin]
    return out
