"""Score a clustering against known labels: NMI, ARI and Hungarian-matched accuracy over seeds.

Used by `python -m analysis evaluate` and by the benchmark. The pipeline is scored on its hard
partition (every text to its nearest theme, before the "nieprzypisane" cut), which is what
published clustering scores (e.g. PL-MTEB) measure; the unassigned share is reported apart.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix
from threadpoolctl import threadpool_limits

from analysis.neighbours import grouping_vectors, member_centres
from analysis.text import prepare
from analysis.themes import ThemeParams, consensus_partition, fit_partition
from analysis.vectors import text_vectors

SEEDS: tuple[int, ...] = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class Scores:
    """Agreement of one partition with the labels."""

    nmi: float
    ari: float
    accuracy: float


@dataclass(frozen=True)
class Evaluation:
    """Scores over several seeds: mean, standard deviation and each seed's."""

    n: int
    k: int
    mean: Scores
    sd: Scores
    per_seed: tuple[Scores, ...]
    seconds: float
    unassigned_share: float | None = None  # pipeline only: share below min_similarity


def hungarian_accuracy(labels: Sequence[Hashable], clusters: Sequence[int]) -> float:
    """Share of texts whose cluster maps to their label under the best one-to-one matching."""
    table = contingency_matrix(labels, clusters)
    rows, cols = linear_sum_assignment(table, maximize=True)
    return float(table[rows, cols].sum() / len(labels))


def score_partition(labels: Sequence[Hashable], clusters: Sequence[int]) -> Scores:
    """NMI (arithmetic mean normalisation, scikit-learn's default), ARI, matched accuracy."""
    return Scores(
        nmi=float(normalized_mutual_info_score(labels, clusters)),
        ari=float(adjusted_rand_score(labels, clusters)),
        accuracy=hungarian_accuracy(labels, clusters),
    )


def _summarise(per_seed: list[Scores], n: int, k: int, seconds: float,
               unassigned: float | None = None) -> Evaluation:
    table = np.array([[s.nmi, s.ari, s.accuracy] for s in per_seed])
    mean, sd = table.mean(axis=0), table.std(axis=0)
    return Evaluation(n, k, Scores(*map(float, mean)), Scores(*map(float, sd)),
                      tuple(per_seed), round(seconds, 3), unassigned)


def evaluate_pipeline(
    texts: Sequence[str],
    labels: Sequence[Hashable],
    k: int | None = None,
    seeds: Sequence[int] = SEEDS,
    params: ThemeParams | None = None,
    dense: np.ndarray | None = None,
    method: str = "consensus",
) -> Evaluation:
    """Our pipeline (lemmas → TF-IDF → LSA → partition) scored over `seeds`; k defaults to
    #labels. `method` "consensus" is what a run uses; "kmeans" is one KMeans (best of n_init),
    the method before consensus (on vectors not smoothed by neighbours), kept for comparison."""
    params = params or ThemeParams()
    k = k or len(set(labels))
    start = time.perf_counter()
    # The vectors do not depend on the KMeans seed: build them once, as a run would.
    prepared = prepare(texts)
    per_seed, unassigned = [], []
    with threadpool_limits(limits=1):  # as `cluster_needs` runs
        vector_params = replace(params.vectors, seed=params.seed)
        vectors = text_vectors(prepared, vector_params, dense)
        grouping = None if method == "kmeans" else grouping_vectors(vectors, vector_params)
        for seed in seeds:
            if grouping is None:
                clusters, centres = fit_partition(vectors, k, seed, params)
            else:
                # As `cluster_needs`: votes on smoothed vectors, settled on their own.
                clusters = consensus_partition(grouping, k, seed, params,
                                               settle_on=vectors).labels
                centres = member_centres(vectors, clusters)
            sims = np.einsum("ij,ij->i", vectors, centres[clusters])
            unassigned.append(float(np.mean(sims < params.min_similarity)))
            per_seed.append(score_partition(labels, clusters))
    return _summarise(per_seed, len(texts), k, time.perf_counter() - start,
                      float(np.mean(unassigned)))


def evaluate_floor(
    texts: Sequence[str],
    labels: Sequence[Hashable],
    k: int | None = None,
    seeds: Sequence[int] = SEEDS,
    n_init: int = ThemeParams.n_init,
) -> Evaluation:
    """The floor to beat: TF-IDF on raw lower-cased words + KMeans, nothing Polish-aware."""
    k = k or len(set(labels))
    start = time.perf_counter()
    matrix = TfidfVectorizer().fit_transform(texts)
    per_seed = [
        score_partition(labels, KMeans(n_clusters=k, n_init=n_init, random_state=seed)
                        .fit_predict(matrix))
        for seed in seeds
    ]
    return _summarise(per_seed, len(texts), k, time.perf_counter() - start)
