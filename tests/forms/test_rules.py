"""Every condition and rule of questionnaire 2026.1, checked through the record-data schema."""

from __future__ import annotations

import pytest

from forms.messages import MESSAGES, message

NOT_HELD = MESSAGES["interview_not_held"]
HIDDEN = MESSAGES["hidden_answer"]
REQUIRED = MESSAGES["required"]
NON_INTERVIEW = ["odmowa", "nikt", "inny_termin", "brak_doroslego", "niezamieszkany"]


def without_health_consent(data):
    """The fixture interview as it would be with A4 "Nie": no household health answers."""
    data["consent_health"] = "nie"
    del data["daily_help_needed"], data["informal_carer"]
    data["areas"] = ["pomoc_spoleczna", "edukacja", "inna"]
    data["top_areas"] = ["pomoc_spoleczna", "edukacja"]
    data["needs"][0]["target_groups"] = ["seniorzy_75"]
    return data


def test_complete_interview_with_three_needs_is_valid(data, errors_of):
    assert len(data["needs"]) == 3
    assert errors_of(data) == {}


# --- visit outcome ------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", NON_INTERVIEW)
def test_visit_without_interview_holds_only_the_visit(outcome, errors_of):
    assert errors_of({"campaign_id": 1, "locality_id": None, "visit_outcome": outcome}) == {}


@pytest.mark.parametrize("outcome", NON_INTERVIEW)
def test_visit_without_interview_rejects_answers(outcome, data, errors_of):
    data["visit_outcome"] = outcome
    errors = errors_of(data)
    assert errors["data.leaflet_given"] == [NOT_HELD]
    assert errors["data.age_band"] == [NOT_HELD]
    assert errors["data.needs"] == [NOT_HELD]
    assert errors["data.respondent_code"] == [NOT_HELD]


def test_visit_outcome_is_required(errors_of):
    assert errors_of({"campaign_id": 1})["data.visit_outcome"] == [REQUIRED]


def test_campaign_is_required(errors_of):
    assert errors_of({"visit_outcome": "nikt"})["data.campaign_id"] == [REQUIRED]


# --- consents A1-A5 -----------------------------------------------------------------------


def test_consents_are_required_when_an_interview_is_held(errors_of):
    errors = errors_of({"campaign_id": 1, "visit_outcome": "zrealizowany"})
    assert errors == {"data.leaflet_given": [REQUIRED]}


@pytest.mark.parametrize(
    ("answers", "first_hidden"),
    [
        ({"leaflet_given": False}, "consent_interview"),
        ({"leaflet_given": True, "consent_interview": "nie"}, "adult"),
        ({"leaflet_given": True, "consent_interview": "tak", "adult": "nie"}, "consent_health"),
    ],
    ids=["A1-not-given", "A2-nie", "A3-nie"],
)
def test_refusal_ends_the_interview(answers, first_hidden, data, errors_of):
    data.update(answers)
    errors = errors_of(data)
    assert errors[f"data.{first_hidden}"] == [HIDDEN]
    for later in ("age_band", "areas", "needs", "services_rating", "respondent_code"):
        assert errors[f"data.{later}"] == [NOT_HELD]


@pytest.mark.parametrize(
    "answers",
    [
        {"leaflet_given": False},
        {"leaflet_given": True, "consent_interview": "nie"},
        {"leaflet_given": True, "consent_interview": "tak", "adult": "nie"},
    ],
    ids=["A1-not-given", "A2-nie", "A3-nie"],
)
def test_ended_interview_with_no_further_answers_is_valid(answers, errors_of):
    assert errors_of({"campaign_id": 1, "visit_outcome": "zrealizowany", **answers}) == {}


def test_interrupted_interview_needs_only_consents_and_code(errors_of):
    data = {
        "campaign_id": 1, "locality_id": 1, "visit_outcome": "przerwany", "leaflet_given": True,
        "consent_interview": "tak", "adult": "tak", "consent_health": "nie",
        "respondent_code": "K7M4QX",
    }
    assert errors_of(data) == {}


