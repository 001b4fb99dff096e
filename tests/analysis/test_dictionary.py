"""simplemma's Polish dictionary through a block index kept on disk (`analysis.dictionary`)."""

from __future__ import annotations

import simplemma
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

from analysis.dictionary import IndexedDictionaryFactory

WORDS = {"lekarza": "lekarz", "dzieciom": "dziecko", "opieki": "opieka", "seniorzy": "senior"}


def _lemmas(factory: IndexedDictionaryFactory) -> dict[str, str]:
    words = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    return {w: words.lemmatize(w, lang="pl") for w in WORDS}


def test_a_second_process_reads_the_kept_index_instead_of_every_record(tmp_path, monkeypatch):
    first = _lemmas(IndexedDictionaryFactory(tmp_path))
    assert first == WORDS
    assert len(list(tmp_path.glob("simplemma-pl-*.index"))) == 1

    def no_pass(self, lang):
        raise AssertionError("the whole stream was read again")

    monkeypatch.setattr(StreamMap, "__init__", no_pass)
    assert _lemmas(IndexedDictionaryFactory(tmp_path)) == first


def test_an_unwritable_cache_folder_still_lemmatises(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert _lemmas(IndexedDictionaryFactory(blocked / "cache")) == WORDS


def test_unknown_and_known_words_are_told_apart(tmp_path):
    dictionary = IndexedDictionaryFactory(tmp_path).get_dictionary("pl")
    assert dictionary.get("lekarz") == "lekarz"
    assert dictionary.get("xyzqw") is None


def test_without_a_cache_folder_the_stream_is_read_and_nothing_is_written():
    assert _lemmas(IndexedDictionaryFactory(None)) == WORDS
