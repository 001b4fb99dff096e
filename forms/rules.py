"""The cross-field rules of a questionnaire, checked on raw record data.

What one field cannot know about itself: visibility (hidden means absent or empty),
required-while-visible, options hidden by other answers (sensitive groups and areas without
consent A4), `subset_of` (C2 within C1) and the minimum number of repeat items. Types, option
keys, lengths and choice limits are checked by the fields of `forms.schema`.

Errors come back nested like marshmallow's: `{"needs": {1: {"urgency": ["…"]}}}`. A rule
whose condition reads an invalid answer (e.g. an unknown visit outcome) is not applied: the
invalid answer is reported by its field, without a cascade of consequential errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from forms.conditions import Condition, evaluate, referenced_keys
from forms.messages import message
from forms.model import Group, Question, Questionnaire, is_empty

Errors = dict[Any, Any]


def check_answers(questionnaire: Questionnaire, data: Mapping[str, Any]) -> Errors:
    """Every rule violated by the record `data` of `questionnaire` (empty dict when none)."""
    context = _Context.of(questionnaire, dict(data), data)
    errors: Errors = {}
    for module in questionnaire.modules:
        if context.uncertain(module.visible_when):
            continue
        module_visible = evaluate(module.visible_when, context.scope)
        for item in module.items:
            value = data.get(item.key)
            if not module_visible:
                if not is_empty(value):
                    errors[item.key] = [message(module.hidden_error)]
                continue
            found = context.check_item(item, value)
            if found:
                errors[item.key] = found
    return errors


def _reliable(question: Question, value: Any) -> bool:
    """Whether an answer can drive conditions.

    A list of strings counts: an unknown key in it matches no condition, so conditions on the
    other elements still decide (C1 with a typo still drives module D).
    """
    kind = question.qtype.value
    if kind == "list":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "string":  # the common case first, as in `Question.accepts`
        return isinstance(value, str) and (not question.options or value in question.options_by_key)
    return question.accepts(value)


@dataclass(frozen=True)
class _Context:
    """The answers that conditions read, and which of them are invalid."""

    questionnaire: Questionnaire
    scope: dict[str, Any]
    invalid: frozenset[str]

    @classmethod
    def of(
        cls,
        questionnaire: Questionnaire,
        scope: dict[str, Any],
        new: Mapping[str, Any],
        invalid: frozenset[str] = frozenset(),
    ) -> _Context:
        """A context over `scope`, where the answers `new` are checked for validity."""
        known = questionnaire.questions_by_key
        bad = {
            key
            for key, value in new.items()
            if value is not None
            and key in known
            and not _reliable(known[key], value)
            and not is_empty(value)
        }
        return cls(questionnaire, scope, invalid | bad if bad else invalid)

    def uncertain(self, condition: Condition) -> bool:
        """True when `condition` reads an answer that is present but invalid."""
        return bool(self.invalid) and any(k in self.invalid for k in referenced_keys(condition))

    def holds(self, condition: Condition) -> bool:
        """True when `condition` certainly holds (not when it reads an invalid answer)."""
        return evaluate(condition, self.scope) and not self.uncertain(condition)

    def check_item(self, item: Question | Group, value: Any) -> Errors | list[str]:
        """Rules for one question or group of a visible module (or group entry)."""
        visible_when = item.visible_when
        if visible_when is None or visible_when is True:
            pass  # always visible (the common case): nothing to evaluate
        elif self.uncertain(visible_when):
            return []
        elif not evaluate(visible_when, self.scope):
            hidden_error = item.hidden_error if isinstance(item, Group) else "hidden_answer"
            return [] if is_empty(value) else [message(hidden_error)]
        if isinstance(item, Group):
            return self.check_group(item, value)
        return self.check_question(item, value)

    def check_question(self, question: Question, value: Any) -> list[str]:
        """Rules for one visible question."""
        if is_empty(value):
            return [message("required")] if self.holds(question.required) else []
        found: list[str] = []
        conditional = question.conditional_options
        if not conditional and not question.subset_of:
            return found  # every option is always visible: nothing else to check
        chosen = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for key in chosen:
            # Options always visible never yield an error; only conditional ones are checked.
            option = conditional.get(key) if isinstance(key, str) else None
            if option is None or self.uncertain(option.visible_when):
                continue
            if not evaluate(option.visible_when, self.scope):
                found.append(message(option.hidden_error, label=option.label))
        if question.subset_of and isinstance(value, list):
            allowed = self.scope.get(question.subset_of)
            allowed = allowed if isinstance(allowed, list) else []
            if any(v not in allowed for v in value):
                code = self.questionnaire.item(question.subset_of).code
                found.append(message("not_subset", code=code))
        return found

    def check_group(self, group: Group, value: Any) -> Errors | list[str]:
        """Rules for a visible group: its own requiredness, then each entry's questions."""
        required = self.holds(group.required)
        if is_empty(value):
            return [message(group.required_error)] if required else []
        if group.repeat and not isinstance(value, list):
            return []  # wrong type: reported by the schema field
        if group.repeat and len(value) < group.min_items and required:
            return [message(group.required_error)]
        if not group.repeat:
            return self.check_entry(group, value)
        found: Errors = {}
        for index, entry in enumerate(value):
            entry_errors = self.check_entry(group, entry)
            if entry_errors:
                found[index] = entry_errors
        return found

    def check_entry(self, group: Group, entry: Any) -> Errors:
        """Rules for the questions of one group entry (one need record, the contact form)."""
        if not isinstance(entry, Mapping):
            return {}  # wrong type: reported by the schema field
        # The entry's own answers first, then the interview's (e.g. consent A4).
        local = _Context.of(self.questionnaire, {**self.scope, **entry}, entry, self.invalid)
        found: Errors = {}
        for question in group.questions:
            messages = local.check_item(question, entry.get(question.key))
            if messages:
                found[question.key] = messages
        return found