def test_completed_interview_requires_its_required_questions(data, errors_of):
    for key in ("age_band", "household_members", "areas", "services_rating", "contact_requested"):
        del data[key]
    errors = errors_of(data)
    for key in ("age_band", "household_members", "areas", "services_rating", "contact_requested"):
        assert errors[f"data.{key}"] == [REQUIRED]


# --- A4 and sensitive data ----------------------------------------------------------------


def test_interview_without_health_consent_is_valid(data, errors_of):
    assert errors_of(without_health_consent(data)) == {}


@pytest.mark.parametrize("key", ["daily_help_needed", "informal_carer"])
def test_no_health_consent_hides_b5_and_b6(key, data, errors_of):
    without_health_consent(data)[key] = "tak"
    assert errors_of(data)[f"data.{key}"] == [HIDDEN]


@pytest.mark.parametrize("area", ["zdrowie", "niepelnosprawnosc", "reintegracja"])
def test_no_health_consent_rejects_health_areas_in_c1(area, data, errors_of):
    without_health_consent(data)["areas"].append(area)
    errors = errors_of(data)
    assert len(errors["data.areas"]) == 1
    assert "A4" in errors["data.areas"][0]


@pytest.mark.parametrize("beneficiary", ["respondent", "domownik", "rodzina", "sasiad"])
def test_no_health_consent_rejects_sensitive_groups_for_a_household_need(
    beneficiary, data, errors_of
):
    without_health_consent(data)
    data["needs"][0].update(beneficiary=beneficiary, target_groups=["osoby_niepelnosprawne"])
    errors = errors_of(data)
    assert list(errors) == ["data.needs.0.target_groups"]
    assert "A4" in errors["data.needs.0.target_groups"][0]


def test_no_health_consent_rejects_health_area_of_a_household_need(data, errors_of):
    without_health_consent(data)["needs"][0]["area"] = "zdrowie"
    assert list(errors_of(data)) == ["data.needs.0.area"]


def test_no_health_consent_allows_sensitive_groups_and_areas_for_the_community(data, errors_of):
    without_health_consent(data)
    need = data["needs"][2]
    assert need["beneficiary"] == "ogol" and need["area"] == "zdrowie"
    need["target_groups"] = ["osoby_niepelnosprawne", "uzaleznienia", "przemoc"]
    assert errors_of(data) == {}


def test_community_gaps_allow_health_areas_without_consent(data, errors_of):
    without_health_consent(data)["community_gaps"] = ["zdrowie", "niepelnosprawnosc"]
    assert errors_of(data) == {}


# --- C1, C2 -------------------------------------------------------------------------------


def test_no_needs_option_is_exclusive(data, errors_of):
    data["areas"] = ["brak_potrzeb", "kultura"]
    del data["top_areas"], data["areas_other"], data["needs"]
    label = "Nie potrzebujemy obecnie wsparcia"
    assert errors_of(data)["data.areas"] == [message("exclusive_choice", label=label)]


def test_no_needs_answer_is_valid_without_need_records(data, errors_of):
    data["areas"] = ["brak_potrzeb"]
    del data["top_areas"], data["areas_other"], data["needs"]
    assert errors_of(data) == {}


def test_no_needs_answer_rejects_need_records(data, errors_of):
    data["areas"] = ["brak_potrzeb"]
    del data["top_areas"], data["areas_other"]
    assert errors_of(data) == {"data.needs": [HIDDEN]}


def test_other_area_requires_its_description(data, errors_of):
    del data["areas_other"]
    assert errors_of(data) == {"data.areas_other": [REQUIRED]}


def test_other_area_description_only_with_other_area(data, errors_of):
    data["areas"].remove("inna")
    assert errors_of(data) == {"data.areas_other": [HIDDEN]}


def test_most_important_areas_required_when_two_or_more_chosen(data, errors_of):
    del data["top_areas"]
    assert errors_of(data) == {"data.top_areas": [REQUIRED]}


def test_most_important_areas_hidden_when_one_area_chosen(data, errors_of):
    data["areas"], data["top_areas"] = ["edukacja"], ["edukacja"]
    del data["areas_other"]
    assert errors_of(data) == {"data.top_areas": [HIDDEN]}


