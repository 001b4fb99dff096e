"""Themes: obvious groups recovered, determinism, unassigned needs kept, PII-free names."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score
from threadpoolctl import threadpool_limits

from analysis.continuity import map_onto_previous, members_by_theme
from analysis.naming import class_tfidf_terms, farthest_members
from analysis.neighbours import grouping_vectors
from analysis.partition import consensus, fold_small
from analysis.text import FUNCTION_WORDS, prepare
from analysis.themes import (
    UNASSIGNED,
    UNASSIGNED_LABEL,
    ThemeParams,
    _count_distinct,
    assign_new,
    cluster_needs,
    k_range,
    split_theme,
    stability,
)
from analysis.vectors import VectorParams, text_vectors

from .corpora import DOCTOR_TRANSPORT, HOUSING_REPAIR, SENIOR_CARE, labelled_items


def partition(run, truth):
    """The run's grouping as a set of sets of true group names: label order does not matter."""
    groups = {}
    for need_id, theme in run.theme_of().items():
        groups.setdefault(theme, []).append(truth[need_id])
    return sorted(sorted(g) for g in groups.values())


def expected(truth):
    by_group = {}
    for group in truth.values():
        by_group.setdefault(group, []).append(group)
    return sorted(by_group.values())


def test_obvious_groups_are_recovered_up_to_label_order():
    items, truth = labelled_items()
    run = cluster_needs(items, ThemeParams(k=4))
    assert partition(run, truth) == expected(truth)


def test_default_k_finds_the_four_groups():
    items, truth = labelled_items()
    run = cluster_needs(items)
    assert run.k == 4 and "silhouette" in run.k_method
    assert partition(run, truth) == expected(truth)


def test_same_input_and_seed_give_an_identical_run():
    items, _ = labelled_items()
    first = cluster_needs(items, ThemeParams(seed=3))
    second = cluster_needs(items, ThemeParams(seed=3))
    assert first.assignments == second.assignments
    assert first.similarities == second.similarities
    assert first.themes == second.themes  # names, phrases, members, typical, agreement
    assert first.stability == second.stability and first.k_method == second.k_method


def test_inflected_forms_land_in_one_theme():
    seniors = ["seniorzy potrzebują opieki", "brak opieki dla seniorów", "seniorom brakuje opieką",
               "opieka nad seniorami"]
    repairs = ["remont mieszkania", "mieszkanie do remontu", "remontem mieszkań",
               "w mieszkaniu potrzebny remont"]
    items = [(f"s{i}", t) for i, t in enumerate(seniors)] + [(f"r{i}", t) for i, t in
                                                            enumerate(repairs)]
    theme = cluster_needs(items, ThemeParams(k=2)).theme_of()
    assert len({theme[f"s{i}"] for i in range(4)}) == 1
    assert len({theme[f"r{i}"] for i in range(4)}) == 1
    assert theme["s0"] != theme["r0"]


def test_personal_data_never_appears_in_labels_terms_or_typical_needs():
    secrets = ["44051401359", "601 234 567", "601234567", "anna.nowak@example.pl"]
    items, _ = labelled_items()
    items = [(i, f"{t} Kontakt: PESEL 44051401359, tel. 601 234 567, anna.nowak@example.pl")
             for i, t in items]
    run = cluster_needs(items, ThemeParams(k=4, n_typical=5))
    shown = [t.label for t in run.themes] + [w for t in run.themes for w in t.top_terms]
    shown += [q.text for t in run.themes for q in t.typical]
    assert not [s for s in secrets for text in shown if s in text]
    assert any("[TELEFON]" in q.text for t in run.themes for q in t.typical)


def test_needs_that_fit_no_theme_are_unassigned_not_dropped():
    items, _ = labelled_items()
    items = items + [("puste", ""), ("liczby", "123 456"), ("obce", "qwerty zxcvb asdfg")]
    run = cluster_needs(items, ThemeParams(k=4, min_similarity=0.3))
    assert set(run.ids) == {i for i, _ in items}
    assert run.theme_of()["puste"] == UNASSIGNED
    unassigned = [t for t in run.themes if t.id == UNASSIGNED]
    assert unassigned and unassigned[0].label == UNASSIGNED_LABEL
    assert "puste" in unassigned[0].member_ids
    assert sum(t.size for t in run.themes) == len(items)


def test_themes_are_numbered_from_the_largest():
    items, _ = labelled_items()
    items = items + [(f"x{i}", t) for i, t in enumerate(SENIOR_CARE)]
    run = cluster_needs(items, ThemeParams(k=4))
    sizes = [t.size for t in run.themes if t.id != UNASSIGNED]
    assert [t.id for t in run.themes if t.id != UNASSIGNED] == [0, 1, 2, 3]
    assert sizes == sorted(sizes, reverse=True)


