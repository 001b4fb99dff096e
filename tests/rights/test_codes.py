"""Respondent codes as residents read them back."""

from datetime import date

from researcher.rights.codes import candidates, code_hash
from researcher.rights.requests import one_month_after


def test_case_spaces_and_hyphens_do_not_matter():
    assert candidates(" k7m-4qx ") == ["K7M4QX"]


def test_look_alike_characters_give_every_code_they_may_stand_for():
    assert candidates("K1M4OX") == ["K7M4DX", "K7M4QX", "KTM4DX", "KTM4QX"]
    assert "K7M4QX" in candidates("kIm40x") and "K7M4QX" in candidates("Klm4Qx")


def test_what_cannot_be_a_code_gives_nothing():
    assert candidates("K7M4Q") == [] and candidates("K7M4QXX") == [] and candidates("SSSSSS") == []


def test_the_hash_is_salted_and_ignores_spelling(app_context):
    assert code_hash("k7m 4qx") == code_hash("K7M4QX")
    assert "K7M4QX" not in code_hash("K7M4QX") and len(code_hash("K7M4QX")) == 64


def test_the_deadline_is_one_calendar_month():
    assert one_month_after(date(2026, 3, 15)) == date(2026, 4, 15)
    assert one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert one_month_after(date(2026, 12, 20)) == date(2027, 1, 20)
