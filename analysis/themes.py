"""Group needs into themes: KMeans on text vectors, a stated choice of k, named themes.

Needs that fit no theme well are kept as theme −1 ("nieprzypisane"), never dropped. The same
input and seed give the same themes; a stability figure (mean ARI against runs with other
seeds) comes with every run. Results are returned, never stored: the app decides what to keep.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.metrics.pairwise import cosine_distances
from threadpoolctl import threadpool_limits

from analysis.naming import class_tfidf_terms, theme_label, typical_members
from analysis.text import prepare
from analysis.vectors import VectorParams, text_vectors

UNASSIGNED = -1
UNASSIGNED_LABEL = "nieprzypisane"


@dataclass(frozen=True)
class ThemeParams:
    """Every choice of a clustering run; stored by the app next to the run."""

    k: int | None = None  # None: chosen by silhouette (see `choose_k`)
    seed: int = 0
    # Cosine to the theme centre below which a need is unassigned: under 0.1 a need shares
    # next to no vocabulary with its theme (about 5 % of texts on the benchmark sets).
    min_similarity: float = 0.1
    n_init: int = 5
    # Upper end of the k range searched, also bounded by √n: a manager reviews each theme, and
    # on short texts silhouette keeps rising with k, so this bound matters. Overridable.
    k_max: int = 20
    sample_size: int = 2000  # deterministic sample for choosing k and measuring stability
    minibatch_from: int = 20_000  # MiniBatchKMeans from this many texts on
    stability_runs: int = 2  # extra seeds compared with the main run; 0 turns it off
    top_terms: int = 8
    n_typical: int = 3
    vectors: VectorParams = field(default_factory=VectorParams)


@dataclass(frozen=True)
class TypicalNeed:
    """A need close to its theme centre, with personal data masked."""

    id: Hashable
    text: str
    similarity: float


@dataclass(frozen=True)
class Theme:
    """One theme of a run; `id` −1 gathers the needs that fit no theme."""

    id: int
    label: str
    size: int
    member_ids: tuple[Hashable, ...]
    top_terms: tuple[str, ...]
    typical: tuple[TypicalNeed, ...]
    cohesion: float  # mean cosine of members to the centre


@dataclass(frozen=True)
class ThemeRun:
    """The result of one clustering run, aligned with the input order."""

    params: ThemeParams
    seed: int
    k: int
    k_method: str
    ids: tuple[Hashable, ...]
    assignments: tuple[int, ...]  # theme per need, −1 unassigned
    nearest: tuple[int, ...]  # nearest theme per need, before the unassigned cut
    similarities: tuple[float, ...]
    themes: tuple[Theme, ...]
    stability: float | None  # mean ARI between seeds; None when it cannot be measured
    used_dense: bool
    timings: dict[str, float]

    @property
    def n_unassigned(self) -> int:
        return sum(1 for a in self.assignments if a == UNASSIGNED)

    def theme_of(self) -> dict[Hashable, int]:
        """Need id → theme id."""
        return dict(zip(self.ids, self.assignments, strict=True))


@dataclass(frozen=True)
class Assignment:
    """Where a need synced after a run goes: a theme id (or −1) and its cosine to it."""

    theme: int
    similarity: float


def k_range(n: int, k_max: int) -> range:
    """Candidate k: 2 … min(k_max, ⌊√n⌋, n−1); √n keeps themes at a readable size."""
    upper = min(k_max, int(np.sqrt(n)), n - 1)
    return range(2, max(upper, 2) + 1)


def fit_partition(
    vectors: np.ndarray, k: int, seed: int, params: ThemeParams
) -> tuple[np.ndarray, np.ndarray]:
    """KMeans labels and unit-length centres (MiniBatchKMeans for very large inputs)."""
    if k <= 1:
        centre = vectors.mean(axis=0, keepdims=True)
        return np.zeros(len(vectors), dtype=int), _unit(centre)
    if len(vectors) >= params.minibatch_from:
        model = MiniBatchKMeans(n_clusters=k, n_init=params.n_init, random_state=seed,
                                batch_size=4096)
    else:
        model = KMeans(n_clusters=k, n_init=params.n_init, random_state=seed)
    with warnings.catch_warnings():
        # Near-duplicate texts can leave a cluster empty; the caller counts the themes found.
        warnings.simplefilter("ignore", ConvergenceWarning)
        labels = model.fit_predict(vectors)
    return labels.astype(int), _unit(model.cluster_centers_)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _sample(vectors: np.ndarray, params: ThemeParams) -> np.ndarray:
    rng = np.random.default_rng(params.seed)
    n = len(vectors)
    return vectors[np.sort(rng.choice(n, size=min(n, params.sample_size), replace=False))]


def choose_k(vectors: np.ndarray, params: ThemeParams, distinct: int) -> tuple[int, str]:
    """k with the best silhouette (cosine) on a deterministic sample, over `k_range`."""
    if distinct <= 2:
        return min(distinct, 2) if distinct > 1 else 1, "too few distinct texts"
    sample = _sample(vectors, params)
    best_k, best_score = 2, -1.0
    candidates = [k for k in k_range(len(vectors), params.k_max) if k < distinct]
    full_kmeans = replace(params, minibatch_from=len(sample) + 1)
    # The sample's distances do not depend on k: computed once, not once per candidate.
    distances = cosine_distances(sample)
    np.fill_diagonal(distances, 0.0)
    scores = {k: _silhouette(sample, distances, k, params.seed, full_kmeans) for k in candidates}
    for k in candidates:
        if scores[k] > best_score + 1e-9:
            best_k, best_score = k, scores[k]
    return best_k, f"silhouette (cosine) on {len(sample)} texts, k {candidates[0]}-{candidates[-1]}"


def _silhouette(
    sample: np.ndarray, distances: np.ndarray, k: int, seed: int, params: ThemeParams
) -> float:
    labels, _ = fit_partition(sample, k, seed, params)
    if len(set(labels.tolist())) < 2:
        return -1.0
    return float(silhouette_score(distances, labels, metric="precomputed"))


def _count_distinct(vectors: np.ndarray) -> int:
    # Hashing rows is linear; np.unique(axis=0) sorts the whole matrix row by row.
    # Adding 0.0 turns -0.0 into 0.0, so equal rows also have equal bytes.
    return len({row.tobytes() for row in np.ascontiguousarray(vectors) + 0.0})


def _relabel_by_size(labels: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Theme 0 is the largest, so the numbering does not depend on KMeans' internal order.
    sizes = np.bincount(labels, minlength=len(centres))
    first = np.array([np.argmax(labels == c) if sizes[c] else len(labels) for c in
                      range(len(centres))])
    order = sorted(range(len(centres)), key=lambda c: (-sizes[c], first[c]))
    new_of = np.empty(len(centres), dtype=int)
    new_of[order] = np.arange(len(centres))
    return new_of[labels], centres[order]


def stability(vectors: np.ndarray, k: int, params: ThemeParams) -> float | None:
    """Mean ARI between the run's seed and `stability_runs` other seeds, on the sample.

    1.0: every seed finds the same themes; near 0: the themes are an accident of the seed.
    Measured on the deterministic sample so that it costs seconds even for 100,000 needs.
    """
    if params.stability_runs <= 0 or k < 2:
        return None
    sample = _sample(vectors, params)
    if _count_distinct(sample) <= k:
        return None
    full_kmeans = replace(params, minibatch_from=len(sample) + 1)
    base = fit_partition(sample, k, params.seed, full_kmeans)[0]
    scores = [
        adjusted_rand_score(base, fit_partition(sample, k, params.seed + i, full_kmeans)[0])
        for i in range(1, params.stability_runs + 1)
    ]
    return round(float(np.mean(scores)), 4)


def _dense_matrix(
    ids: Sequence[Hashable], dense: Mapping[Hashable, Sequence[float]] | None
) -> np.ndarray | None:
    # Dense vectors are used only when every need has one: mixing would bias the distances.
    if not dense or any(i not in dense for i in ids):
        return None
    return np.asarray([dense[i] for i in ids], dtype=np.float32)


def cluster_needs(
    items: Sequence[tuple[Hashable, str]],
    params: ThemeParams | None = None,
    dense: Mapping[Hashable, Sequence[float]] | None = None,
) -> ThemeRun:
    """Cluster (id, text) pairs into named themes; `dense` maps id → precomputed dense vector."""
    params = params or ThemeParams()
    timings: dict[str, float] = {}
    start = clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 4)
        clock = now

    ids = tuple(i for i, _ in items)
    texts = [t for _, t in items]
    prepared = prepare(texts)
    lap("prepare")
    dense_rows = _dense_matrix(ids, dense)
    # One BLAS/OpenMP thread for all the numeric work: threads that wait for a busy second core
    # make the SVD and KMeans several times slower on a shared two-core machine, and a run
    # shares it with the app's requests. Set once: each threadpool_limits costs milliseconds.
    with threadpool_limits(limits=1):
        vectors = text_vectors(prepared, replace(params.vectors, seed=params.seed), dense_rows)
        lap("vectors")
        if not ids:
            return ThemeRun(params, params.seed, 0, "empty input", (), (), (), (), (), None,
                            False, timings)
        distinct = _count_distinct(vectors)
        if params.k is not None:
            k, method = min(params.k, distinct), "given"
        else:
            k, method = choose_k(vectors, params, distinct)
        lap("choose_k")
        labels, centres = _relabel_by_size(*fit_partition(vectors, k, params.seed, params))
        k = len(set(labels.tolist()))  # empty clusters sort last and are not themes
        similarities = np.einsum("ij,ij->i", vectors, centres[labels])
        assigned = np.where(similarities >= params.min_similarity, labels, UNASSIGNED)
        lap("cluster")
        agreement = stability(vectors, k, params)
        lap("stability")
    themes = _name_themes(ids, texts, prepared, assigned, similarities, params)
    lap("naming")
    timings["total"] = round(time.perf_counter() - start, 4)
    return ThemeRun(
        params=params, seed=params.seed, k=k, k_method=method, ids=ids,
        assignments=tuple(int(a) for a in assigned), nearest=tuple(int(a) for a in labels),
        similarities=tuple(round(float(s), 6) for s in similarities), themes=themes,
        stability=agreement, used_dense=dense_rows is not None, timings=timings,
    )


def _name_themes(
    ids: Sequence[Hashable],
    texts: Sequence[str],
    prepared: Sequence[list[str]],
    assigned: np.ndarray,
    similarities: np.ndarray,
    params: ThemeParams,
) -> tuple[Theme, ...]:
    terms = class_tfidf_terms(prepared, assigned.tolist(), params.top_terms)
    themes = []
    sims = similarities.tolist()
    # Real themes first in id order, the unassigned group last.
    for theme_id in sorted(set(assigned.tolist()), key=lambda t: (t == UNASSIGNED, t)):
        rows = np.flatnonzero(assigned == theme_id).tolist()
        typical = typical_members(rows, sims, texts, params.n_typical)
        top = tuple(terms.get(theme_id, ()))
        themes.append(Theme(
            id=int(theme_id),
            label=UNASSIGNED_LABEL if theme_id == UNASSIGNED else theme_label(top),
            size=len(rows),
            member_ids=tuple(ids[r] for r in rows),
            top_terms=top,
            typical=tuple(TypicalNeed(ids[r], text, round(s, 4)) for r, text, s in typical),
            cohesion=round(float(np.mean(similarities[rows])), 4),
        ))
    return tuple(themes)


def assign_new(
    existing: Sequence[tuple[str, int]],
    new_texts: Sequence[str],
    min_similarity: float = ThemeParams.min_similarity,
    vector_params: VectorParams | None = None,
) -> list[Assignment]:
    """Put needs synced after a run into the nearest existing theme (or −1).

    Needs only the texts and themes the app has stored: the vectors are refitted on old and
    new texts together and each theme's centre is the mean of its members.
    """
    if not new_texts:
        return []
    vector_params = vector_params or VectorParams()
    prepared = prepare([t for t, _ in existing] + list(new_texts))
    with threadpool_limits(limits=1):  # as in `cluster_needs`
        vectors = text_vectors(prepared, vector_params)
    old, new = vectors[: len(existing)], vectors[len(existing):]
    theme_ids = sorted({t for _, t in existing if t != UNASSIGNED})
    if not theme_ids:
        return [Assignment(UNASSIGNED, 0.0) for _ in new_texts]
    old_labels = np.array([t for _, t in existing])
    centres = _unit(np.vstack([old[old_labels == t].mean(axis=0) for t in theme_ids]))
    sims = new @ centres.T
    out = []
    for row in sims:
        best = int(np.argmax(row))
        theme = theme_ids[best] if row[best] >= min_similarity else UNASSIGNED
        out.append(Assignment(theme, round(float(row[best]), 6)))
    return out


def split_theme(
    items: Sequence[tuple[Hashable, str]],
    k: int | None = 2,
    params: ThemeParams | None = None,
    dense: Mapping[Hashable, Sequence[float]] | None = None,
) -> ThemeRun:
    """Re-cluster the members of one theme into `k` sub-themes (None: chosen by silhouette)."""
    return cluster_needs(items, replace(params or ThemeParams(), k=k), dense)


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
