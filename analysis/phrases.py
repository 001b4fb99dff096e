"""Name themes with a Polish phrase from their own texts, e.g. "opieka wytchnieniowa".

Candidates are the word n-grams (1–4 words) of each text, keyed by their lemmas so that
"dowozu do lekarza" and "dowóz do lekarza" count as one phrase. A candidate starts and ends
with a word that names something (a noun or an adjective, in practice) and may hold a
preposition inside ("zajęcia dla dzieci"). It never holds a placeholder of masked personal
data, a number, a capitalised name from the middle of a sentence, a verb, a function word or
a word that only frames a need ("rok", "sprawa", "potrzebny"), nor a family relation
("syn", "teściowa"), which says who the respondent is rather than what is needed.

Phrases are scored by class-based TF-IDF over the themes (as `naming.class_tfidf_terms`, but
counting each text once) and shown in a surface form the theme's texts use: the dictionary
form when they write it, else the form written where no word governs its case (at the start
of a sentence, after a comma, after "potrzebna"), so a theme reads "Zajęcia" rather than the
"zajęć" of "brakuje zajęć"; the most frequent form breaks ties.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from analysis.pii import PLACEHOLDERS, mask_pii
from analysis.text import _kept_lemma, lemma

MAX_WORDS = 4

#: Prepositions that may join the words of a phrase ("dowóz do lekarza"), never end one.
CONNECTORS: frozenset[str] = frozenset(
    {"dla", "do", "po", "w", "we", "z", "ze", "na", "od", "przy", "nad", "pod", "o", "u", "za",
     "bez"}
)

#: Lemmas that frame a need or fill a sentence but never name a theme: time words, generic
#: nouns and the adjectives of asking ("potrzebna opiekunka" is named "opiekunka").
FILLER_WORDS: frozenset[str] = frozenset(
    {"rok", "sprawa", "dzień", "raz", "czas", "rzecz", "miesiąc", "tydzień", "godzina",
     "człowiek", "osoba", "ludzie", "nikt", "nic", "coś", "ktoś", "wszystko", "problem",
     "potrzebny", "potrzebna", "przydatny", "konieczny", "dobry", "duży", "mały", "ważny",
     "jakiś", "inny", "każdy", "cały", "sposób", "strona", "miejsce", "rodzaj", "trochę",
     "dom", "gmina", "tu", "tam", "teraz", "dawno", "często", "rzadko", "nigdzie", "dużo",
     "daleko", "mało", "nigdy", "trzeba", "potrzeba", "sam", "sama", "lat", "pan", "pani"}
)

#: Generic nouns of asking: they may open a phrase ("pomoc w zakupach", "brak świetlicy") but
#: are never a name on their own.
GENERIC_HEADS: frozenset[str] = frozenset({"brak", "pomoc", "wsparcie", "potrzeba", "usługa"})

#: Family and neighbour relations: they tell who asked, not what is needed.
RELATION_WORDS: frozenset[str] = frozenset(
    {"syn", "córka", "mąż", "żona", "matka", "mama", "ojciec", "tata", "brat", "siostra",
     "babcia", "dziadek", "tato", "wnuk", "wnuczka", "teściowa", "teść", "sąsiad", "sąsiadka",
     "ciocia", "wujek", "szwagier", "szwagierka", "synowa", "zięć", "kuzyn", "kuzynka",
     "partner", "partnerka", "narzeczony", "narzeczona"}
)

#: The words behind the placeholders of masked personal data ("PESEL", "telefon", "e-mail").
PLACEHOLDER_WORDS: frozenset[str] = frozenset(
    p.strip("[]").lower() for p in PLACEHOLDERS.values()
) | {"mail", "e-mail", "tel", "nr", "numer", "adres", "ulica", "ul"}

# Words (letters and inner hyphens), placeholders of masked data, and everything else as a
# break: a phrase never runs across punctuation, a number or a masked detail.
_PIECE = re.compile(r"\[[A-Z]+\]|[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]|\d+")
_SENTENCE_END = frozenset(".!?…")

#: Predicative adjectives of asking: the noun after them is the subject, in the nominative
#: ("potrzebna opieka", "przydałby się asystent").
_ASKING = frozenset({"potrzebny", "przydatny", "konieczny", "niezbędny", "brakujący"})
_ASKING_FORMS = frozenset({"przydałby", "przydałaby", "przydałoby", "przydałyby", "się"})

#: How a phrase's first word was reached, best first: FREE (nothing governs its case: the
#: written form is the nominative), AGREED (after an adjective: the noun's case is unknown),
#: GOVERNED (after a verb, a preposition, a negation or a noun: genitive, accusative, …).
FREE, AGREED, GOVERNED = 2, 1, 0


@dataclass(frozen=True)
class Word:
    """One word of a text: how it was written (lower case), its lemma, and its role."""

    form: str
    lemma: str
    role: str  # "content" | "head" (opens a phrase only) | "connector" | "break"


@dataclass(frozen=True)
class Phrase:
    """A candidate name of a theme with its support in the theme and its c-TF-IDF score."""

    text: str  # the most frequent surface form, e.g. "dowozu do lekarza"
    key: tuple[str, ...]  # the lemmas
    support: int  # texts of the theme that contain it
    score: float


def is_verb(lem: str) -> bool:
    """Polish infinitives end in -ć (-c in "móc", "piec" the verb is rare in needs)."""
    return lem.endswith("ć") or lem in {"móc", "biec", "strzec", "wlec"}


def _nameable(lem: str) -> bool:
    return not (
        is_verb(lem) or lem in FILLER_WORDS or lem in RELATION_WORDS
        or lem in PLACEHOLDER_WORDS or len(lem) < 3
    )


def is_adjective(lem: str) -> bool:
    """Polish adjectives have lemmas in -y/-i ("darmowy", "polski"); nouns hardly ever do."""
    return lem.endswith(("y", "i"))


def is_name_word(lem: str) -> bool:
    """True when a lemma may stand alone in a theme's name or keywords."""
    return _nameable(lem) and lem not in GENERIC_HEADS


