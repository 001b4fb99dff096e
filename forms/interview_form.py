"""The HTML interview form (Flask-WTF), generated from a questionnaire version.

Used to correct a synced interview and as the no-JS fallback. The form only collects and
displays: it has no validators of its own (beyond Flask-WTF's CSRF). The view turns it into
record data with `form_to_record_data`, validates that with the same marshmallow schema as
sync (`forms.schema.record_data_schema`), and shows the errors with `apply_errors`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    Field,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget

from forms.model import Group, Question, Questionnaire, is_empty, prune_hidden
from forms.questionnaire import get_questionnaire, new_respondent_code
from forms.vocabulary import N_

Translate = Callable[[str], Any]

_BOOL_CHOICES = (("true", N_("Tak")), ("false", N_("Nie")))


def _identity(text: str) -> str:
    return text


def _common(question: Question, t: Translate) -> dict[str, Any]:
    return {"label": t(question.label), "description": t(question.hint) if question.hint else ""}


def _radio(question: Question, t: Translate) -> Field:
    choices = [SelectChoice(o.key, t(o.label)) for o in question.options]
    return RadioField(choices=choices, validate_choice=False, **_common(question, t))


def _checkboxes(question: Question, t: Translate) -> Field:
    return SelectMultipleField(
        choices=[SelectChoice(o.key, t(o.label)) for o in question.options],
        validate_choice=False,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        **_common(question, t),
    )


def _yes_no(question: Question, t: Translate) -> Field:
    choices = [SelectChoice(value, t(label)) for value, label in _BOOL_CHOICES]
    return RadioField(choices=choices, validate_choice=False, **_common(question, t))


# No `maxlength` on text inputs: a browser cuts a paste to it without a word. Text over the
# questionnaire's limit reaches the schema, which answers a field error (`too_long`).
def _text(question: Question, t: Translate) -> Field:
    return StringField(**_common(question, t))


def _textarea(question: Question, t: Translate) -> Field:
    return TextAreaField(**_common(question, t))


def _number(question: Question, t: Translate) -> Field:
    return StringField(render_kw={"inputmode": "numeric"}, **_common(question, t))


def _code(question: Question, t: Translate) -> Field:
    return HiddenField(default=new_respondent_code, **_common(question, t))


#: How each question type of `forms.model.QUESTION_TYPES` becomes a WTForms field.
FIELD_BUILDERS: dict[str, Callable[[Question, Translate], Field]] = {
    "single": _radio,
    "multi": _checkboxes,
    "bool": _yes_no,
    "text": _text,
    "textarea": _textarea,
    "integer": _number,
    "code": _code,
}


def _group_field(group: Group, t: Translate) -> Field:
    attrs = {q.key: FIELD_BUILDERS[q.type](q, t) for q in group.questions}
    subform = type(f"{group.key.title()}Form", (Form,), attrs)
    if not group.repeat:
        return FormField(subform, label=t(group.label))
    # Every slot is shown (no JS to add one); empty slots are dropped by form_to_record_data.
    return FieldList(FormField(subform), label=t(group.label),
                     min_entries=group.max_items, max_entries=group.max_items)


@functools.cache
def build_interview_form(version: str, translate: Translate = _identity) -> type[FlaskForm]:
    """The FlaskForm class of questionnaire `version`, labels passed through `translate`.

    Field names are the question keys; needs are `FieldList(FormField(...), max_entries=3)`,
    the contact form a `FormField`. The class keeps its definition as `questionnaire`.
    """
    questionnaire = get_questionnaire(version)
    attrs: dict[str, Any] = {"questionnaire": questionnaire}
    for _, item in questionnaire.items():
        attrs[item.key] = (
            _group_field(item, translate)
            if isinstance(item, Group)
            else FIELD_BUILDERS[item.type](item, translate)
        )
    return type(f"InterviewForm_{version.replace('.', '_')}", (FlaskForm,), attrs)


# --- form <-> record data -------------------------------------------------------------------


def _answer(question: Question, raw: Any) -> Any:
    """The record value of one form field's data (None when unanswered)."""
    kind = question.qtype.value
    if kind == "list":
        return [v for v in raw or [] if v]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    if kind == "integer":
        text = str(raw).strip()
        return int(text) if text.isdigit() else text  # a non-number is left for the schema
    return raw.strip() if isinstance(raw, str) else raw


def _entry(questions: tuple[Question, ...], form: Form) -> dict[str, Any]:
    values = {q.key: _answer(q, form[q.key].data) for q in questions}
    return {k: v for k, v in values.items() if not is_empty(v)}


def form_to_record_data(form: FlaskForm) -> dict[str, Any]:
    """The record data (the sync contract) held by a submitted interview form.

    Unanswered questions and empty need slots are left out, and so are answers to questions
    the other answers hide (the no-JS page cannot hide them while the researcher types).
    """
    questionnaire: Questionnaire = form.questionnaire
    data: dict[str, Any] = {}
    for _, item in questionnaire.items():
        if isinstance(item, Group) and item.repeat:
            entries = [_entry(item.questions, e.form) for e in form[item.key]]
            value: Any = [e for e in entries if e]
        elif isinstance(item, Group):
            value = _entry(item.questions, form[item.key].form)
        else:
            value = _answer(item, form[item.key].data)
        if not is_empty(value):
            data[item.key] = value
    if "locality_id" not in data:
        data["locality_id"] = None
    return prune_hidden(questionnaire, data)


def _add(formdata: MultiDict, name: str, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        formdata.add(name, "true" if value else "false")
    elif isinstance(value, list):
        for element in value:
            _add(formdata, name, element)
    else:
        formdata.add(name, str(value))


def record_data_to_formdata(data: Mapping[str, Any]) -> MultiDict:
    """Form data (`needs-0-urgency`, `contact-name`, repeated keys for multi-selects) that
    fills the interview form with an existing record, for correcting it."""
    formdata: MultiDict = MultiDict()
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for index, entry in enumerate(value):
                for sub, sub_value in entry.items():
                    _add(formdata, f"{key}-{index}-{sub}", sub_value)
        elif isinstance(value, Mapping):
            for sub, sub_value in value.items():
                _add(formdata, f"{key}-{sub}", sub_value)
        else:
            _add(formdata, key, value)
    return formdata


def apply_errors(form: FlaskForm, errors: Mapping[str, list[str]]) -> list[str]:
    """Attach flattened schema errors (`data.needs.1.urgency`) to the form's fields.

    Returns the messages that belong to no field (e.g. about the needs list as a whole), for
    an error summary.
    """
    unplaced: list[str] = []
    for path, messages in errors.items():
        field = _field_at(form, path.removeprefix("data.").split("."))
        if field is None:
            unplaced.extend(messages)
        else:
            field.errors = [*field.errors, *messages]
    return unplaced


def _field_at(form: Any, parts: list[str]) -> Field | None:
    node: Any = form
    for part in parts:
        try:
            if isinstance(node, FieldList):
                node = node.entries[int(part)]
            else:
                node = (node.form if isinstance(node, FormField) else node)[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return None
    if isinstance(node, FieldList):
        return None  # errors about the list itself go to the summary
    return node
