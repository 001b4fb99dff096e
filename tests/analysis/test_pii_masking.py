"""Masking personal data in free text: what the cheap gates in front of the patterns let through."""

from analysis.pii import find_pii, mask_pii


def test_an_email_written_out_without_at_or_digits_is_masked():
    assert mask_pii("pisać na jan małpa gmail kropka com") == "pisać na [EMAIL]"
    assert mask_pii("adres jan (at) wp (dot) pl") == "adres [EMAIL]"


def test_kinds_that_hold_digits_are_masked_beside_a_name():
    text = "Anna Nowak, PESEL 44051401359, tel. 600 123 456, ul. Kwiatowa 5/3"
    assert mask_pii(text) == "Anna Nowak, PESEL [PESEL], tel. [TELEFON], [ADRES]"
    assert "name" in {m.kind for m in find_pii(text)}  # found for the warning, never masked


def test_text_without_digits_or_email_is_left_as_it_is():
    text = "Potrzebna opieka dla mamy (po udarze), Jan Kowalski pomaga."
    assert mask_pii(text) == text
