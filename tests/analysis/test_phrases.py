"""Theme names: Polish phrases from the theme's own texts, never filler, placeholders or PII."""

import re

import pytest

from analysis.phrases import (
    CONNECTORS,
    FILLER_WORDS,
    PLACEHOLDER_WORDS,
    RELATION_WORDS,
    name_themes,
    proper_lemmas,
    theme_phrases,
)
from analysis.text import is_stop_word, lemma
from analysis.themes import UNASSIGNED, ThemeParams, cluster_needs

from .corpora import labelled_items

RESPITE = [
    "W tym roku sprawa jest prosta: potrzebna opieka wytchnieniowa dla mamy.",
    "Od roku prosimy o opiekę wytchnieniową, bo sama opiekuję się synem.",
    "Sprawa opieki wytchnieniowej w gminie ciągle czeka, a córka nie wstaje z łóżka.",
    "Opieka wytchnieniowa choć raz w miesiącu, żebym mogła odpocząć.",
]
DOCTOR = [
    "Potrzebny dowóz do lekarza, autobus jeździ raz dziennie.",
    "Dowóz do lekarza w mieście dla sąsiada bez samochodu.",
    "Brakuje dowozu do lekarza specjalisty.",
    "Nie ma jak dojechać, przydałby się dowóz do lekarza z gminy.",
]


def named(groups: list[list[str]]) -> dict[int, tuple[str, tuple[str, ...]]]:
    texts = [t for g in groups for t in g]
    labels = [i for i, g in enumerate(groups) for _ in g]
    return name_themes(texts, labels, list(range(len(groups))))


def words_of(name: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name.lower())


def test_a_theme_is_named_by_its_distinctive_noun_phrase():
    names = named([RESPITE, DOCTOR])
    assert names[0][0] == "opieka wytchnieniowa"
    assert names[1][0] == "dowóz do lekarza"


def test_a_name_never_starts_or_ends_with_filler_function_word_or_relation():
    for name, phrases in named([RESPITE, DOCTOR]).values():
        for phrase in (name, *phrases):
            first, last = words_of(phrase)[0], words_of(phrase)[-1]
            for word in (first, last):
                assert not is_stop_word(word) and word not in CONNECTORS
                assert lemma(word) not in FILLER_WORDS | RELATION_WORDS
            # inside a phrase only prepositions may be function words
            assert all(not is_stop_word(w) or w in CONNECTORS for w in words_of(phrase))


def test_names_are_phrases_found_in_the_theme_own_texts():
    items, _ = labelled_items()
    run = cluster_needs(items, ThemeParams(k=4))
    text_of = dict(items)
    for theme in run.themes:
        if theme.id == UNASSIGNED:
            continue
        members = [text_of[i].casefold() for i in theme.member_ids]
        for phrase in (theme.label, *theme.phrases):
            assert any(phrase.casefold() in text for text in members), phrase
        assert ", " not in theme.label  # a phrase, not a list of keywords


def test_names_hold_no_stop_word_function_word_or_placeholder():
    items, _ = labelled_items()
    run = cluster_needs(items, ThemeParams(k=4))
    for theme in run.themes:
        if theme.id == UNASSIGNED:
            continue
        words = words_of(theme.label)
        assert not is_stop_word(words[0]) and not is_stop_word(words[-1])
        assert all(not is_stop_word(w) or w in CONNECTORS for w in words), theme.label
        assert "[" not in theme.label
        assert not set(words) & PLACEHOLDER_WORDS


def test_the_dictionary_form_is_shown_when_the_texts_use_it():
    phrases = theme_phrases(RESPITE, [0] * len(RESPITE))[0]
    best = next(p for p in phrases if len(p.key) == 2 and p.key[0] == "opieka")
    # written "opieki wytchnieniowej" and "opiekę wytchnieniową" too, shown as "opieka …"
    assert best.text == "opieka wytchnieniowa" and best.support >= 3


def test_a_form_written_where_nothing_governs_its_case_wins_over_a_more_frequent_one():
    # "brakuje zajęć", "ani zajęć": genitive; "Zajęcia …" opening a sentence: nominative.
    texts = ["Brakuje zajęć.", "Nie ma tu zajęć.", "Ani kina, ani zajęć.",
             "Zajęcia dla dzieci po szkole.", "Potrzebne zajęcia dla dzieci."]
    phrases = theme_phrases(texts, [0] * len(texts))[0]
    assert next(p for p in phrases if p.key == ("zajęcie",)).text == "zajęcia"


def test_a_form_after_an_adjective_wins_over_one_after_a_verb():
    texts = ["Starsi potrzebują obiadów z dowozem.", "Samotni chcą obiadów z dowozem.",
             "Chcemy obiadów z dowozem.", "Ciepłe obiady z dowozem raz dziennie."]
    phrases = theme_phrases(texts, [0] * len(texts))[0]
    assert next(p for p in phrases if p.key[0] == "obiad" and len(p.key) == 3).text \
        == "obiady z dowozem"


def test_a_capitalised_name_inside_a_sentence_is_never_part_of_a_theme_name():
    texts = [f"Pani Kowalska z Zalesia potrzebuje opieki wytchnieniowej, mówi {i}."
             for i in range(4)]
    name, phrases = named([texts, DOCTOR])[0]
    assert "kowalsk" not in name.lower() and "zalesi" not in name.lower()
    assert all("kowalsk" not in p.lower() for p in phrases)
    assert {"kowalski", "zalesie"} & proper_lemmas(texts) or "kowalska" in proper_lemmas(texts)


def test_two_themes_never_get_the_same_name():
    names = named([DOCTOR[:2], DOCTOR[2:]])
    assert names[0][0] != names[1][0]


@pytest.mark.parametrize("secret", ["44051401359", "601 234 567", "anna.nowak@example.pl"])
def test_planted_personal_data_never_reaches_a_name_keyword_or_quoted_need(secret):
    items, _ = labelled_items()
    # The same detail in every text of a theme would be its most distinctive phrase, were it
    # not masked; "PESEL", "tel." and "e-mail" as words must not name it either.
    items = [(i, f"{t} PESEL {secret}, tel. {secret}, e-mail {secret}")
             if i.startswith("remont") else (i, t) for i, t in items]
    run = cluster_needs(items, ThemeParams(k=4, n_typical=5))
    shown = []
    for theme in run.themes:
        shown += [theme.label, *theme.phrases, *theme.top_terms]
        shown += [q.text for q in (*theme.typical, *theme.uncertain)]
    digits = re.sub(r"\D", "", secret)
    for text in shown:
        assert secret not in text and (not digits or digits not in re.sub(r"\D", "", text))
    names = " ".join(t.label + " " + " ".join(t.phrases) for t in run.themes).lower()
    assert not set(words_of(names)) & PLACEHOLDER_WORDS
