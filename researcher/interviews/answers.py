"""A visit's whole answer, stored once: its needs as rows of `needs`, its copied answers as
columns of `visits`, the rest in `visits.data`.

`visits.data` holds the questionnaire answers *without* the list of needs (module D) whenever
every need of it can be rebuilt exactly from its row: the columns of `needs` are named after
the answers, and the phone sends no unanswered ones (`withoutEmpty` in form-logic.js), so a
need comes back as sent. A record whose needs carry something the columns cannot say (an
empty answer sent by another client) keeps its list in `data`, as before: nothing is lost.

The answers copied to columns of `visits` for counting and lookups (`VISIT_ANSWER_COLUMNS`:
campaign, locality, outcome, respondent code, E1, E2, E3) are left out of `data` too; a writer
that changes one of these answers changes its column (`apply.visit_columns` does).

Every reader of a visit's answers — the correction record, the respondent's dossier and PDF,
retention, rights, history, earlier versions — goes through `visit_answers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from forms.model import is_empty
from researcher.interviews.models import Need, Visit

NEEDS_KEY = "needs"
#: Answers stored as the `visits` column of the same name (and nowhere else): their value is
#: the column's, so a column of None means "not answered".
VISIT_ANSWER_COLUMNS = (
    "campaign_id", "locality_id", "visit_outcome", "respondent_code", "services_rating",
    "volunteering", "community_gaps",
)  # fmt: skip
#: The researcher's answers of a need (questionnaire order), each stored in the column of its
#: name; a manager's review never writes these columns (it has `reviewed_*`).
NEED_ANSWER_KEYS = (
    "description", "area", "service_type", "beneficiary", "target_groups",
    "target_groups_other", "urgency", "met_status", "met_by", "barriers", "preferred_forms",
    "frequency", "access_view",
)  # fmt: skip
#: The need answers stored as JSON lists (the others are plain columns).
LIST_ANSWERS = frozenset({"target_groups", "met_by", "barriers", "preferred_forms"})
_REQUIRED_TEXT = {"description", "area", "beneficiary", "urgency", "met_status"}


def answer_columns(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of `needs` holding a need's answers (what `need_answers` reads back)."""
    out: dict[str, Any] = {}
    for key in NEED_ANSWER_KEYS:
        value = answers.get(key)
        if key in LIST_ANSWERS:
            out[key] = list(value or [])
        elif key in _REQUIRED_TEXT:
            out[key] = value if value is not None else ""  # NOT NULL columns
        else:
            out[key] = value
    return out


def need_answers(need: Need | Mapping[str, Any]) -> dict[str, Any]:
    """A need's answers rebuilt from its row (or a mapping of its columns), as a phone sends
    them: unanswered ones left out."""
    get = need.get if isinstance(need, Mapping) else (lambda key: getattr(need, key))
    out = {}
    for key in NEED_ANSWER_KEYS:
        value = get(key)
        if not is_empty(value):
            out[key] = list(value) if key in LIST_ANSWERS else value
    return out


def rebuilt_exactly(answers: Any) -> bool:
    """Whether a need's answers come back identical from the columns they are stored in."""
    return isinstance(answers, dict) and need_answers(answer_columns(answers)) == answers


def stored_data(
    data: Mapping[str, Any], rows: Iterable[Need | Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """`data` as `visits.data` keeps it: without the answers its visit's columns hold, and
    without the needs when the rows give them back — the rows written from these very answers
    (`rows` None: the sync fills them next), or the visit's current `rows`, which a writer
    that changed them passes (rectification, retention)."""
    needs = data.get(NEEDS_KEY)
    out = {k: v for k, v in data.items() if not (k in VISIT_ANSWER_COLUMNS and v is not None)}
    if not isinstance(needs, list) or not needs:
        return out
    if rows is None:
        given_back = all(rebuilt_exactly(n) for n in needs)
    else:
        given_back = [need_answers(n) for n in rows] == needs
    if given_back:
        del out[NEEDS_KEY]
    return out


def whole_answers(
    data: Mapping[str, Any], needs: Iterable[Need | Mapping[str, Any]], visit: Any
) -> dict[str, Any]:
    """Stored `data` with the answers of `visit`'s columns (a `Visit` or a row with them) and
    its needs (rows in position order) back, unless it kept them."""
    out = dict(data)
    for key in VISIT_ANSWER_COLUMNS:
        value = getattr(visit, key, None)
        if key not in out and value is not None:
            out[key] = list(value) if isinstance(value, list) else value
    if NEEDS_KEY not in out:
        rebuilt = [need_answers(n) for n in needs]
        if rebuilt:
            out[NEEDS_KEY] = rebuilt
    return out


def visit_answers(visit: Visit) -> dict[str, Any]:
    """The visit's whole answer (as the phone sent it, contact data apart), needs included."""
    return whole_answers(visit.data or {}, visit.needs, visit)


def answers_without_needs(visit: Visit) -> dict[str, Any]:
    """The visit's answers outside module D (no statement for its needs), for readers of the
    visit-level questions only."""
    out = whole_answers(visit.data or {}, (), visit)
    out.pop(NEEDS_KEY, None)
    return out


def streamed_with_needs(visits: Iterable[Any], needs: Iterable[Any]) -> Iterator[tuple[Any, dict]]:
    """(row, its answers) for visit rows (with `id`, `data` and the `VISIT_ANSWER_COLUMNS`) in
    id order, given the rows of their needs (`visit_id` and the answer columns) in (visit_id,
    position) order: two streamed statements merged, whatever the number of visits."""
    pending = iter(needs)
    ahead = next(pending, None)
    for visit in visits:
        own = []
        while ahead is not None and ahead.visit_id <= visit.id:
            if ahead.visit_id == visit.id:
                own.append(ahead._mapping)
            ahead = next(pending, None)
        yield visit, whole_answers(visit.data or {}, own, visit)


def visit_answer_columns() -> list[Any]:
    """The columns of `visits` holding answers, to select beside `Visit.data`."""
    return [getattr(Visit, key) for key in VISIT_ANSWER_COLUMNS]


def need_answer_columns(keys: Iterable[str] = NEED_ANSWER_KEYS) -> list[Any]:
    """The columns `streamed_with_needs` reads from `needs`: `visit_id` and the answers `keys`
    (a reader of some answers only leaves the others out of the rebuilt needs)."""
    return [Need.visit_id, *(getattr(Need, key) for key in keys)]
