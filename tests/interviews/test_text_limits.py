"""Nothing a researcher typed is cut: text over a limit comes back as a field error.

The limits live in the questionnaire (forms/definition_*.py, `max_length`); the sync schema
and the HTML form both take them from there.
"""

from __future__ import annotations

from forms.interview_form import build_interview_form
from forms.questionnaire import CURRENT_VERSION
from researcher.extensions import db
from researcher.interviews.models import Need, QuarantinedRecord
from tests.interviews.conftest import batch

LONG = "Potrzebna pomoc w zakupach i sprzątaniu. " * 50  # about 2,000 characters


def test_a_description_over_its_limit_is_a_field_error_and_never_stored_cut(
    client, login, demo, interview
):
    login("researcher")
    record = interview()
    record["data"]["needs"][0]["description"] = LONG
    result = client.post("/api/v1/sync", json=batch(record)).get_json()["results"][0]
    assert result["status"] == "rejected"
    assert result["errors"]["data.needs.0.description"] == ["Najwyżej 300 znaków."]
    assert db.session.scalar(db.select(db.func.count()).select_from(Need)) == 0
    kept = db.session.scalar(db.select(QuarantinedRecord))
    assert kept.payload["data"]["needs"][0]["description"] == LONG


def test_every_text_question_with_a_limit_answers_a_field_error(client, login, demo, interview):
    login("researcher")
    record = interview()
    record["data"]["areas"] = [*record["data"]["areas"], "inna"]
    record["data"]["areas_other"] = "x" * 201
    result = client.post("/api/v1/sync", json=batch(record)).get_json()["results"][0]
    assert result["errors"]["data.areas_other"] == ["Najwyżej 200 znaków."]


def test_the_html_interview_form_has_no_maxlength_that_would_cut_a_paste(app):
    with app.test_request_context():
        form = build_interview_form(CURRENT_VERSION)(meta={"csrf": False})
        rendered = str(form.needs[0].form["description"]()) + str(form.areas_other())
    assert "maxlength" not in rendered