@lru_cache(maxsize=200_000)
def _word(form: str) -> Word:
    if form in CONNECTORS:
        return Word(form, form, "connector")
    kept = _kept_lemma(form)
    if kept in GENERIC_HEADS:
        return Word(form, kept, "head")
    if kept is None or not _nameable(kept):
        return Word(form, kept or lemma(form), "break")
    return Word(form, kept, "content")


def words(text: str) -> list[Word]:
    """The words of `text` with personal data masked, in order, each with its role."""
    text = mask_pii(unicodedata.normalize("NFKC", text or ""))
    out: list[Word] = []
    start_of_sentence = True
    for piece in _PIECE.findall(text):
        if not piece[0].isalpha():
            out.append(Word(piece, piece, "break"))
            start_of_sentence = start_of_sentence or piece in _SENTENCE_END
            continue
        # A capitalised word inside a sentence is a name (of a person, a street, a village):
        # never part of a theme's name. Upper-case acronyms ("DPS", "NFZ") are not names.
        proper = not start_of_sentence and piece[0].isupper() and not piece.isupper()
        start_of_sentence = False
        form = piece.lower()
        if proper:
            out.append(Word(form, form, "break"))
            continue
        word = _word(form)
        # Acronyms keep their capitals when shown ("rehabilitacja na NFZ").
        out.append(Word(piece, word.lemma, word.role) if piece.isupper() and len(piece) > 1
                   else word)
    return out


def _context(previous: Word | None) -> int:
    """FREE, AGREED or GOVERNED: what the word before a phrase says of the phrase's case."""
    if previous is None or not previous.form[0].isalpha():
        return FREE
    form = previous.form.lower()
    if previous.lemma in _ASKING or form in _ASKING_FORMS:
        return FREE
    if previous.role == "content" and is_adjective(previous.lemma):
        return AGREED
    return GOVERNED


def candidates(text_words: Sequence[Word]) -> dict[tuple[str, ...], tuple[str, int]]:
    """Lemma key → (surface form, its `_context`) of every candidate phrase in one text, each
    counted once: where a phrase occurs twice, the occurrence in the freer context is kept."""
    found: dict[tuple[str, ...], tuple[str, int]] = {}
    n = len(text_words)
    for i, first in enumerate(text_words):
        if first.role not in ("content", "head"):
            continue
        context = _context(text_words[i - 1] if i else None)
        for j in range(i, min(i + MAX_WORDS, n)):
            last = text_words[j]
            if last.role == "break":
                break
            if last.role != "content":
                continue
            span = text_words[i : j + 1]
            key = tuple(w.lemma for w in span)
            if key not in found or context > found[key][1]:
                found[key] = (" ".join(w.form for w in span), context)
    return found


def proper_lemmas(texts: Sequence[str]) -> frozenset[str]:
    """Lemmas written with a capital inside a sentence more often than not: names of people,
    streets and villages ("Otwock", "Kowalska"), never shown as a theme's keywords."""
    capital: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text, times in Counter(texts).items():  # each distinct text once, weighted
        start = True
        for piece in _PIECE.findall(unicodedata.normalize("NFKC", text or "")):
            if not piece[0].isalpha():
                start = start or piece in _SENTENCE_END
                continue
            if not start:
                lem = lemma(piece.lower())
                seen[lem] += times
                capital[lem] += times * (piece[0].isupper() and not piece.isupper())
            start = False
    return frozenset(lem for lem, n in capital.items() if n * 2 > seen[lem])


