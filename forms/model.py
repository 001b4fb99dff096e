"""The building blocks of a questionnaire definition: question types, options, questions,
repeat groups, modules. Plain frozen dataclasses, no Flask, no WTForms, no marshmallow.

The builders (`forms.schema`, `forms.interview_form`, `forms.client`, `forms.export`) read
these objects; nothing else knows how a questionnaire is structured.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from forms.conditions import Condition, all_of, evaluate


@dataclass(frozen=True)
class QuestionType:
    """One row of the question-type registry (like pyxform's question type table)."""

    name: str
    value: str  # JSON type of the answer: "string", "list", "boolean", "integer"
    widget: str  # how a UI shows it: radio, checkboxes, yes_no, text, textarea, number, auto
    has_options: bool = False
    free_text: bool = False  # scanned for personal data (PESEL, phone, e-mail)


QUESTION_TYPES: dict[str, QuestionType] = {
    t.name: t
    for t in (
        QuestionType("single", "string", "radio", has_options=True),
        QuestionType("multi", "list", "checkboxes", has_options=True),
        QuestionType("bool", "boolean", "yes_no"),
        QuestionType("text", "string", "text", free_text=True),
        QuestionType("textarea", "string", "textarea", free_text=True),
        QuestionType("integer", "integer", "number"),
        QuestionType("code", "string", "auto"),
    )
}


@dataclass(frozen=True)
class Option:
    """An answer option: ASCII key stored in records, Polish label (a Babel msgid)."""

    key: str
    label: str
    exclusive: bool = False  # excludes every other option of a multi-select
    visible_when: Condition = None
    hidden_error: str = "option_hidden"  # key in forms.messages when chosen while hidden


@dataclass(frozen=True)
class Notice:
    """A text the UI shows next to a question while `when` holds (e.g. safeguarding)."""

    key: str
    when: Condition
    text: str


@dataclass(frozen=True)
class Question:
    """One question; `required` applies only while the question is visible."""

    key: str
    code: str  # the questionnaire's numbering, e.g. "A4", "D6"
    type: str  # a key of QUESTION_TYPES
    label: str
    hint: str = ""
    options: tuple[Option, ...] = ()
    required: Condition = False
    visible_when: Condition = None
    max_length: int | None = None  # text answers
    max_choices: int | None = None  # multi-select answers
    subset_of: str | None = None  # multi-select answer must be within this question's answer
    notices: tuple[Notice, ...] = ()
    suggestions: tuple[str, ...] = ()  # free-text hints offered by the UI (datalist)

    @functools.cached_property
    def qtype(self) -> QuestionType:
        """The registry entry of this question's type."""
        return QUESTION_TYPES[self.type]

    @functools.cached_property
    def options_by_key(self) -> dict[str, Option]:
        """The options by key."""
        return {o.key: o for o in self.options}

    @functools.cached_property
    def conditional_options(self) -> dict[str, Option]:
        """The options that are not always visible (a `visible_when` other than None/True)."""
        always = (None, True)
        return {o.key: o for o in self.options if not any(o.visible_when is a for a in always)}

    def option(self, key: str) -> Option | None:
        """The option with `key`, or None."""
        return self.options_by_key.get(key)

    def accepts(self, value: Any) -> bool:
        """True when `value` has the answer's JSON type and only known option keys.

        Used to tell whether an answer can drive conditions; the schema fields report why not.
        """
        kind = self.qtype.value
        keys = self.options_by_key
        if kind == "list":
            return isinstance(value, list) and all(
                isinstance(v, str) and (not keys or v in keys) for v in value
            )
        if kind == "boolean":
            return isinstance(value, bool)
        if kind == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, str) and (not keys or value in keys)


@dataclass(frozen=True)
class Group:
    """Questions stored together as one object (`repeat=False`) or as a list of objects."""

    key: str
    code: str
    label: str
    questions: tuple[Question, ...]
    repeat: bool = False
    max_items: int = 1
    min_items: int = 0  # enforced while `required` holds
    required: Condition = False
    required_error: str = "required"
    visible_when: Condition = None
    hidden_error: str = "hidden_answer"
    item_label: str = ""  # "Potrzeba {n}" for repeat items
    pii_check: bool = True  # False for the contact form, which holds personal data by design
    stored_apart: bool = False  # the server keeps it outside the interview record


