"""Grouping vectors: each need pulled towards its nearest neighbours; fit judged on its own."""

import numpy as np

from analysis.neighbours import largest_columns, member_centres, neighbour_smoothed
from analysis.partition import unit
from analysis.text import prepare
from analysis.themes import UNASSIGNED, ThemeParams, cluster_needs
from analysis.vectors import VectorParams, text_vectors

from .corpora import labelled_items


def noisy_groups(per_group=60, dims=50, noise=1.6, seed=0):
    """Three groups whose members' own noise is larger than the gaps between the groups."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((3, dims))
    truth = np.repeat(np.arange(3), per_group)
    points = centres[truth] + noise * rng.standard_normal((len(truth), dims))
    return unit(points.astype(np.float32)), truth


def test_a_vector_moves_halfway_to_the_mean_of_its_nearest_others():
    a, b, far = [1.0, 0.0], [0.8, 0.6], [-1.0, 0.0]
    vectors = unit(np.array([a, a, b, far], dtype=np.float32))
    smoothed = neighbour_smoothed(vectors, neighbours=1, weight=0.5, sample=10, seed=0)
    # Row 0's nearest other row is its twin (row 1), never itself; row 2's is row 0 or 1.
    assert np.allclose(smoothed[0], vectors[0], atol=1e-6)
    assert np.allclose(smoothed[2], unit(0.5 * vectors[2:3] + 0.5 * vectors[0:1])[0], atol=1e-6)
    assert np.allclose(np.linalg.norm(smoothed, axis=1), 1.0, atol=1e-5)


def test_smoothing_off_or_too_few_needs_leaves_vectors_as_they_are():
    vectors, _ = noisy_groups(per_group=5)
    assert neighbour_smoothed(vectors, 0, 0.5, 100, 0) is vectors
    pair = vectors[:2]
    assert neighbour_smoothed(pair, 10, 0.5, 100, 0) is pair


def test_neighbours_from_a_sample_are_deterministic_and_cover_every_need():
    vectors, _ = noisy_groups()
    first = neighbour_smoothed(vectors, 10, 0.5, sample=50, seed=4)
    assert first.shape == vectors.shape and first.dtype == vectors.dtype
    assert np.array_equal(first, neighbour_smoothed(vectors, 10, 0.5, sample=50, seed=4))


def margin(vectors, truth):
    """Mean cosine within groups minus mean cosine across groups."""
    cos = vectors @ vectors.T
    same = truth[:, None] == truth[None, :]
    np.fill_diagonal(same, False)
    return cos[same].mean() - cos[truth[:, None] != truth[None, :]].mean()


def test_smoothing_widens_the_gap_between_groups_relative_to_their_spread():
    vectors, truth = noisy_groups()
    smoothed = neighbour_smoothed(vectors, 10, 0.5, sample=5000, seed=0)
    assert margin(smoothed, truth) > 1.5 * margin(vectors, truth)


def test_a_needs_fit_to_its_theme_is_measured_on_its_own_vector():
    items, _ = labelled_items()
    run = cluster_needs(items, ThemeParams(seed=0))
    own = text_vectors(prepare([t for _, t in items]), VectorParams(seed=0))
    centres = member_centres(own, np.array(run.nearest))
    expected = np.einsum("ij,ij->i", own, centres[np.array(run.nearest)])
    assert np.allclose(run.similarities, expected, atol=1e-5)
    below = expected < ThemeParams.min_similarity
    assert all((a == UNASSIGNED) == b for a, b in zip(run.assignments, below, strict=True))


def test_the_largest_columns_are_those_a_full_sort_finds():
    rng = np.random.default_rng(3)
    for rows, columns, k in ((50, 5000, 10), (40, 4321, 10), (30, 60, 10), (20, 100, 3)):
        values = rng.standard_normal((rows, columns)).astype(np.float32)
        values[np.arange(rows), rng.integers(0, columns, rows)] = -np.inf  # a row's own
        found = np.sort(largest_columns(values, k), axis=1)
        expected = np.sort(np.argsort(-values, axis=1, kind="stable")[:, :k], axis=1)
        assert np.array_equal(found, expected), (rows, columns, k)
