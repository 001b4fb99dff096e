"""The questionnaire on paper (/kwestionariusz/druk), for when a phone dies."""

from __future__ import annotations

import html

import pytest

from forms.questionnaire import CURRENT_VERSION, get_questionnaire


@pytest.mark.parametrize("role", ["researcher", "manager", "admin"])
def test_every_question_and_option_is_on_the_printable_questionnaire(client, login, role):
    login(role)
    page = html.unescape(client.get("/kwestionariusz/druk").text)
    for question in get_questionnaire(CURRENT_VERSION).all_questions():
        assert f"{question.code}</span> {question.label}" in page
        for option in question.options:
            assert f"☐ {option.label}" in page
    assert page.count("Potrzeba ") >= 3  # a page for each of the three need records


def test_the_printable_questionnaire_prints_on_a4_without_the_menu(client, login):
    login("researcher")
    assert 'class="printable"' in client.get("/kwestionariusz/druk").text
    css = client.get("/static/css/app.css").text
    assert "size: A4" in css and ".site-header, .site-footer" in css
