"""The interview moves the page by itself only when it helps, at 360×640 (issue 12).

After a tap on an answer, a tick in a list or leaving a text question, the next question to
ask comes into view above the fixed "Dalej" bar; the keyboard never moves the page, and
the page never moves while the researcher types or under a finger tapping something else.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ON_SCREEN, Phone, go_past_consents, go_to_need_step, walking_phone

pytestmark = pytest.mark.browser

DESCRIPTION = "#q-needs-0-description-input"
D4_OGOL = 'label[for="q-needs-0-beneficiary-ogol"]'


@pytest.fixture
def phone(new_context, field_user) -> Phone:
    return walking_phone(new_context(), field_user)


def scroll_y(page: Page) -> int:
    return page.evaluate("Math.round(window.scrollY)")


def on_screen(page: Page, selector: str) -> bool:
    return page.locator(selector).evaluate(ON_SCREEN)


def fully_above_the_bar(page: Page, selector: str) -> bool:
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const bar = document.querySelector('.step-bar-actions').getBoundingClientRect();
            return box.top >= 0 && box.bottom <= bar.top;
        }""",
        selector,
    )


def test_the_keyboard_chooses_without_moving_the_page(phone):
    page = phone.page
    phone.tap("#new-visit")
    phone.choose("visit_outcome", "zrealizowany")
    phone.next()
    page.locator("#q-leaflet_given-true").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#q-leaflet_given-false")).to_be_checked()
    assert scroll_y(page) == 0
    phone.choose("leaflet_given", "true")  # the same answer tapped moves on to A2
    assert scroll_y(page) > 0 and on_screen(page, 'label[for="q-consent_interview-tak"]')


def test_typing_never_moves_the_page_and_leaving_the_text_brings_the_next_question(phone):
    page = phone.page
    go_to_need_step(phone)
    phone.tap(DESCRIPTION)
    before = scroll_y(page)
    page.keyboard.type("Brakuje zajęć dla dzieci po szkole.")
    assert scroll_y(page) == before
    assert not on_screen(page, D4_OGOL)
    page.locator(DESCRIPTION).blur()  # the keyboard's "Gotowe"
    # D2 was answered from C2: D3 (the next question still to ask) goes to the top, D4 under it.
    assert on_screen(page, D4_OGOL)
    assert page.locator("#q-needs-0-service_type").bounding_box()["y"] < 40


def test_a_tap_on_another_answer_after_typing_does_not_move_the_page(phone):
    page = phone.page
    go_to_need_step(phone)
    phone.tap(DESCRIPTION)
    page.locator(DESCRIPTION).fill("Brakuje zajęć dla dzieci po szkole.")
    before = scroll_y(page)
    phone.tap('label[for="q-needs-0-area-edukacja"]')  # D2's answer, on screen under D1
    page.wait_for_timeout(400)
    assert scroll_y(page) == before


def test_closing_the_phones_keyboard_counts_as_leaving_the_text(phone):
    page = phone.page
    go_to_need_step(phone)
    phone.tap(DESCRIPTION)
    page.set_viewport_size({"width": 360, "height": 330})  # the keyboard opens
    page.keyboard.type("Brakuje zajęć dla dzieci po szkole.")
    page.set_viewport_size({"width": 360, "height": 640})  # and closes: focus stays in D1
    expect(page.locator(DESCRIPTION)).to_be_focused()
    expect(page.locator(D4_OGOL)).to_be_in_viewport()
    assert on_screen(page, D4_OGOL)


def test_a_tick_in_a_long_list_brings_the_next_question_above_the_bar(phone):
    page = phone.page
    go_to_need_step(phone)
    phone.type("needs.0.description", "Brakuje zajęć dla dzieci po szkole.")
    phone.choose("needs.0.beneficiary", "ogol")
    assert not on_screen(page, "#q-needs-0-urgency")
    phone.choose("needs.0.target_groups", "seniorzy")
    assert fully_above_the_bar(page, "#q-needs-0-urgency")  # D6, whole
    # ...at the bottom of the screen: the end of the D5 list stays in view above it.
    assert on_screen(page, 'label[for="q-needs-0-target_groups-inna"]')


def test_a_tick_with_nothing_hidden_after_the_list_brings_up_the_rest_of_the_list(phone):
    page = phone.page
    go_past_consents(phone)
    phone.choose("age_band", "30_44")
    phone.choose("household_size", "2")
    phone.choose("household_members", "dorosli_18_59")
    phone.next()
    kultura = 'label[for="q-areas-kultura"]'
    assert not on_screen(page, kultura)
    phone.choose("areas", "pomoc_spoleczna")  # C2 only follows a second area: nothing below
    row = page.locator("#q-areas-pomoc_spoleczna").evaluate(
        "(i) => i.closest('.choice').getBoundingClientRect().top"
    )
    assert 0 <= row <= 20 and on_screen(page, kultura)
