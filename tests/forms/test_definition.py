"""The questionnaire definition 2026.1: structure, registry, keys, conditions as data."""

from __future__ import annotations

import re

import pytest

from forms import interview_form, schema
from forms.conditions import evaluate, is_well_formed, referenced_keys
from forms.model import QUESTION_TYPES, Group, prune_hidden
from forms.questionnaire import (
    CURRENT_VERSION,
    QUESTIONNAIRES,
    RESPONDENT_CODE_PATTERN,
    UnknownVersion,
    get_questionnaire,
    new_respondent_code,
)
from forms.vocabulary import AREA_KEYS, TARGET_GROUPS

Q = get_questionnaire("2026.1")


def _all_conditions():
    for module in Q.modules:
        yield module.visible_when
        for item in module.items:
            yield item.visible_when
            yield item.required
            questions = item.questions if isinstance(item, Group) else (item,)
            for question in questions:
                yield question.visible_when
                yield question.required
                yield from (o.visible_when for o in question.options)
                yield from (n.when for n in question.notices)


def test_current_version_is_published():
    assert CURRENT_VERSION == "2026.1"
    assert QUESTIONNAIRES[CURRENT_VERSION] is Q


def test_unknown_version_raises():
    with pytest.raises(UnknownVersion):
        get_questionnaire("1999.1")


def test_modules_follow_the_questionnaire_order():
    assert [m.code for m in Q.modules] == ["W", "A", "B", "C", "D", "E", "F"]


def test_top_level_keys_follow_the_record_contract():
    keys = [item.key for _, item in Q.items()]
    assert keys[:3] == ["campaign_id", "locality_id", "visit_outcome"]
    assert {"needs", "contact", "respondent_code", "consent_health", "areas", "top_areas"} <= set(
        keys
    )


def test_need_record_has_the_fields_d1_to_d12():
    needs = Q.item("needs")
    assert [q.key for q in needs.questions if "." not in q.code] == [
        "description", "area", "service_type", "beneficiary", "target_groups", "urgency",
        "met_status", "met_by", "barriers", "preferred_forms", "frequency", "access_view",
    ]
    assert [q.code for q in needs.questions if "." not in q.code] == [f"D{i}" for i in range(1, 13)]


def test_keys_inside_groups_do_not_shadow_top_level_keys():
    top = {item.key for _, item in Q.items()}
    for _, group in Q.groups():
        assert not top & {q.key for q in group.questions}


def test_option_keys_are_ascii_snake_case_and_unique():
    for question in Q.all_questions():
        keys = [o.key for o in question.options]
        assert len(keys) == len(set(keys)), question.key
        assert all(re.fullmatch(r"[a-z0-9_]+", k) for k in keys), question.key


def test_every_question_has_a_registered_type_and_a_label():
    for question in Q.all_questions():
        assert question.type in QUESTION_TYPES
        assert question.label.strip()
        assert all(o.label.strip() for o in question.options)


def test_every_question_type_has_a_schema_and_a_form_builder():
    assert set(schema.FIELD_BUILDERS) == set(QUESTION_TYPES)
    assert set(interview_form.FIELD_BUILDERS) == set(QUESTION_TYPES)


def test_every_condition_is_well_formed_and_names_a_question():
    known = {q.key for q in Q.all_questions()}
    for condition in _all_conditions():
        assert is_well_formed(condition), condition
        assert set(referenced_keys(condition)) <= known, condition


def test_c1_offers_the_fourteen_areas_then_other_and_no_needs():
    keys = [o.key for o in Q.item("areas").options]
    assert keys == [*AREA_KEYS, "inna", "brak_potrzeb"]
    assert Q.item("areas").option("brak_potrzeb").exclusive


def test_target_groups_are_the_shared_vocabulary():
    assert [o.key for o in Q.item("needs").questions[4].options] == [g.key for g in TARGET_GROUPS]


def test_visit_outcomes():
    assert [o.key for o in Q.item("visit_outcome").options] == [
        "zrealizowany", "przerwany", "odmowa", "nikt", "inny_termin", "brak_doroslego",
        "niezamieszkany",
    ]


def test_urgent_need_carries_the_safeguarding_prompt():
    urgency = next(q for q in Q.item("needs").questions if q.key == "urgency")
    (notice,) = urgency.notices
    assert evaluate(notice.when, {"urgency": "pilna"})
    assert not evaluate(notice.when, {"urgency": "3m"})
    assert "112" in notice.text and "F1" in notice.text


def test_needs_are_limited_to_three():
    assert Q.item("needs").max_items == 3


def test_need_description_is_limited_to_300_characters():
    assert Q.item("needs").questions[0].max_length == 300


def test_contact_is_stored_apart_and_not_scanned_for_personal_data():
    contact = Q.item("contact")
    assert contact.stored_apart and not contact.pii_check
    assert [q.key for q in contact.questions] == ["name", "phone_or_email", "when"]


def test_respondent_codes_are_six_unambiguous_characters():
    codes = {new_respondent_code() for _ in range(200)}
    assert len(codes) > 190
    assert all(RESPONDENT_CODE_PATTERN.fullmatch(c) for c in codes)
    assert not set("".join(codes)) & set("0O1IL2Z5S6G8B")


def test_condition_compares_json_values_strictly():
    assert not evaluate({"q": "leaflet_given", "eq": True}, {"leaflet_given": 1})
    assert evaluate({"q": "areas", "min_count": 2}, {"areas": ["a", "b"]})
    assert not evaluate({"q": "areas", "has": "a"}, {"areas": "a"})


def test_prune_hidden_drops_answers_the_visit_outcome_hides(data):
    data["visit_outcome"] = "nikt"
    assert prune_hidden(Q, data) == {"campaign_id": 1, "locality_id": 1, "visit_outcome": "nikt"}


def test_prune_hidden_drops_met_by_of_an_unmet_need(data):
    data["needs"][1]["met_by"] = ["rodzina"]
    assert "met_by" not in prune_hidden(Q, data)["needs"][1]
