"""Ukrainian texts for one respondent (forms/uk.py): defined once, delivered with the
questionnaire JSON the phone caches, never part of the record."""

from __future__ import annotations

from forms import uk
from forms.client import client_definition
from forms.questionnaire import CURRENT_VERSION, get_questionnaire

#: Asked of (or filled by) the researcher, not the respondent: they stay Polish.
RESEARCHER_ONLY = {"campaign_id", "locality_id", "visit_outcome", "researcher_note"}


def _questions():
    return list(get_questionnaire(CURRENT_VERSION).all_questions())


def test_every_question_put_to_the_respondent_has_a_ukrainian_label_and_options():
    missing = []
    for question in _questions():
        if question.key in RESEARCHER_ONLY:
            continue
        texts = uk.question_texts(question.key, [o.key for o in question.options])
        if texts is None:
            missing.append(question.key)
            continue
        missing += [f"{question.key}.{o.key}" for o in question.options
                    if o.key not in texts["options"]]
    assert missing == []


def test_the_catalogue_names_only_questions_and_options_that_exist():
    questions = {q.key: q for q in _questions()}
    assert set(uk.QUESTIONS) <= set(questions)
    stale = [f"{key}.{option}" for key, options in uk.OPTIONS.items() for option in options
             if questions[key].option(option) is None]
    assert stale == []


def test_the_questionnaire_json_carries_ukrainian_beside_polish():
    definition = client_definition(CURRENT_VERSION)
    consents = next(m for m in definition["modules"] if m["key"] == "consents")
    adult = next(q for q in consents["items"] if q["key"] == "adult")
    assert adult["label"] == "Czy ukończył(a) Pan/Pani 18 lat?"
    assert adult["uk"] == "Чи виповнилося Вам 18 років?"
    assert [(o["key"], o["label"], o["uk"]) for o in adult["options"]] == [
        ("tak", "Tak", "Так"), ("nie", "Nie", "Ні")]
    assert definition["uk"] == {"name": "Українська", "yes": "Так", "no": "Ні"}
    visit = next(m for m in definition["modules"] if m["key"] == "visit")
    outcome = next(q for q in visit["items"] if q["key"] == "visit_outcome")
    assert "uk" not in outcome  # the researcher's own question
