"""The questionnaire as JSON for the offline interview page.

`client_definition(version)` gives the page everything it needs to render, hide, show and
pre-check an interview without the server: modules, questions, options with labels, the
conditions (same tiny language as `forms.conditions`), limits, notices and the messages of
`forms.messages`. The server stays the judge: it validates every record again on sync.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forms import uk
from forms.conditions import COMBINATORS, OPERATORS
from forms.messages import MESSAGES
from forms.model import QUESTION_TYPES, Group, Module, Question
from forms.questionnaire import (
    RESPONDENT_CODE_ALPHABET,
    RESPONDENT_CODE_LENGTH,
    get_questionnaire,
)
from forms.schema import MAX_BATCH_RECORDS

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


def _question(question: Question, t: Translate) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": question.key,
        "code": question.code,
        "type": question.type,
        "widget": question.qtype.widget,
        "label": t(question.label),
        "hint": t(question.hint) if question.hint else "",
        "required": question.required,
        "visible_when": question.visible_when,
        "free_text": question.qtype.free_text,
    }
    if question.options:
        out["options"] = [
            {
                "key": o.key,
                "label": t(o.label),
                "exclusive": o.exclusive,
                "visible_when": o.visible_when,
                "hidden_error": o.hidden_error,
            }
            for o in question.options
        ]
    # Ukrainian beside Polish (forms/uk.py): the phone shows it for one respondent.
    texts = uk.question_texts(question.key, [o.key for o in question.options])
    if texts:
        out["uk"] = texts["label"]
        for option in out.get("options", []):
            if option["key"] in texts["options"]:
                option["uk"] = texts["options"][option["key"]]
    for name in ("max_length", "max_choices", "subset_of"):
        if getattr(question, name) is not None:
            out[name] = getattr(question, name)
    if question.notices:
        out["notices"] = [
            {"key": n.key, "when": n.when, "text": t(n.text)} for n in question.notices
        ]
    if question.suggestions:
        out["suggestions"] = [t(s) for s in question.suggestions]
    return out


def _group(group: Group, t: Translate) -> dict[str, Any]:
    return {
        "key": group.key,
        "code": group.code,
        "type": "repeat" if group.repeat else "group",
        "label": t(group.label),
        "item_label": t(group.item_label) if group.item_label else "",
        "max_items": group.max_items,
        "min_items": group.min_items,
        "required": group.required,
        "required_error": group.required_error,
        "visible_when": group.visible_when,
        "hidden_error": group.hidden_error,
        "pii_check": group.pii_check,
        "stored_apart": group.stored_apart,
        "questions": [_question(q, t) for q in group.questions],
    }


def _module(module: Module, t: Translate) -> dict[str, Any]:
    return {
        "key": module.key,
        "code": module.code,
        "label": t(module.label),
        "visible_when": module.visible_when,
        "hidden_error": module.hidden_error,
        "items": [
            _group(i, t) if isinstance(i, Group) else _question(i, t) for i in module.items
        ],
    }


def client_definition(version: str, translate: Translate = _identity) -> dict[str, Any]:
    """The JSON-serialisable definition of questionnaire `version` for the offline page.

    Labels, hints, notices and messages go through `translate` (pass the app's gettext).
    A question is shown while its module's and its own `visible_when` hold; `required` (a
    boolean or a condition) applies only while it is shown; hidden questions are not sent.
    """
    questionnaire = get_questionnaire(version)
    return {
        "version": questionnaire.version,
        "title": translate(questionnaire.title),
        "clause_version": questionnaire.clause_version,
        "modules": [_module(m, translate) for m in questionnaire.modules],
        "question_types": {
            name: {"value": t.value, "widget": t.widget, "free_text": t.free_text}
            for name, t in QUESTION_TYPES.items()
        },
        "condition_language": {"operators": list(OPERATORS), "combinators": list(COMBINATORS)},
        "respondent_code": {
            "alphabet": RESPONDENT_CODE_ALPHABET,
            "length": RESPONDENT_CODE_LENGTH,
        },
        "limits": {"max_batch_records": MAX_BATCH_RECORDS},
        "messages": {key: translate(text) for key, text in MESSAGES.items()},
        "uk": {"name": uk.NAME, "yes": uk.YES, "no": uk.NO},
    }
