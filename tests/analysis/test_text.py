"""Polish text preparation: lemmas, stop-words, placeholders, personal data."""

from importlib.resources import files

import pytest

from analysis.text import (
    FUNCTION_WORDS,
    NEED_WORDS,
    is_stop_word,
    lemma,
    normalise,
    prepare,
    tokens,
)


def test_inflected_forms_of_senior_share_one_lemma():
    assert {lemma(form) for form in ("seniorów", "seniorzy", "seniorom", "seniorami")} == {
        "senior"
    }


def test_they_know_is_the_verb_not_the_noun_knowledge():
    assert "wiedza" not in tokens("Starsi nie wiedzą, gdzie szukać pomocy")
    assert "wiedza" in tokens("Brakuje wiedzy o zdrowym odżywianiu")


def test_feminine_adjectives_fold_into_the_masculine_lemma():
    assert lemma("niepełnosprawna") == lemma("niepełnosprawnych") == "niepełnosprawny"


@pytest.mark.parametrize("word", ["brak", "pomoc", "samotna", "starsza", "opieka", "dowóz"])
def test_need_bearing_words_are_not_stop_words(word):
    assert not is_stop_word(word)
    assert tokens(word) == [lemma(word)]


def test_words_on_the_vendored_list_that_carry_need_meaning_are_kept():
    assert {"sama", "bez", "daleko"} <= NEED_WORDS
    assert "sam" in tokens("Mieszka sama, bez rodziny, daleko do sklepu")


def test_function_words_are_dropped():
    assert tokens("i w na jest oraz że") == []


@pytest.mark.parametrize(
    "form", ["chciałabym", "chcemy", "mogła", "mogliby", "muszę", "miałam", "została", "żebym",
             "żebyśmy", "byśmy", "bardzo", "swoich", "proszę"],
)
def test_modal_verbs_auxiliaries_and_particles_are_dropped_in_every_form(form):
    assert is_stop_word(form)
    assert tokens(form) == []


def test_a_need_framed_by_function_words_keeps_only_what_it_is_about():
    text = "Chciałabym, żebyśmy mogli po prostu dostać pomoc, bo muszę mieć opiekę. Bardzo proszę!"
    assert tokens(text) == ["dostać", "pomoc", "opieka"]
    assert tokens("Mama została sama, musi mieć dowóz do lekarza") == [
        "mama", "sam", "dowóz", "lekarz"]


def test_function_words_never_include_a_need_word():
    assert FUNCTION_WORDS.isdisjoint(NEED_WORDS)
    need_lemmas = {lemma(w) for w in ("brak", "pomoc", "samotna", "starsza", "opieka", "dowóz")}
    assert need_lemmas.isdisjoint(FUNCTION_WORDS)


def test_a_repeated_text_is_prepared_once_but_returned_as_its_own_list():
    first, second = prepare(["Brak opieki dla seniora", "Brak opieki dla seniora"])
    assert first == second == ["brak", "opieka", "senior"]
    first.append("zmiana")
    assert second == ["brak", "opieka", "senior"]


def test_stop_word_file_names_its_source_and_licence():
    header = files("analysis").joinpath("data/stopwords_pl.txt").read_text(encoding="utf-8")
    assert "stopwords-iso" in header and "MIT" in header


def test_pesel_phone_and_email_are_masked_before_analysis():
    text = "Pan Jan, PESEL 44051401359, tel. 601 234 567, jan.k@example.pl"
    cleaned = normalise(text)
    assert "44051401359" not in cleaned and "601 234 567" not in cleaned
    assert "example" not in cleaned
    assert {"[PESEL]", "[TELEFON]", "[EMAIL]"} <= set(cleaned.replace(",", " ").split())


def test_urls_and_numbers_become_placeholders():
    cleaned = normalise("Zobacz https://gmina.pl/ops?x=1 — 3 razy w tygodniu, 12,5 zł")
    assert "[URL]" in cleaned and "gmina.pl" not in cleaned
    assert cleaned.count("[LICZBA]") == 2


def test_placeholders_never_become_lemmas():
    assert tokens("dzwonić 601 234 567") == ["dzwonić"]
    assert "telefon" not in tokens("numer 601-234-567")


def test_text_is_lower_cased_and_nfkc_normalised():
    assert normalise("ＳＥＮＩＯＲ ﬁlm") == "senior film"


def test_placeholders_stored_at_ingestion_never_become_words():
    stored = "Dzwonić [TELEFON], PESEL [PESEL], [ADRES], konto [KONTO], [EMAIL]: zakupy"
    assert tokens(stored) == ["dzwonić", "konto", "zakupy"]
