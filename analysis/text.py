"""Prepare Polish free text for analysis: normalise, mask personal data, lemmatise, drop stop-words.

Every text the analysis sees goes through `normalise` first, so a PESEL, a phone number or an
e-mail address never reaches a vector, a theme label or a quote shown to the manager.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files

import simplemma

from analysis.pii import mask_pii

LANG = "pl"
URL_PLACEHOLDER = "[URL]"
NUMBER_PLACEHOLDER = "[LICZBA]"

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Placeholders are matched as whole tokens so that "[TELEFON]" does not become the word "telefon".
_TOKEN = re.compile(r"\[[A-Z]+\]|[^\W\d_]+")
_SPACES = re.compile(r"\s+")
# Corrections to simplemma's Polish dictionary for need vocabulary, where it gives one word two
# lemmas ("seniorzy" -> "senior" but "seniorom" -> "seniora"). Keyed by simplemma's lemma, or
# by the word form when the lemma it gives is a different word ("zajęć" -> the verb "zająć").
LEMMA_FIXES: dict[str, str] = {
    "seniora": "senior",
    "starsza": "stary",
    "starszy": "stary",
    "chorej": "chory",
    "chora": "chory",
}
FORM_FIXES: dict[str, str] = {"zajęć": "zajęcie"}

#: Words on the vendored stop-word list that carry the meaning of a need and must stay.
NEED_WORDS: frozenset[str] = frozenset(
    {
        "brak",
        "bez",
        "pomoc",
        "samotna",
        "samotny",
        "sam",
        "sama",
        "starsza",
        "starszy",
        "stary",
        "opieka",
        "dowóz",
        "daleko",
        "mało",
        "nigdy",
        "potrzeba",
        "trzeba",
        "dzieci",
        "dziecko",
        "lat",
        "pani",
        "pan",
    }
)


def _load_stop_words() -> frozenset[str]:
    raw = files("analysis").joinpath("data/stopwords_pl.txt").read_text(encoding="utf-8")
    words = {line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words - NEED_WORDS)


#: Polish stop-words (stopwords-iso, MIT) less the need-bearing `NEED_WORDS`.
STOP_WORDS: frozenset[str] = _load_stop_words()


def is_stop_word(word: str) -> bool:
    """True when `word` (lower case) is dropped before analysis."""
    return word in STOP_WORDS


def normalise(text: str) -> str:
    """NFKC, lower case, URLs and numbers as placeholders, personal data masked."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _URL.sub(f" {URL_PLACEHOLDER} ", text)
    # PII before numbers: a PESEL or a phone number is itself made of digits. Text with neither
    # a digit nor an "@" cannot hold any, and skipping the detector halves the time on large runs.
    if "@" in text or _DIGIT.search(text):
        text = mask_pii(text)
    text = _NUMBER.sub(f" {NUMBER_PLACEHOLDER} ", text)
    return _SPACES.sub(" ", text).strip()


def display_text(text: str) -> str:
    """The text as a person wrote it (case kept), NFKC, with personal data masked: safe to show."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub(" ", mask_pii(text)).strip()


@lru_cache(maxsize=1)
def _lemmatizer() -> simplemma.Lemmatizer:
    # One instance holds simplemma's Polish dictionary for the life of the process.
    return simplemma.Lemmatizer()


def _is_own_lemma(word: str) -> bool:
    return simplemma.is_known(word, lang=LANG) and _lemmatizer().lemmatize(word, lang=LANG) == word


def _canonical(lemma: str) -> str:
    lemma = LEMMA_FIXES.get(lemma, lemma)
    # Feminine and neuter "-ny" adjectives sometimes come back as their own lemma
    # ("niepełnosprawna", "bezrobotna"); fold them into the masculine one when the dictionary
    # knows it. Nouns in -na are safe: their "-ny" form is a plural that lemmatises to the noun.
    if lemma.endswith(("na", "ne")) and len(lemma) > 4:
        masculine = lemma[:-1] + "y"
        if _is_own_lemma(masculine):
            return masculine
    return lemma


@lru_cache(maxsize=200_000)
def lemma(form: str) -> str:
    """The canonical lemma of one lower-case word form (cached: a corpus repeats its words)."""
    if form in FORM_FIXES:
        return FORM_FIXES[form]
    # simplemma capitalises proper names ("praga" -> "Praga"); keys stay lower case.
    return _canonical(_lemmatizer().lemmatize(form, lang=LANG).lower())


def tokens(text: str) -> list[str]:
    """The lemmas of `text` that carry meaning: placeholders and stop-words left out."""
    out: list[str] = []
    for form in _TOKEN.findall(normalise(text)):
        if form.startswith("[") or len(form) < 2 or form in STOP_WORDS:
            continue
        lem = lemma(form)
        if lem in STOP_WORDS and lem not in NEED_WORDS:
            continue
        out.append(lem)
    return out


def prepare(texts: Iterable[str]) -> list[list[str]]:
    """`tokens` for every text, in order."""
    return [tokens(t) for t in texts]
