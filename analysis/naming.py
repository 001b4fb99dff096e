"""Name themes: top lemmas by class-based TF-IDF (c-TF-IDF) and the most typical needs.

c-TF-IDF treats all texts of one theme as one document: a lemma scores high when it is frequent
in the theme and rare across themes (Grootendorst 2022, the weighting BERTopic uses).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from analysis.text import display_text


def class_tfidf_terms(
    prepared: Sequence[list[str]], labels: Sequence[int], top_n: int
) -> dict[int, list[str]]:
    """For each label, its `top_n` lemmas by c-TF-IDF (ties broken alphabetically)."""
    classes = sorted(set(labels))
    if not prepared or not any(prepared):
        return {c: [] for c in classes}
    # One counter per theme: counting needs no document-term matrix, and Counter.update runs
    # in C, several times faster than a vectoriser's vocabulary pass on 100,000 texts.
    counters: dict[int, Counter[str]] = {c: Counter() for c in classes}
    for doc, label in zip(prepared, labels, strict=True):
        counters[label].update(doc)
    vocab = sorted(set().union(*counters.values()))
    column = {term: j for j, term in enumerate(vocab)}
    per_class = np.zeros((len(classes), len(vocab)), dtype=np.float64)
    for i, c in enumerate(classes):
        counts = counters[c]
        per_class[i, [column[t] for t in counts]] = list(counts.values())
    class_totals = per_class.sum(axis=1, keepdims=True)
    term_totals = per_class.sum(axis=0)
    avg_words = per_class.sum() / len(classes)
    tf = np.divide(per_class, class_totals, out=np.zeros_like(per_class), where=class_totals > 0)
    scores = tf * np.log1p(avg_words / np.maximum(term_totals, 1.0))
    terms: dict[int, list[str]] = {}
    for c, row in zip(classes, scores, strict=True):
        # `vocab` is alphabetical, so a stable sort breaks ties by it.
        ranked = np.argsort(-row, kind="stable")
        terms[c] = [vocab[j] for j in ranked[:top_n] if row[j] > 0]
    return terms


def typical_members(
    member_rows: Sequence[int],
    similarities: Sequence[float],
    texts: Sequence[str],
    n: int,
) -> list[tuple[int, str, float]]:
    """The `n` members closest to the theme centre as (row, masked text, similarity).

    Identical texts are shown once: three copies of one sentence say less than three sentences.
    """
    ranked = sorted(member_rows, key=lambda r: (-similarities[r], r))
    out: list[tuple[int, str, float]] = []
    seen: set[str] = set()
    for row in ranked:
        shown = display_text(texts[row])
        if shown.casefold() in seen:
            continue
        seen.add(shown.casefold())
        out.append((row, shown, float(similarities[row])))
        if len(out) == n:
            break
    return out


def theme_label(terms: Sequence[str], n: int = 3) -> str:
    """A short label from the top lemmas, e.g. "senior, opieka, zakupy"."""
    return ", ".join(terms[:n]) if terms else "(bez słów kluczowych)"


def farthest_members(
    rows: Sequence[int], sims: Sequence[float], texts: Sequence[str], n: int, shown: set[int]
) -> list[tuple[int, str, float]]:
    """Members that sit far from the centre ("niepewne"): below the theme's mean cosine by
    more than one standard deviation, the farthest first, never one shown as typical."""
    if len(rows) < 3 or n <= 0:
        return []
    values = np.array([sims[r] for r in rows])
    cut = values.mean() - values.std()
    far = [r for r in rows if sims[r] < cut and r not in shown]
    far.sort(key=lambda r: (sims[r], r))
    return [(r, display_text(texts[r]), float(sims[r])) for r in far[:n]]
