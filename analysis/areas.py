"""Suggest the service area of a need: a keyword lexicon, and a classifier once people label needs.

Before any need has an area set by a person, the lexicon alone answers. Once some have, a
logistic regression on lemma TF-IDF is trained on them and blended with the lexicon; its weight
grows with the number of labelled needs (n / (n + prior_strength)), so a handful of labels
cannot override the lexicon but hundreds can.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from analysis.lexicon import area_lexicon
from analysis.text import prepare


@dataclass(frozen=True)
class AreaSuggestion:
    """The most likely area key of a need (None when nothing points anywhere) and how sure."""

    area: str | None
    confidence: float  # in [0, 1]
    source: str  # "lexicon" | "classifier" | "blend" | "none"


def _lemmas_and_bigrams(doc: list[str]) -> list[str]:
    # Bigrams catch set phrases ("dom kultury", "urząd pracy") that single lemmas blur.
    return doc + [f"{a} {b}" for a, b in zip(doc, doc[1:], strict=False)]


def lexicon_distribution(
    doc: Sequence[str], lexicon: Mapping[str, frozenset[str]]
) -> tuple[dict[str, float], int]:
    """Area → share of the keyword evidence in `doc`, and the number of keyword hits.

    A lemma listed under several areas counts 1/that number for each.
    """
    owners: dict[str, list[str]] = {}
    for key, words in lexicon.items():
        for word in words:
            owners.setdefault(word, []).append(key)
    scores: Counter[str] = Counter()
    hits = 0
    for lemma in doc:
        keys = owners.get(lemma)
        if keys:
            hits += 1
            for key in keys:
                scores[key] += 1.0 / len(keys)
    total = sum(scores.values())
    return ({k: v / total for k, v in scores.items()} if total else {}), hits


class AreaSuggester:
    """Lexicon + classifier; `fit` on needs whose area a person set, then `suggest`."""

    def __init__(
        self,
        lexicon: Mapping[str, frozenset[str]] | None = None,
        prior_strength: float = 50.0,
        min_labelled: int = 10,
        c: float = 10.0,
        seed: int = 0,
    ) -> None:
        self.lexicon = area_lexicon() if lexicon is None else lexicon
        self.prior_strength = prior_strength
        self.min_labelled = min_labelled
        self.c = c
        self.seed = seed
        self.n_labelled = 0
        self._vectoriser: TfidfVectorizer | None = None
        self._model: LogisticRegression | None = None

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> AreaSuggester:
        """Train on labelled needs; with too few labels or one class, the lexicon stays alone."""
        pairs = [(t, a) for t, a in zip(texts, labels, strict=True) if a]
        self.n_labelled = len(pairs)
        self._vectoriser = self._model = None
        if len(pairs) < self.min_labelled or len({a for _, a in pairs}) < 2:
            return self
        self._vectoriser = TfidfVectorizer(analyzer=_lemmas_and_bigrams, sublinear_tf=True)
        features = self._vectoriser.fit_transform(prepare([t for t, _ in pairs]))
        self._model = LogisticRegression(C=self.c, max_iter=2000, random_state=self.seed)
        self._model.fit(features, [a for _, a in pairs])
        return self

    @property
    def classifier_weight(self) -> float:
        """Weight of the classifier in the blend (0 before it is trained)."""
        if self._model is None:
            return 0.0
        return self.n_labelled / (self.n_labelled + self.prior_strength)

    def suggest(self, texts: Sequence[str]) -> list[AreaSuggestion]:
        """For each text, its most likely area and a confidence in [0, 1]."""
        prepared = prepare(texts)
        if self._model is not None and self._vectoriser is not None:
            probs = self._model.predict_proba(self._vectoriser.transform(prepared))
            classes = [str(c) for c in self._model.classes_]
        else:
            probs, classes = np.zeros((len(texts), 0)), []
        return [self._one(doc, dict(zip(classes, row, strict=True)))
                for doc, row in zip(prepared, probs, strict=True)]

    def _one(self, doc: list[str], classifier: dict[str, float]) -> AreaSuggestion:
        shares, hits = lexicon_distribution(doc, self.lexicon)
        # One keyword is weak evidence: the lexicon's confidence grows with the hits.
        lexical = {k: v * hits / (hits + 1.0) for k, v in shares.items()}
        if not classifier and not lexical:
            return AreaSuggestion(None, 0.0, "none")
        if not classifier:
            source, scores = "lexicon", lexical
        elif not lexical:
            source, scores = "classifier", classifier
        else:
            w = self.classifier_weight
            source = "blend"
            scores = {k: w * classifier.get(k, 0.0) + (1 - w) * lexical.get(k, 0.0)
                      for k in set(classifier) | set(lexical)}
        area = _argmax(scores)
        return AreaSuggestion(area, round(min(1.0, float(scores[area])), 4), source)


def _argmax(scores: Mapping[str, float]) -> str:
    # Ties go to the alphabetically first key, so the answer never depends on dict order.
    return min(scores, key=lambda k: (-scores[k], k))


def suggest_areas(
    texts: Sequence[str],
    labelled: Sequence[tuple[str, str]] = (),
) -> list[AreaSuggestion]:
    """Suggest areas for `texts`, learning from (text, area key) pairs a person has set."""
    suggester = AreaSuggester()
    if labelled:
        suggester.fit([t for t, _ in labelled], [a for _, a in labelled])
    return suggester.suggest(texts)


def dominant_area(areas: Sequence[str | None]) -> tuple[str | None, float]:
    """The most frequent area among a theme's needs and its share of all of them."""
    counts = Counter(a for a in areas if a)
    if not counts:
        return None, 0.0
    area = _argmax({k: float(v) for k, v in counts.items()})
    return area, round(counts[area] / len(areas), 4)
