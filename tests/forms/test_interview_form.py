"""The Flask-WTF interview form built from the definition, and its round trip to record data."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from forms.interview_form import (
    apply_errors,
    build_interview_form,
    form_to_record_data,
    record_data_to_formdata,
)
from forms.questionnaire import RESPONDENT_CODE_PATTERN


@pytest.fixture
def form_class():
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False)
    with app.test_request_context():
        yield build_interview_form("2026.1")


def test_form_has_a_field_per_question_and_three_need_slots(form_class):
    form = form_class()
    assert form.visit_outcome.type == "RadioField"
    assert form.household_members.type == "SelectMultipleField"
    assert form.researcher_note.type == "TextAreaField"
    assert len(form.needs.entries) == 3
    assert form.needs.max_entries == 3
    assert form.needs[0].form.urgency.type == "RadioField"
    assert form.contact.form.phone_or_email.type == "StringField"


def test_multi_select_renders_as_checkboxes(form_class):
    html = str(form_class().household_members)
    assert html.count('type="checkbox"') == 6


def test_new_form_gets_a_respondent_code(form_class):
    assert RESPONDENT_CODE_PATTERN.fullmatch(form_class().respondent_code.data)


def test_form_is_built_once_per_version(form_class):
    assert build_interview_form("2026.1") is form_class


def test_record_data_survives_form_round_trip(form_class, data, errors_of):
    form = form_class(formdata=record_data_to_formdata(data))
    assert form_to_record_data(form) == data
    assert errors_of(form_to_record_data(form)) == {}


def test_contact_survives_form_round_trip(form_class, data):
    data["contact_requested"] = True
    data["contact"] = {"name": "Anna", "phone_or_email": "600 123 456"}
    form = form_class(formdata=record_data_to_formdata(data))
    assert form_to_record_data(form)["contact"] == data["contact"]


def test_formdata_uses_wtforms_names(data):
    formdata = record_data_to_formdata(data)
    assert formdata["needs-1-urgency"] == "12m"
    assert formdata.getlist("household_members") == data["household_members"]
    assert formdata["leaflet_given"] == "true"


def test_empty_need_slots_are_left_out(form_class, data):
    data["needs"] = data["needs"][:1]
    form = form_class(formdata=record_data_to_formdata(data))
    assert len(form_to_record_data(form)["needs"]) == 1


def test_visit_without_interview_keeps_only_the_visit(form_class, data):
    data["visit_outcome"] = "nikt"
    form = form_class(formdata=record_data_to_formdata(data))
    assert form_to_record_data(form) == {"campaign_id": 1, "locality_id": 1,
                                         "visit_outcome": "nikt"}


def test_missing_locality_becomes_null(form_class):
    form = form_class(formdata=MultiDict({"campaign_id": "1", "visit_outcome": "odmowa"}))
    assert form_to_record_data(form) == {"campaign_id": 1, "locality_id": None,
                                         "visit_outcome": "odmowa"}


def test_non_numeric_campaign_is_left_for_the_schema(form_class, errors_of):
    form = form_class(formdata=MultiDict({"campaign_id": "abc", "visit_outcome": "odmowa"}))
    data = form_to_record_data(form)
    assert list(errors_of(data)) == ["data.campaign_id"]


def test_form_has_no_rules_of_its_own(form_class):
    form = form_class(formdata=MultiDict({"visit_outcome": "nieznany"}))
    assert form.validate()


def test_schema_errors_are_attached_to_form_fields(form_class, data, errors_of):
    data["needs"][1]["urgency"] = "wczoraj"
    form = form_class(formdata=record_data_to_formdata(data))
    errors = errors_of(form_to_record_data(form))
    assert apply_errors(form, errors) == []
    assert form.needs[1].form.urgency.errors == errors["data.needs.1.urgency"]


def test_errors_about_the_need_list_go_to_the_summary(form_class):
    form = form_class()
    assert apply_errors(form, {"data.needs": ["Brak potrzeb."]}) == ["Brak potrzeb."]


def test_labels_pass_through_translate(data):
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False)
    with app.test_request_context():
        form = build_interview_form("2026.1", str.upper)()
    assert form.visit_outcome.label.text == "WYNIK WIZYTY"
    assert form.visit_outcome.choices[2].label == "ODMOWA"