def test_every_run_reports_stability_and_timings():
    items, _ = labelled_items()
    run = cluster_needs(items, ThemeParams(k=4))
    assert run.stability == pytest.approx(1.0)
    assert {"prepare", "vectors", "cluster", "naming", "total"} <= set(run.timings)


def test_themes_have_three_to_five_typical_needs_and_top_terms():
    items, _ = labelled_items()
    run = cluster_needs(items, ThemeParams(k=4))
    remont = next(t for t in run.themes if {"remont", "dach"} & set(t.top_terms[:3]))
    assert 3 <= len(remont.typical) <= 5
    assert all(q.id.startswith("remont") for q in remont.typical)


def test_empty_input_gives_an_empty_run():
    run = cluster_needs([])
    assert run.themes == () and run.assignments == ()


def test_needs_synced_after_a_run_join_the_nearest_theme():
    items, truth = labelled_items()
    run = cluster_needs(items, ThemeParams(k=4))
    existing = [(text, run.theme_of()[i]) for i, text in items]
    new = assign_new(existing, ["Dach przecieka, mieszkanie do remontu.", "zzz qqq"])
    remont_theme = run.theme_of()["remont-0"]
    assert new[0].theme == remont_theme
    assert new[1].theme == UNASSIGNED


def test_split_separates_a_theme_made_of_two_groups():
    items = [(f"d{i}", t) for i, t in enumerate(DOCTOR_TRANSPORT)]
    items += [(f"h{i}", t) for i, t in enumerate(HOUSING_REPAIR)]
    run = split_theme(items, k=2)
    theme = run.theme_of()
    assert len({theme[f"d{i}"] for i in range(5)}) == 1
    assert len({theme[f"h{i}"] for i in range(5)}) == 1
    assert theme["d0"] != theme["h0"]


def test_a_rerun_maps_onto_the_reviewed_themes_and_keeps_their_names():
    items, truth = labelled_items()
    first = cluster_needs(items, ThemeParams(k=4, seed=0))
    names = {t.id: f"nazwa menedżera {truth[t.member_ids[0]]}" for t in first.themes}
    more = items + [("nowa-1", "Seniorka potrzebuje opiekunki do pomocy w domu.")]
    second = cluster_needs(list(reversed(more)), ThemeParams(k=4, seed=7))
    mapping = map_onto_previous(members_by_theme(first), members_by_theme(second))
    assert len(mapping) == 4
    for theme in second.themes:
        kept = names[mapping[theme.id]]
        assert kept.endswith(truth[next(i for i in theme.member_ids if i in truth)])


def test_a_theme_that_changed_beyond_recognition_is_not_mapped():
    previous = {0: {"a", "b", "c", "d"}, 1: {"e", "f"}}
    current = {5: {"a", "b", "c"}, 6: {"x", "y", "z", "e"}}
    assert map_onto_previous(previous, current, min_jaccard=0.3) == {5: 0}


def test_dense_vectors_are_used_only_when_every_need_has_one():
    items, _ = labelled_items()
    dense = {need_id: [1.0, float(n % 3)] for n, (need_id, _) in enumerate(items)}
    assert cluster_needs(items, ThemeParams(k=4), dense=dense).used_dense
    del dense[items[0][0]]
    assert not cluster_needs(items, ThemeParams(k=4), dense=dense).used_dense


def test_theme_terms_leave_out_the_words_that_frame_a_need():
    items, truth = labelled_items()
    framed = [(i, f"Bardzo proszę, chciałabym żeby ktoś mógł pomóc. {t} Musimy mieć to.")
              for i, t in items]
    run = cluster_needs(framed, ThemeParams(k=4))
    assert partition(run, truth) == expected(truth)
    terms = {w for t in run.themes for w in t.top_terms}
    assert terms and not terms & FUNCTION_WORDS
    assert {"opieka", "remont", "lekarz"} <= terms


def test_class_tfidf_ranks_the_distinctive_lemmas_and_breaks_ties_alphabetically():
    prepared = [["dach", "remont"], ["remont", "okno"], ["senior", "opieka"], ["opieka"], []]
    terms = class_tfidf_terms(prepared, [0, 0, 1, 1, -1], top_n=2)
    assert terms[0] == ["remont", "dach"]
    assert terms[1] == ["opieka", "senior"]
    assert terms[-1] == []


