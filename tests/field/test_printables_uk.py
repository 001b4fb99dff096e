"""Printable pages in Ukrainian: the questionnaire (same page, `?jezyk=uk`) and the
information clause (DOMAIN §3 rule 3), with a warning that they await a native speaker."""

from __future__ import annotations

import html

from forms import uk
from forms.questionnaire import CURRENT_VERSION, get_questionnaire

REVIEW = "nie zostały jeszcze sprawdzone przez native speakera"


def test_the_printable_questionnaire_in_ukrainian_has_every_translated_question(client,
                                                                                 login):
    login("researcher")
    page = html.unescape(client.get("/kwestionariusz/druk?jezyk=uk").text)
    assert '<div lang="uk">' in page and uk.TITLE in page and REVIEW in page
    for question in get_questionnaire(CURRENT_VERSION).all_questions():
        label = uk.QUESTIONS.get(question.key, question.label)
        assert f"{question.code}</span> {label}" in page
        for option in question.options:
            assert f"☐ {uk.OPTIONS.get(question.key, {}).get(option.key, option.label)}" in page
    assert "Потреба 3" in page


def test_the_polish_printable_questionnaire_has_no_review_warning(client, login):
    login("manager")
    page = html.unescape(client.get("/kwestionariusz/druk").text)
    assert REVIEW not in page and 'lang="uk"' not in page
    assert "Diagnoza potrzeb mieszkańców" in page


def test_the_information_clause_prints_in_polish_and_in_ukrainian(client, login):
    login("researcher")
    polish = html.unescape(client.get("/klauzula/druk").text)
    ukrainian = html.unescape(client.get("/klauzula/druk?jezyk=uk").text)
    assert "Informacja o przetwarzaniu danych osobowych" in polish and REVIEW not in polish
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in polish
    assert '<article class="clause" lang="uk">' in ukrainian and REVIEW in ukrainian
    assert "Інформація про обробку персональних даних" in ukrainian
    assert "Контактні дані – 12 місяців" in ukrainian  # RETENTION_CONTACT_MONTHS
