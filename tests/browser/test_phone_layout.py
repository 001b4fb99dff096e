"""The phone at 360×640: no horizontal scroll, touch targets of 44 px, few taps."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    Phone,
    log_in,
    open_field_app,
    record_interview,
    record_nobody_home,
    start_walk,
)

pytestmark = pytest.mark.browser

#: Measured with tests/browser/helpers.record_interview (docs/field-guide.md gives the figures).
MAX_TAPS_TYPICAL_INTERVIEW = 54
MAX_TAPS_NOBODY_HOME = 2

SMALL_TARGETS = """() => {
  const selector = 'button, .button, .choice, summary, select, a.button, ' +
    'input:not([type=hidden]):not([type=radio]):not([type=checkbox])';
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el.id || el.className || el.tagName,
                  Math.round(el.getBoundingClientRect().height)])
    .filter(([, height]) => height < 44);
}"""


def assert_fits_phone(page: Page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= 360 and width[1] == 360, f"{page.url}: scrollWidth, innerWidth = {width}"
    assert page.evaluate(SMALL_TARGETS) == [], page.url


def test_phone_layout_fits_360_px_with_44_px_targets_and_few_taps(new_context, field_user):
    page = new_context().new_page()
    page.goto("/logowanie")
    assert_fits_phone(page)
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    assert_fits_phone(page)  # choosing campaign and locality
    phone = Phone(page)
    start_walk(phone)
    assert_fits_phone(page)

    phone.taps = 0
    phone.after_step = assert_fits_phone  # every screen of the interview
    record_interview(phone)
    assert phone.taps <= MAX_TAPS_TYPICAL_INTERVIEW
    phone.after_step = None
    assert_fits_phone(page)  # home with the outbox list

    phone.taps = 0
    record_nobody_home(phone)
    assert phone.taps <= MAX_TAPS_NOBODY_HOME

    expect(page.locator("#sync-status")).to_have_text(re.compile(r"Wysłano: [12]\. Czeka: 0\."))
    page.goto("/moje-wizyty")
    expect(page.locator("[data-module=my-visits]")).to_have_attribute("data-ready", "1")
    expect(page.locator(".visit-item")).to_have_count(2)
    assert_fits_phone(page)
