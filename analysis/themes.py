"""Group needs into themes: consensus KMeans on text vectors, a stated choice of k, named themes.

Needs that fit no theme well are kept as theme −1 ("inne / nieprzypisane"), never dropped, and
so are the members of themes too small to show alone. The same input and seed give the same
themes; a stability figure (mean ARI against runs with other seeds) comes with every run.
Results are returned, never stored: the app decides what to keep.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from sklearn.metrics import silhouette_score
from sklearn.metrics.pairwise import cosine_distances
from threadpoolctl import threadpool_limits

from analysis.naming import class_tfidf_terms, farthest_members, theme_label, typical_members
from analysis.neighbours import grouping_vectors, member_centres
from analysis.partition import (
    Partition,
    carry_agreement,
    consensus,
    fold_small,
    kmeans,
    sample_rows,
    seed_agreement,
    unit,
)
from analysis.phrases import is_name_word, name_themes, proper_lemmas
from analysis.text import prepare
from analysis.vectors import VectorParams, text_vectors

UNASSIGNED = -1
UNASSIGNED_LABEL = "inne / nieprzypisane"


@dataclass(frozen=True)
class ThemeParams:
    """Every choice of a clustering run; stored by the app next to the run."""

    k: int | None = None  # None: chosen by silhouette (see `choose_k`)
    seed: int = 0
    # Cosine to the theme centre below which a need is unassigned: under 0.1 a need shares
    # next to no vocabulary with its theme (about 5 % of texts on the benchmark sets).
    min_similarity: float = 0.1
    n_init: int = 5  # KMeans restarts when choosing k
    # The k range searched (`k_range`): a manager reviews each theme, and on short texts
    # silhouette keeps rising with k, so the upper bound matters. Overridable.
    k_min: int = 6
    k_max: int = 15
    # KMeans runs voting in the consensus (`analysis.partition`), see `runs_for`.
    consensus_runs: int = 60
    consensus_votes: int = 70_000
    consensus_runs_max: int = 200
    # A theme of fewer needs is not shown alone when k is chosen automatically: it would be
    # suppressed in exports anyway, and a manager cannot judge a theme from four quotes.
    min_theme_size: int = 5
    sample_size: int = 2000  # deterministic sample for choosing k, the votes and stability
    minibatch_from: int = 20_000  # MiniBatchKMeans from this many texts on
    stability_runs: int = 2  # extra seeds compared with the main run; 0 turns it off
    top_terms: int = 8
    n_typical: int = 5
    n_phrases: int = 5
    phrase_sample: int = 20_000  # texts whose phrases are counted for names, at most
    n_uncertain: int = 5
    vectors: VectorParams = field(default_factory=VectorParams)

    def runs_for(self, n: int) -> int:
        """Consensus runs for `n` needs (at most `sample_size` vote). A pair's vote share is a
        mean over runs (noise ∝ 1/√runs) and a run costs time ∝ needs voting, so a small campaign
        gets more: `consensus_votes` ÷ needs, within [`consensus_runs`, `consensus_runs_max`].
        Demo campaign (353 needs), lexical, k = 8: seeds agree 0.47-0.58 with 60, 0.78-0.89 with
        200 runs."""
        voters = max(min(n, self.sample_size), 1)
        return max(self.consensus_runs, min(self.consensus_runs_max,
                                            self.consensus_votes // voters))


@dataclass(frozen=True)
class TypicalNeed:
    """A need of a theme (close to its centre, or far from it), with personal data masked."""

    id: Hashable
    text: str
    similarity: float


@dataclass(frozen=True)
class Theme:
    """One theme of a run; `id` −1 gathers the needs that fit no theme ("inne")."""

    id: int
    label: str  # a phrase from the theme's texts, e.g. "Dowóz do lekarza"
    size: int
    member_ids: tuple[Hashable, ...]
    top_terms: tuple[str, ...]  # keywords, shown under the name
    typical: tuple[TypicalNeed, ...]
    cohesion: float  # mean cosine of members to the centre
    phrases: tuple[str, ...] = ()  # its most distinctive phrases, the name first
    agreement: float | None = None  # share of consensus runs that kept its needs together
    uncertain: tuple[TypicalNeed, ...] = ()  # members farthest from the centre ("niepewne")


@dataclass(frozen=True)
class ThemeRun:
    """The result of one clustering run, aligned with the input order."""

    params: ThemeParams
    seed: int
    k: int
    k_method: str  # why this k, in Polish, for the manager
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


def k_range(n: int, k_max: int, k_min: int = 2) -> range:
    """Candidate k: from min(k_min, n // 25) (at least 2) to min(k_max, ⌊√n⌋, n−1).

    √n keeps themes at a readable size; the lower end keeps a campaign of a few hundred needs
    from being squeezed into two or three vague themes (about 25 needs per theme at most).
    """
    upper = max(min(k_max, int(np.sqrt(n)), n - 1), 2)
    lower = min(max(2, min(k_min, n // 25)), upper)
    return range(lower, upper + 1)


def fit_partition(
    vectors: np.ndarray, k: int, seed: int, params: ThemeParams
) -> tuple[np.ndarray, np.ndarray]:
    """One KMeans run (best of `n_init`): labels and unit-length centres. The pre-consensus
    method, kept for choosing k and for the benchmark's comparison."""
    if k <= 1:
        return np.zeros(len(vectors), dtype=int), unit(vectors.mean(axis=0, keepdims=True))
    labels, centres = kmeans(vectors, k, seed, params.n_init,
                             minibatch_from=params.minibatch_from)
    return labels, unit(centres)


def consensus_partition(vectors: np.ndarray, k: int, seed: int, params: ThemeParams,
                        settle_on: np.ndarray | None = None) -> Partition:
    """The partition a run uses: consensus of `consensus_runs` KMeans runs voting on `vectors`,
    each need settled on its row of `settle_on` (`partition.consensus`)."""
    return consensus(vectors, k, seed, params.runs_for(len(vectors)), params.sample_size,
                     params.minibatch_from, settle_on)


def choose_k(vectors: np.ndarray, params: ThemeParams, distinct: int) -> tuple[int, str]:
    """k with the best silhouette (cosine) on a deterministic sample, over `k_range`;
    returns k and the reason, in Polish, for the manager."""
    if distinct <= 2:
        k = min(distinct, 2) if distinct > 1 else 1
        return k, f"k = {k}: za mało różnych opisów, by szukać więcej tematów"
    sample = vectors[sample_rows(len(vectors), params.sample_size, params.seed)]
    candidates = [k for k in k_range(len(vectors), params.k_max, params.k_min) if k < distinct]
    if not candidates:
        return 2, "k = 2: za mało różnych opisów, by szukać więcej tematów"
    full_kmeans = replace(params, minibatch_from=len(sample) + 1)
    # The sample's distances do not depend on k: computed once, not once per candidate.
    distances = cosine_distances(sample)
    np.fill_diagonal(distances, 0.0)
    scores = {k: _silhouette(sample, distances, k, params.seed, full_kmeans) for k in candidates}
    best_k, best_score = candidates[0], -1.0
    for k in candidates:
        if scores[k] > best_score + 1e-9:
            best_k, best_score = k, scores[k]
    return best_k, (
        f"k = {best_k}: najlepiej rozdzielone tematy (silhouette {best_score:.2f}) spośród "
        f"k {candidates[0]}–{candidates[-1]}, liczonych na {len(sample)} opisach; górna granica "
        f"to √{len(vectors)} i {params.k_max}, by każdy temat dało się przejrzeć"
    )


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


def stability(vectors: np.ndarray, k: int, params: ThemeParams,
              base: np.ndarray | None = None, settle_on: np.ndarray | None = None) -> float | None:
    """Mean ARI between the run's seed and `stability_runs` other seeds (`seed_agreement`)."""
    return seed_agreement(vectors, k, params.seed, params.stability_runs,
                          params.runs_for(len(vectors)), params.sample_size, base, settle_on)


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
        vector_params = replace(params.vectors, seed=params.seed)
        vectors = text_vectors(prepared, vector_params, dense_rows)
        lap("vectors")
        if not ids:
            return ThemeRun(params, params.seed, 0, "empty input", (), (), (), (), (), None,
                            False, timings)
        distinct = _count_distinct(vectors)
        # Grouping (k, the consensus votes, stability) on neighbour-smoothed vectors; each need
        # settles, and its fit to its theme (centres, the "inne" cut) is judged, on its own.
        grouping = grouping_vectors(vectors, vector_params)
        lap("neighbours")
        if params.k is not None:
            k = min(params.k, distinct)
            method = f"k = {k}: liczba tematów podana przy uruchomieniu"
        else:
            k, method = choose_k(grouping, params, distinct)
        lap("choose_k")
        voted_k = k
        found = consensus_partition(grouping, k, params.seed, params, settle_on=vectors)
        labels = found.labels
        centres = member_centres(vectors, labels)
        agreement_of = dict(enumerate(found.agreement))
        if params.k is None and params.min_theme_size > 1:
            before = labels
            labels, centres, folded = fold_small(vectors, labels, centres,
                                                  params.min_theme_size)
            if folded:
                agreement_of = carry_agreement(before, labels, found.agreement)
                method += (f"; {folded} temat(y) poniżej {params.min_theme_size} potrzeb "
                           f"dołączono do najbliższych")
        k = len(set(labels.tolist()))
        similarities = np.einsum("ij,ij->i", vectors, centres[labels])
        assigned = np.where(similarities >= params.min_similarity, labels, UNASSIGNED)
        lap("cluster")
        whole = len(vectors) <= params.sample_size
        # The run's own partition of the sample is reused (its votes are the costliest step)
        # unless folding changed k, when the comparison is made with k groups, as before.
        base = found.labels if whole else found.sample_labels if k == voted_k else None
        agreement = stability(grouping, k, params, base, settle_on=vectors)
        lap("stability")
    themes = _name_themes(ids, texts, prepared, assigned, similarities, agreement_of, params)
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
    agreement: Mapping[int, float],
    params: ThemeParams,
) -> tuple[Theme, ...]:
    labels = assigned.tolist()
    terms = class_tfidf_terms(prepared, labels, params.top_terms * 3)
    order = sorted(set(labels), key=lambda t: (t == UNASSIGNED, t))
    # Phrases and names are counted on a deterministic sample of large inputs: a theme's
    # commonest phrases show as well in 20,000 texts as in 100,000, at a fifth of the cost.
    rows = sample_rows(len(texts), params.phrase_sample, params.seed)
    names = proper_lemmas([texts[r] for r in rows])
    keywords = {t: [w for w in ws if is_name_word(w) and w not in names]
                for t, ws in terms.items()}
    named = name_themes([texts[r] for r in rows], [labels[r] for r in rows],
                        [t for t in order if t != UNASSIGNED], params.n_phrases, keywords)
    themes = []
    sims = similarities.tolist()
    # Real themes first in id order, the "inne / nieprzypisane" group last.
    for theme_id in order:
        rows = np.flatnonzero(assigned == theme_id).tolist()
        typical = typical_members(rows, sims, texts, params.n_typical)
        top = tuple(keywords.get(theme_id, ()))[: params.top_terms]
        name, phrases = named.get(theme_id, ("", ()))
        if theme_id == UNASSIGNED:
            label = UNASSIGNED_LABEL
        else:
            label = _capitalised(name) if name else theme_label(top)
        far = farthest_members(rows, sims, texts, params.n_uncertain,
                               {r for r, _, _ in typical})
        themes.append(Theme(
            id=int(theme_id),
            label=label,
            size=len(rows),
            member_ids=tuple(ids[r] for r in rows),
            top_terms=top,
            typical=tuple(TypicalNeed(ids[r], text, round(s, 4)) for r, text, s in typical),
            cohesion=round(float(np.mean(similarities[rows])), 4),
            phrases=phrases,
            agreement=None if theme_id == UNASSIGNED else agreement.get(int(theme_id)),
            uncertain=() if theme_id == UNASSIGNED else tuple(
                TypicalNeed(ids[r], text, round(s, 4)) for r, text, s in far),
        ))
    return tuple(themes)


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


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
    centres = unit(np.vstack([old[old_labels == t].mean(axis=0) for t in theme_ids]))
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