def theme_phrases(
    texts: Sequence[str], labels: Sequence[int], top_n: int = 5
) -> dict[int, list[Phrase]]:
    """For each label, its `top_n` most distinctive phrases, best first.

    c-TF-IDF on document frequencies: tf = share of the theme's texts holding the phrase,
    idf = log(1 + texts per theme / texts holding it anywhere). A phrase must occur in at least
    two of the theme's texts (one text is an anecdote, not a theme), or in its only one.
    Ties are broken by more words, then alphabetically, so the result never depends on order.
    """
    classes = sorted(set(labels))
    per_class: dict[int, Counter[tuple[str, ...]]] = {c: Counter() for c in classes}
    # label → key → surface → (texts where it was FREE, AGREED, in any context)
    forms: dict[int, dict[tuple[str, ...], dict[str, list[int]]]] = {c: {} for c in classes}
    sizes: Counter[int] = Counter(labels)
    total: Counter[tuple[str, ...]] = Counter()
    # Needs repeat word for word (a quarter of a large campaign's texts are distinct): each
    # text's candidates are found once.
    seen_texts: dict[str, dict] = {}
    for text, label in zip(texts, labels, strict=True):
        found = seen_texts.get(text)
        if found is None:
            found = seen_texts[text] = candidates(words(text))
        per_class[label].update(found.keys())
        total.update(found.keys())
        seen = forms[label]
        for key, (surface, context) in found.items():
            tally = seen.setdefault(key, {}).setdefault(surface, [0, 0, 0])
            tally[0] += context == FREE
            tally[1] += context == AGREED
            tally[2] += 1
    per_theme = len(texts) / max(len(classes), 1)
    out: dict[int, list[Phrase]] = {}
    for c in classes:
        needed = min(2, sizes[c])
        scored = []
        for key, support in per_class[c].items():
            if support < needed:
                continue
            score = support / sizes[c] * float(np.log1p(per_theme / total[key]))
            scored.append((score, key, support))
        scored.sort(key=lambda s: (-s[0], -len(s[1]), s[1]))
        out[c] = [
            Phrase(_surface(forms[c][key], key), key, support, round(score, 6))
            for score, key, support in scored[:top_n * 4]
        ]
    return out


def _surface(surfaces: dict[str, list[int]], key: tuple[str, ...]) -> str:
    """The form to show: one whose first word is in its dictionary form ("opieka
    wytchnieniowa" over "opieki wytchnieniowej") when the texts use one; else the form most
    often written where nothing governs its case, then after an adjective ("dodatkowe zajęcia"
    gives "zajęcia", "brakuje zajęć" would give "zajęć"); then the most frequent. Ties go
    alphabetically, so the result never depends on the order of the texts."""
    base = {s: t for s, t in surfaces.items() if s.split(" ", 1)[0].lower() == key[0]}
    pool = base or surfaces
    return min(pool.items(), key=lambda kv: (-kv[1][0], -kv[1][1], -kv[1][2], kv[0]))[0]


def pick_name(
    phrases: Sequence[Phrase], taken: set[tuple[str, ...]], keywords: Sequence[str] = (),
    min_support: int = 1,
) -> Phrase | None:
    """The name among a theme's phrases.

    It names a thing (holds a word that is not an adjective: "Darmowe" alone is no name), it
    is shared by at least `min_support` texts, and when `keywords` (the theme's top lemmas)
    are given it holds one of them, so the name speaks of the theme's core, not of a corner.
    A phrase of several words reads better than a lone word, so the best one wins when it is
    at least half as distinctive as the best word.
    """
    usable = [p for p in phrases if p.key not in taken and p.support >= min_support
              and any(w not in CONNECTORS and not is_adjective(w) for w in p.key)]
    core = [p for p in usable if set(p.key) & set(keywords)]
    free = core or usable
    if not free:
        return None
    best = free[0]
    longer = [p for p in free if len(p.key) > 1]
    if len(best.key) == 1 and longer and longer[0].score >= 0.5 * best.score:
        return longer[0]
    return best


def name_themes(
    texts: Sequence[str], labels: Sequence[int], order: Sequence[int], top_n: int = 5,
    keywords: dict[int, Sequence[str]] | None = None,
) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Label → (name, distinguishing phrases); themes named in `order`, no two alike.

    A name must be shared by a tenth of the theme's texts (at least two), and hold one of the
    theme's three top `keywords` when it can (see `pick_name`).
    """
    phrases = theme_phrases(texts, labels, top_n)
    sizes = Counter(labels)
    taken: set[tuple[str, ...]] = set()
    out: dict[int, tuple[str, tuple[str, ...]]] = {}
    for label in order:
        top = (keywords or {}).get(label, ())[:3]
        support = min(max(2, -(-sizes[label] // 10)), sizes[label])
        chosen = pick_name(phrases.get(label, []), taken, top, support)
        if chosen is None:
            out[label] = ("", ())
            continue
        taken.add(chosen.key)
        rest = [p.text for p in phrases[label] if p.key != chosen.key][: top_n - 1]
        out[label] = (chosen.text, (chosen.text, *rest))
    return out