def test_distinct_vectors_are_counted_like_numpy_unique():
    rows = np.array([[0.0, 1.0], [-0.0, 1.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    assert _count_distinct(rows) == len(np.unique(rows, axis=0)) == 2


def test_stability_is_the_mean_ari_between_the_seed_and_the_next_seeds_consensus():
    items, _ = labelled_items()
    params = ThemeParams(k=4, seed=2, stability_runs=2)
    run = cluster_needs(items, params)
    vectors = text_vectors(prepare([t for _, t in items]), VectorParams(seed=2))
    voting = grouping_vectors(vectors, VectorParams(seed=2))
    runs = params.runs_for(len(items))

    def partition(seed: int) -> np.ndarray:
        return consensus(voting, 4, seed, runs, params.sample_size, settle_on=vectors).labels

    base, others = partition(2), [partition(2 + i) for i in (1, 2)]
    expected = np.mean([adjusted_rand_score(base, other) for other in others])
    assert run.stability == round(float(expected), 4)


def test_a_need_settles_in_the_group_of_its_own_vector_not_of_the_votes():
    rng = np.random.default_rng(0)
    voting = np.vstack([[1.0, 0.0]] * 10 + [[0.0, 1.0]] * 10) + rng.normal(0, 0.05, (20, 2))
    voting /= np.linalg.norm(voting, axis=1, keepdims=True)
    own = voting.copy()
    own[0] = [0.05, 1.0]  # its neighbours say group A, its own text says group B
    settled = consensus(voting, 2, 0, 20, 100, settle_on=own)
    assert settled.labels[0] == settled.labels[15] != settled.labels[5]
    plain = consensus(voting, 2, 0, 20, 100).labels  # settled on the voting vectors
    assert plain[0] == plain[5] != plain[15]


def test_a_small_campaign_gets_more_consensus_runs_within_the_bounds():
    params = ThemeParams()
    assert params.runs_for(350) == 200  # 70,000 votes ÷ 350 needs
    assert params.runs_for(1000) == 70
    # Only a sample of 2,000 votes, so large inputs keep the minimum and cost no more.
    assert params.runs_for(100_000) == params.runs_for(2000) == 60
    assert params.runs_for(10) == 200


def test_the_reason_for_k_is_given_in_words():
    items, _ = labelled_items()
    assert cluster_needs(items).k_method.startswith("k = 4: najlepiej rozdzielone tematy")
    assert "podana" in cluster_needs(items, ThemeParams(k=3)).k_method


def test_k_range_gives_a_few_hundred_needs_six_to_fifteen_themes():
    assert k_range(300, 15, 6) == range(6, 16)
    assert k_range(20, 15, 6) == range(2, 5)  # √20: a tiny campaign keeps small k


def test_themes_under_five_needs_join_the_nearest_theme():
    vectors = np.array([[1, 0]] * 6 + [[0, 1]] * 6 + [[0.9, 0.44]] * 2, dtype=float)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.array([0] * 6 + [1] * 6 + [2] * 2)
    centres = np.array([[1, 0], [0, 1], [0.9, 0.44]], dtype=float)
    folded, kept, count = fold_small(vectors, labels, centres, 5)
    assert count == 1 and len(kept) == 2
    assert folded.tolist() == [0] * 6 + [1] * 6 + [0, 0]


def test_members_far_from_the_centre_are_marked_uncertain():
    sims = [0.9, 0.85, 0.88, 0.2, 0.87, 0.86]
    texts = [f"potrzeba {i}, tel. 601 234 567" for i in range(6)]
    far = farthest_members(range(6), sims, texts, n=5, shown={0})
    assert [row for row, _, _ in far] == [3]
    assert far[0][1] == "potrzeba 3, tel. [TELEFON]"  # masked, as every quote


def test_uncertain_needs_are_members_never_shown_as_typical():
    items, _ = labelled_items()
    run = cluster_needs(items, ThemeParams(k=4, n_typical=3))
    for theme in run.themes:
        uncertain = [q.id for q in theme.uncertain]
        assert set(uncertain) <= set(theme.member_ids)
        assert not set(uncertain) & {q.id for q in theme.typical}
        assert [q.similarity for q in theme.uncertain] == sorted(
            q.similarity for q in theme.uncertain)


def test_a_sampled_run_reports_the_stability_measured_from_scratch():
    # Above `sample_size` the votes are taken on a sample; the stability figure reuses the
    # run's own consensus of that sample and must equal the one computed from nothing.
    items, _ = labelled_items()
    params = ThemeParams(k=4, seed=1, sample_size=15, stability_runs=2)
    run = cluster_needs(items, params)
    vectors = text_vectors(prepare([t for _, t in items]), VectorParams(seed=1))
    with threadpool_limits(limits=1):
        voting = grouping_vectors(vectors, VectorParams(seed=1))
        expected = stability(voting, 4, params, settle_on=vectors)
    assert run.stability == expected is not None


def test_a_sampled_run_gives_every_need_a_theme_and_repeats_exactly():
    items, _ = labelled_items()
    params = ThemeParams(seed=5, sample_size=12)
    first, second = cluster_needs(items, params), cluster_needs(items, params)
    assert len(first.assignments) == len(items)
    assert all(a != UNASSIGNED for a in first.nearest)
    assert sorted(i for t in first.themes for i in t.member_ids) == sorted(i for i, _ in items)
    assert (first.assignments, first.themes, first.stability) == (
        second.assignments, second.themes, second.stability)
