"""Service-area suggester: lexicon before any labels, classifier once people set areas."""

from analysis.areas import AreaSuggester, dominant_area, suggest_areas
from analysis.lexicon import AREA_WORDS, area_lexicon
from forms.vocabulary import AREAS_BY_KEY

from .corpora import GROUPS

LEXICON_EXPECTED = {
    "seniorzy": "pomoc_spoleczna",
    "zajecia": "edukacja",
    "dowoz": "zdrowie",
    "remont": "mieszkalnictwo",
}


def test_lexicon_covers_every_area_and_both_flags():
    assert set(AREA_WORDS) == set(AREAS_BY_KEY)
    assert all(area_lexicon()[key] for key in AREA_WORDS)


def test_lexicon_alone_suggests_the_statutory_area():
    for group, texts in GROUPS.items():
        suggestions = suggest_areas(texts)
        assert {s.area for s in suggestions} == {LEXICON_EXPECTED[group]}, group
        assert all(s.source == "lexicon" for s in suggestions)


def test_confidence_is_between_zero_and_one():
    suggestions = suggest_areas([t for texts in GROUPS.values() for t in texts])
    assert all(0.0 <= s.confidence <= 1.0 for s in suggestions)


def test_a_need_with_no_known_word_gets_no_area():
    [suggestion] = suggest_areas(["qwerty asdfgh"])
    assert suggestion.area is None and suggestion.confidence == 0.0


def test_classifier_learns_the_areas_people_set():
    # People filed transport to the doctor under disability support, not health.
    decided = {**LEXICON_EXPECTED, "dowoz": "niepelnosprawnosc"}
    train = [(t, decided[g]) for g, texts in GROUPS.items() for t in texts[:4]]
    held_out = [(texts[4], decided[g]) for g, texts in GROUPS.items()]
    suggester = AreaSuggester(prior_strength=1.0).fit(*zip(*train, strict=True))
    suggestions = suggester.suggest([t for t, _ in held_out])
    assert [s.area for s in suggestions] == [a for _, a in held_out]
    assert all(s.source == "blend" for s in suggestions)


def test_with_too_few_labels_the_lexicon_still_answers():
    suggester = AreaSuggester(min_labelled=10).fit(["remont dachu"], ["mieszkalnictwo"])
    [suggestion] = suggester.suggest(["Potrzebny remont mieszkania"])
    assert suggestion.area == "mieszkalnictwo" and suggestion.source == "lexicon"


def test_same_labels_give_the_same_suggestions():
    train = [(t, LEXICON_EXPECTED[g]) for g, texts in GROUPS.items() for t in texts]
    texts = [t for t, _ in train]
    assert suggest_areas(texts, train) == suggest_areas(texts, train)


def test_a_theme_gets_the_dominant_area_of_its_needs():
    area, share = dominant_area(["zdrowie", "zdrowie", "niepelnosprawnosc", None])
    assert area == "zdrowie" and share == 0.5


def test_a_theme_without_areas_has_no_dominant_area():
    assert dominant_area([None, None]) == (None, 0.0)
