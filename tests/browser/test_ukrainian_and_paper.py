"""A respondent who reads Ukrainian, and an interview written on paper, at 360×640 (issue 12,
section 3)."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from researcher.extensions import db
from researcher.interviews.models import Visit
from tests.browser.helpers import (
    Phone,
    go_past_consents,
    log_in,
    open_field_app,
    outbox_records,
    record_minimal_interview,
    start_walk,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(new_context, field_user) -> Phone:
    page = new_context().new_page()
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    phone = Phone(page)
    start_walk(phone)
    return phone


def _switch_to_ukrainian(page: Page) -> None:
    switch = page.locator("#lang-switch")
    expect(switch).to_have_attribute("aria-pressed", "false")
    switch.click()
    expect(page.locator("#lang-switch")).to_have_attribute("aria-pressed", "true")


def _comparable(record: dict) -> dict:
    """What the respondent said: the answers, without the random respondent code."""
    data = dict(record["data"])
    data.pop("respondent_code", None)
    return {"form_version": record["form_version"], "data": data,
            "envelope": sorted(k for k in record if k not in ("stamp", "state", "updated"))}


def test_questions_and_answers_in_ukrainian_save_the_same_record_as_in_polish(app, phone):
    page = phone.page
    seen = {}

    def ukrainian(page: Page) -> None:
        _switch_to_ukrainian(page)
        phone.choose("visit_outcome", "zrealizowany")  # the researcher's question stays Polish
        expect(page.locator("#q-visit_outcome legend")).to_contain_text("Wynik wizyty")
        phone.next()
        legend = page.locator("#q-adult legend")
        expect(legend.locator("[lang=uk]")).to_have_text("Чи виповнилося Вам 18 років?")
        expect(legend.locator(".field__original")).to_have_text("Czy ukończył(a) Pan/Pani 18 lat?")
        expect(page.locator("label[for=q-adult-tak]")).to_have_text("Так")
        expect(page.locator("label[for=q-adult-tak]")).to_have_attribute("lang", "uk")
        expect(page.locator("label[for=q-leaflet_given-true]")).to_have_text("Так")
        # The researcher's interface stays Polish.
        expect(page.locator("#step-back")).to_have_text("Wstecz")
        expect(page.locator("#step-title")).to_have_text("Informacja i zgody")
        seen["uk"] = True
        page.locator("#step-back").click()

    page.context.set_offline(True)  # both stay in the outbox, to be compared
    record_minimal_interview(phone, on_open=ukrainian)
    assert seen["uk"]
    record_minimal_interview(phone)
    ukrainian_record, polish_record = sorted(outbox_records(page), key=lambda r: r["stamp"])
    assert _comparable(ukrainian_record) == _comparable(polish_record)

    page.context.set_offline(False)
    page.locator("#sync-now").tap()
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0")
    with app.app_context():
        stored = {v.uuid: {k: x for k, x in v.data.items() if k != "respondent_code"}
                  for v in db.session.scalars(db.select(Visit))}
        db.session.remove()
    assert stored[ukrainian_record["uuid"]] == stored[polish_record["uuid"]]


def test_the_switch_keeps_ukrainian_over_the_steps_of_one_interview_only(phone):
    page = phone.page
    go_past_consents(phone, on_open=_switch_to_ukrainian)
    expect(page.locator("label[for=q-age_band-odmowa]")).to_have_text("Відмова від відповіді")
    page.locator("#step-discard").click()
    page.locator("#step-discard").click()
    expect(page.locator("#field-home")).to_be_visible()
    phone.tap("#new-visit")
    expect(page.locator("#lang-switch")).to_have_attribute("aria-pressed", "false")


def test_a_paper_interview_is_entered_later_with_its_date_and_arrives_marked(
    app, phone, field_user
):
    page = phone.page
    page.locator("#paper-date").fill("2099-01-01")
    page.locator("#paper-start").click()
    expect(page.locator("#paper-error")).to_be_visible()  # not in the future
    expect(page.locator("#field-home")).to_be_visible()

    page.locator("#paper-date").fill("2026-03-04")
    page.locator("#paper-time").fill("16:30")
    page.context.set_offline(True)  # the record waits in the outbox, to be looked at
    record_minimal_interview(phone, open_with="#paper-start", on_open=lambda page: expect(
        page.locator("#paper-note")).to_contain_text("2026-03-04, 16:30"))
    [record] = outbox_records(page)
    assert record["from_paper"] is True
    assert record["recorded_at"] == "2026-03-04T16:30:00+01:00"
    expect(page.locator(".outbox-item").first).to_contain_text("2026-03-04 16:30 (z papieru)")

    page.context.set_offline(False)
    page.locator("#sync-now").tap()
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0")
    with app.app_context():
        visit = db.session.scalar(db.select(Visit).where(Visit.researcher_id == field_user.id))
        assert visit.from_paper is True
        assert visit.recorded_at == datetime(2026, 3, 4, 15, 30)  # 16:30 in Warsaw, UTC
        db.session.remove()


def test_a_step_shown_in_ukrainian_passes_axe_and_marks_its_language(phone):
    from tests.browser.test_every_page import check_page

    page = phone.page
    phone.tap("#new-visit")
    _switch_to_ukrainian(page)
    phone.choose("visit_outcome", "zrealizowany")
    phone.next()
    problems: list[str] = []
    check_page(page, "/teren step 2 in Ukrainian", problems)
    assert problems == []
    # Each Ukrainian text says so (lang="uk"); the page itself stays Polish.
    assert page.evaluate("document.documentElement.lang") == "pl"
    assert page.locator("#q-consent_interview legend [lang=uk]").count() == 1
