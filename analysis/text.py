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

from analysis.dictionary import lemmatizer
from analysis.pii import mask_pii

LANG = "pl"
URL_PLACEHOLDER = "[URL]"
NUMBER_PLACEHOLDER = "[LICZBA]"

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Placeholders are matched as whole tokens so that "[TELEFON]" does not become the word "telefon";
# in any case: stored text is masked at ingestion, then lower-cased here ("[pesel]").
_TOKEN = re.compile(r"\[[^\W\d_]+\]|[^\W\d_]+")
#: Words that only announce an identifier ("PESEL [PESEL]"): never a theme word.
IDENTIFIER_WORDS: frozenset[str] = frozenset({"pesel", "nip", "regon", "email", "mail"})
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
# "wiedzą" is far more often "they know" ("ludzie nie wiedzą, gdzie…") than "with knowledge",
# and as the noun it would name a theme of people who do not know something.
FORM_FIXES: dict[str, str] = {"zajęć": "zajęcie", "samotni": "samotny", "wiedzą": "wiedzieć"}

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


#: Function words the vendored list lacks, matched as forms and as lemmas so that every inflected
#: form goes: simplemma gives "chciałabym" and "chcemy" the lemma "chcieć", while the list holds
#: only some forms ("mam" but not "miałam"). Only words that frame a need, never name one: auxiliary
#: and modal verbs ("potrzebuję opieki" keeps "opieka", "chciałabym pomocy" keeps "pomoc"),
#: particles fused with person endings, which simplemma leaves as they are ("żebym", "byśmy"),
#: intensifiers, the reflexive possessive "swój" and the "proszę o …" of a request. Need-bearing
#: words (`NEED_WORDS`, e.g. "trzeba", "potrzeba", "sama") are never on it.
FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        # auxiliary and copular verbs
        "być",
        "bywać",
        "zostać",
        "zostawać",
        "mieć",
        # modal verbs
        "móc",
        "musieć",
        "chcieć",
        "powinien",
        # "żeby", "aby", "by", "gdyby", "jakby" with person endings
        "żebym",
        "żebyś",
        "żebyśmy",
        "żebyście",
        "abym",
        "abyś",
        "abyśmy",
        "abyście",
        "bym",
        "byś",
        "byśmy",
        "byście",
        "gdybym",
        "gdybyś",
        "gdybyśmy",
        "gdybyście",
        "jakbym",
        "jakbyś",
        "jakbyśmy",
        # intensifiers and hedges
        "bardzo",
        "naprawdę",
        "chyba",
        "raczej",
        "właściwie",
        "prostu",  # "po prostu"; a form only: its lemma "prosty" ("prosty przepis") can name a need
        # discourse markers of spoken answers ("szczerze mówiąc", "mówiąc wprost", "niestety"):
        # they frame how a need is told, never what it is
        "szczerze",
        "wprost",
        "wcale",
        "ciągle",
        "chętnie",
        "chociaż",
        "niestety",
        "akurat",
        "zresztą",
        "wreszcie",
        "ogólnie",
        # the reflexive possessive pronoun
        "swój",
        # the frame of a request
        "prosić",
    }
)


def _load_stop_words() -> frozenset[str]:
    raw = files("analysis").joinpath("data/stopwords_pl.txt").read_text(encoding="utf-8")
    words = {line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words - NEED_WORDS)


#: Polish stop-words (stopwords-iso, MIT) less the need-bearing `NEED_WORDS`.
STOP_WORDS: frozenset[str] = _load_stop_words()


def is_stop_word(word: str) -> bool:
    """True when `word` (lower case) is dropped before analysis: a stop- or function word as a
    form or by its lemma (placeholders and one-letter words are dropped too)."""
    return _kept_lemma(word) is None


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


def _is_own_lemma(word: str) -> bool:
    # `simplemma.is_known` would decode simplemma's whole dictionary: the indexed one is asked.
    words, lookup = lemmatizer()
    word = unicodedata.normalize("NFC", word)
    return lookup.get_lemma(word, LANG) is not None and words.lemmatize(word, lang=LANG) == word


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
    return _canonical(lemmatizer()[0].lemmatize(form, lang=LANG).lower())


@lru_cache(maxsize=200_000)
def _kept_lemma(form: str) -> str | None:
    # One decision per distinct word form: a corpus of 100,000 needs has far fewer forms.
    if (
        form.startswith("[")
        or len(form) < 2
        or form in STOP_WORDS
        or form in FUNCTION_WORDS
        or form in IDENTIFIER_WORDS
    ):
        return None
    lem = lemma(form)
    if (lem in STOP_WORDS or lem in FUNCTION_WORDS) and lem not in NEED_WORDS:
        return None
    return lem


def tokens(text: str) -> list[str]:
    """The lemmas of `text` that carry meaning: placeholders, stop-words and function words out."""
    return [lem for lem in map(_kept_lemma, _TOKEN.findall(normalise(text))) if lem is not None]


def prepare(texts: Iterable[str]) -> list[list[str]]:
    """`tokens` for every text, in order; a text repeated word for word is prepared once."""
    seen: dict[str, list[str]] = {}
    out: list[list[str]] = []
    for text in texts:
        done = seen.get(text)
        if done is None:
            done = seen[text] = tokens(text)
        out.append(list(done))
    return out
