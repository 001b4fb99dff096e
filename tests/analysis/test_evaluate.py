"""Scores against known labels: NMI, ARI, Hungarian-matched accuracy over seeds."""

import pytest

from analysis.evaluate import evaluate_pipeline, hungarian_accuracy, score_partition

from .corpora import labelled_items


def test_matched_accuracy_ignores_cluster_numbering():
    assert hungarian_accuracy(["a", "a", "b", "b"], [7, 7, 3, 3]) == 1.0


def test_matched_accuracy_counts_the_best_one_to_one_match():
    assert hungarian_accuracy(["a", "a", "a", "b"], [0, 0, 1, 1]) == pytest.approx(0.75)


def test_perfect_partition_scores_one_everywhere():
    scores = score_partition(["x", "y", "x", "y"], [1, 0, 1, 0])
    assert (scores.nmi, scores.ari, scores.accuracy) == pytest.approx((1.0, 1.0, 1.0))


def test_pipeline_evaluation_reports_five_seeds_on_the_toy_corpus():
    items, truth = labelled_items()
    result = evaluate_pipeline([t for _, t in items], [truth[i] for i, _ in items])
    assert len(result.per_seed) == 5 and result.k == 4
    assert result.mean.nmi == pytest.approx(1.0)
    assert result.sd.nmi == pytest.approx(0.0)
