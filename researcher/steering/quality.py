"""Quality signals: interviews worth a second look ("do przejrzenia"), never a verdict.

Three neutral signals, thresholds from the settings (`QUALITY_*` in config.py):
a very short interview (opened → saved on the phone), a long run of single-choice answers
at the same position of their option lists (e.g. always the first option: option keys differ
between questions, positions do not), and many "nikt nie otworzył" in a row by one
researcher. The rules are plain functions; `campaign_signals` reads three statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l

from forms.model import Group, Question
from forms.questionnaire import QUESTIONNAIRES, get_questionnaire
from researcher.extensions import db
from researcher.interviews.answers import (
    LIST_ANSWERS,
    NEED_ANSWER_KEYS,
    need_answer_columns,
    streamed_with_needs,
    visit_answer_columns,
    visit_answers,
)
from researcher.interviews.models import Need, Visit

NOBODY = "nikt"
#: Answers that any interview gives the same way (the visit and its consents): not counted.
_SKIPPED_MODULES = frozenset({"visit", "consents"})


class SignalKind(StrEnum):
    SHORT = "krotki_wywiad"
    SAME_ANSWERS = "te_same_odpowiedzi"
    NOBODY_RUN = "seria_nikt"


SIGNAL_LABELS = {
    SignalKind.SHORT: _l("Krótki wywiad"),
    SignalKind.SAME_ANSWERS: _l("Długa seria odpowiedzi na tej samej pozycji"),
    SignalKind.NOBODY_RUN: _l("Wiele „nikt nie otworzył” z rzędu"),
}


@dataclass(frozen=True)
class Thresholds:
    short_seconds: int
    same_answers: int
    nobody_run: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Thresholds:
        return cls(
            short_seconds=int(config["QUALITY_SHORT_INTERVIEW_SECONDS"]),
            same_answers=int(config["QUALITY_SAME_ANSWERS_RUN"]),
            nobody_run=int(config["QUALITY_NOBODY_RUN"]),
        )


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    visit_id: int  # the interview, or the last visit of a run of "nikt"
    researcher_id: int
    at: datetime  # recorded_at of that visit
    value: int  # seconds, answers in the run, or visits in the run


def duration_seconds(opened_at: datetime | None, finished_at: datetime | None) -> int | None:
    """How long the form was open on the phone; None when the phone did not say."""
    if opened_at is None or finished_at is None or finished_at < opened_at:
        return None
    return int((finished_at - opened_at).total_seconds())


def _single(question: Question) -> bool:
    return question.type == "single" and bool(question.options)


def answer_positions(version: str, data: Mapping[str, Any]) -> list[int]:
    """The option positions of the single-choice answers in questionnaire order (needs in
    their order), skipping the visit and consent questions and unanswered ones."""
    if version not in QUESTIONNAIRES:
        return []
    out: list[int] = []

    def add(question: Question, holder: Mapping[str, Any]) -> None:
        keys = [o.key for o in question.options]
        value = holder.get(question.key)
        if isinstance(value, str) and value in keys:
            out.append(keys.index(value))

    for module, item in get_questionnaire(version).items():
        if module.key in _SKIPPED_MODULES:
            continue
        if isinstance(item, Group):
            entries = data.get(item.key)
            entries = entries if isinstance(entries, list) else [entries]
            for entry in entries:
                if isinstance(entry, Mapping):
                    for question in item.questions:
                        if _single(question):
                            add(question, entry)
        elif _single(item):
            add(item, data)
    return out


def longest_run(values: Iterable[Any]) -> int:
    """The length of the longest run of equal consecutive values."""
    best = current = 0
    previous = object()
    for value in values:
        current = current + 1 if value == previous else 1
        previous = value
        best = max(best, current)
    return best


def interview_signals(visit: Any, limits: Thresholds,
                      answers: Mapping[str, Any] | None = None) -> list[Signal]:
    """The signals of one interview: a `Visit`, or a row with the same attributes and its
    `answers` (needs included, `interviews.answers`)."""
    if not visit.is_interview:
        return []
    found = []
    seconds = duration_seconds(visit.opened_at, visit.finished_at)
    if seconds is not None and seconds < limits.short_seconds:
        found.append(Signal(SignalKind.SHORT, visit.id, visit.researcher_id, visit.recorded_at,
                            seconds))
    if answers is None:
        answers = visit_answers(visit)
    run = longest_run(answer_positions(visit.form_version, answers))
    if run >= limits.same_answers:
        found.append(Signal(SignalKind.SAME_ANSWERS, visit.id, visit.researcher_id,
                            visit.recorded_at, run))
    return found


def nobody_runs(visits: Iterable[Any], limits: Thresholds) -> list[Signal]:
    """Runs of at least `limits.nobody_run` "nikt" visits in a row by one researcher, in the
    order they were recorded (`visits` sorted by researcher, then time)."""
    found: list[Signal] = []
    run: list[Any] = []

    def close() -> None:
        if len(run) >= limits.nobody_run:
            last = run[-1]
            found.append(Signal(SignalKind.NOBODY_RUN, last.id, last.researcher_id,
                                last.recorded_at, len(run)))

    for visit in visits:
        if run and visit.researcher_id != run[-1].researcher_id:
            close()
            run = []
        if visit.visit_outcome == NOBODY:
            run.append(visit)
        else:
            close()
            run = []
    close()
    return found


def campaign_signals(campaign_id: int, limits: Thresholds) -> list[Signal]:
    """Every signal of a campaign, newest first: three statements (the interviews with their
    answers and their needs' answers, read in memory and never shown; every visit's outcome
    for the runs)."""
    # Streamed in batches: a large campaign's answers never sit in memory at once.
    interviews = db.session.execute(
        db.select(Visit.id, Visit.researcher_id, Visit.recorded_at, Visit.is_interview,
                  Visit.opened_at, Visit.finished_at, Visit.form_version, Visit.data,
                  *visit_answer_columns())
        .where(Visit.campaign_id == campaign_id, Visit.is_interview)
        .order_by(Visit.id)
        .execution_options(yield_per=2000)
    )
    # Only the single-choice answers count here: the lists (JSON) and the description are
    # left unread, which is most of the decoding on a large campaign.
    singles = [k for k in NEED_ANSWER_KEYS if k not in LIST_ANSWERS and k != "description"]
    needs = db.session.execute(
        db.select(*need_answer_columns(singles))
        .where(Need.campaign_id == campaign_id, Need.visit_id.is_not(None))
        .order_by(Need.visit_id, Need.position)
        .execution_options(yield_per=2000)
    )
    found = [s for row, answers in streamed_with_needs(interviews, needs)
             for s in interview_signals(row, limits, answers)]
    outcomes = db.session.execute(
        db.select(Visit.id, Visit.researcher_id, Visit.recorded_at, Visit.visit_outcome)
        .where(Visit.campaign_id == campaign_id)
        .order_by(Visit.researcher_id, Visit.recorded_at, Visit.id)
        .execution_options(yield_per=2000)
    )
    found += nobody_runs(outcomes, limits)
    return sorted(found, key=lambda s: s.at, reverse=True)


#: Signals shown on one page of "Do przejrzenia": a city-sized campaign raises thousands.
SIGNALS_PER_PAGE = 50


@dataclass(frozen=True)
class SignalPage:
    """One page of a campaign's signals (newest first), with the counts by kind of them all."""

    shown: list[Signal]
    total: int
    by_kind: dict[SignalKind, int]
    page: int
    pages: int


def signal_page(signals: list[Signal], page: int = 1, per_page: int | None = None) -> SignalPage:
    """Page `page` (from 1; out of range: the nearest) of `signals`, `SIGNALS_PER_PAGE` each."""
    per_page = per_page or SIGNALS_PER_PAGE
    pages = max(1, -(-len(signals) // per_page))
    page = min(max(page, 1), pages)
    by_kind = {kind: 0 for kind in SignalKind}
    for signal in signals:
        by_kind[signal.kind] += 1
    start = (page - 1) * per_page
    return SignalPage(signals[start:start + per_page], len(signals), by_kind, page, pages)