def test_at_most_three_most_important_areas(data, errors_of):
    data["top_areas"] = ["pomoc_spoleczna", "edukacja", "zdrowie", "inna"]
    assert errors_of(data) == {"data.top_areas": [message("too_many_choices", max=3)]}


def test_most_important_areas_come_from_c1(data, errors_of):
    data["top_areas"] = ["pomoc_spoleczna", "kultura"]
    assert errors_of(data) == {"data.top_areas": [message("not_subset", code="C1")]}


# --- D: need records ----------------------------------------------------------------------


def test_completed_interview_requires_a_need_record(data, errors_of):
    data["needs"] = []
    assert errors_of(data) == {"data.needs": [MESSAGES["need_required"]]}


def test_at_most_three_needs(data, errors_of):
    data["needs"].append(dict(data["needs"][1]))
    assert errors_of(data) == {"data.needs": [message("too_many_items", max=3)]}


def test_need_description_of_300_characters_is_valid(data, errors_of):
    data["needs"][0]["description"] = "a" * 300
    assert errors_of(data) == {}


def test_need_description_over_300_characters_is_rejected(data, errors_of):
    data["needs"][0]["description"] = "a" * 301
    assert errors_of(data) == {"data.needs.0.description": [message("too_long", max=300)]}


@pytest.mark.parametrize("key", ["description", "area", "beneficiary", "target_groups",
                                 "urgency", "met_status", "preferred_forms"])
def test_need_fields_are_required(key, data, errors_of):
    del data["needs"][1][key]
    assert errors_of(data) == {f"data.needs.1.{key}": [REQUIRED]}


@pytest.mark.parametrize("met_status", ["pelne", "czesciowe"])
def test_met_by_required_when_need_is_met(met_status, data, errors_of):
    data["needs"][1]["met_status"] = met_status
    assert errors_of(data) == {"data.needs.1.met_by": [REQUIRED]}


@pytest.mark.parametrize("met_status", ["brak", "nie_wiem"])
def test_met_by_only_when_need_is_met(met_status, data, errors_of):
    data["needs"][0]["met_status"] = met_status
    assert errors_of(data) == {"data.needs.0.met_by": [HIDDEN]}


def test_other_target_group_requires_its_description(data, errors_of):
    data["needs"][1]["target_groups"].append("inna")
    assert errors_of(data) == {"data.needs.1.target_groups_other": [REQUIRED]}


def test_urgent_need_is_valid(data, errors_of):
    data["needs"][0]["urgency"] = "pilna"
    assert errors_of(data) == {}


# --- F: closing ---------------------------------------------------------------------------


def test_contact_is_allowed_when_requested(data, errors_of):
    data["contact_requested"] = True
    data["contact"] = {"name": "Anna", "phone_or_email": "600 123 456", "when": "po 16"}
    assert errors_of(data) == {}


def test_contact_is_rejected_when_not_requested(data, errors_of):
    data["contact"] = {"name": "Anna", "phone_or_email": "600 123 456"}
    assert errors_of(data) == {"data.contact": [MESSAGES["contact_not_requested"]]}


def test_contact_needs_a_phone_or_email(data, errors_of):
    data["contact_requested"] = True
    data["contact"] = {"name": "Anna"}
    assert errors_of(data) == {"data.contact.phone_or_email": [REQUIRED]}


def test_respondent_code_is_required(data, errors_of):
    del data["respondent_code"]
    assert errors_of(data) == {"data.respondent_code": [REQUIRED]}


@pytest.mark.parametrize("code", ["K7M4Q", "K7M4QX1", "k7m4qx", "K0M4QX"])
def test_respondent_code_has_six_characters_of_its_alphabet(code, data, errors_of):
    data["respondent_code"] = code
    assert list(errors_of(data)) == ["data.respondent_code"]


def test_researcher_note_is_limited_to_500_characters(data, errors_of):
    data["researcher_note"] = "x" * 501
    assert errors_of(data) == {"data.researcher_note": [message("too_long", max=500)]}