@dataclass(frozen=True)
class Module:
    """A section of the questionnaire, one screen of the offline page."""

    key: str
    code: str
    label: str
    items: tuple[Question | Group, ...]
    visible_when: Condition = None
    hidden_error: str = "hidden_answer"


@dataclass(frozen=True)
class Questionnaire:
    """A published, immutable version of the questionnaire."""

    version: str
    title: str
    clause_version: str  # version of the art. 13 information clause handed out with it
    modules: tuple[Module, ...]

    def items(self) -> Iterator[tuple[Module, Question | Group]]:
        """Every top-level question and group, with its module, in order."""
        for module in self.modules:
            for item in module.items:
                yield module, item

    def questions(self) -> Iterator[tuple[Module, Question]]:
        """Every top-level question (not inside a group), with its module."""
        for module, item in self.items():
            if isinstance(item, Question):
                yield module, item

    def groups(self) -> Iterator[tuple[Module, Group]]:
        """Every group (needs, contact), with its module."""
        for module, item in self.items():
            if isinstance(item, Group):
                yield module, item

    def item(self, key: str) -> Question | Group:
        """The top-level question or group with `key` (KeyError if none)."""
        for _, item in self.items():
            if item.key == key:
                return item
        raise KeyError(key)

    @functools.cached_property
    def questions_by_key(self) -> dict[str, Question]:
        """Every question, including those inside groups, by key (keys are unique)."""
        return {q.key: q for q in self.all_questions()}

    def all_questions(self) -> Iterator[Question]:
        """Every question, including those inside groups."""
        for _, item in self.items():
            if isinstance(item, Group):
                yield from item.questions
            else:
                yield item


def is_empty(value: Any) -> bool:
    """True for an unanswered value: missing/None, blank text, empty list or object."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def visibility(module: Module, item: Question | Group) -> Condition:
    """The full visibility condition of a top-level item (its module's and its own)."""
    return all_of(module.visible_when, item.visible_when)


def scope_of(answers: Mapping[str, Any], item: Mapping[str, Any] | None = None) -> dict:
    """The lookup scope for conditions: the repeat item's answers over the top-level ones."""
    return {**answers, **(item or {})}


def _prune_entry(questions: tuple[Question, ...], entry: Any, scope: Mapping[str, Any]) -> Any:
    """`entry` (one group's answers) without the answers its scope hides; others untouched."""
    if not isinstance(entry, Mapping):
        return entry
    local = scope_of(scope, entry)
    hidden = {q.key for q in questions if not evaluate(q.visible_when, local)}
    return {k: v for k, v in entry.items() if k not in hidden}


def _prune_once(questionnaire: Questionnaire, data: Mapping[str, Any]) -> dict[str, Any]:
    scope = scope_of(data)
    out = {}
    for key, value in data.items():
        try:
            item = questionnaire.item(key)
        except KeyError:
            out[key] = value  # not ours to judge: the schema reports unknown fields
            continue
        module = next(m for m, i in questionnaire.items() if i is item)
        if not evaluate(visibility(module, item), scope):
            continue
        if isinstance(item, Group) and item.repeat and isinstance(value, list):
            value = [_prune_entry(item.questions, entry, data) for entry in value]
        elif isinstance(item, Group):
            value = _prune_entry(item.questions, value, data)
        out[key] = value
    return out


def prune_hidden(questionnaire: Questionnaire, data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` without the answers that the answers themselves hide.

    The one rule, shared with the phone (static/js/field/form-logic.js `pruneHidden`, proven
    by tests/fixtures/prune_cases.json in Python and in Chromium): an answer is dropped when
    its module, its group or its question is hidden, judged on the answers left after the
    previous pass, until nothing more is dropped (a dropped answer can hide others). Nothing
    else is touched: an option hidden by other answers, an answer outside `subset_of`, an
    empty answer or an unknown key stays for the validator to report – never silently lost.
    """
    out = dict(data)
    while True:
        pruned = _prune_once(questionnaire, out)
        if pruned == out:
            return out
        out = pruned
