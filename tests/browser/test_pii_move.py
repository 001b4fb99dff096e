"""Issue 11, section 4 on the phone: a phone number, e-mail or address dictated into a
free-text answer moves into the contact form when the respondent asked for contact (F1)."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import Phone, log_in, open_field_app, put_records, start_walk

pytestmark = pytest.mark.browser

DESCRIPTION = "Mama potrzebuje opieki, proszę dzwonić na tel. 600 700 800 po 16."


@pytest.fixture
def phone(new_context, field_user) -> Phone:
    page = new_context().new_page()
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    phone = Phone(page)
    start_walk(phone)
    return phone


def waiting_interview(field_user, page: Page, contact_requested: bool) -> dict:
    locality = int(page.locator("#walk-locality input").first.get_attribute("value")) \
        if page.locator("#walk-locality input").count() else None
    data = {"campaign_id": field_user.campaign_id, "locality_id": locality,
            "visit_outcome": "zrealizowany", "leaflet_given": True,
            "consent_interview": "tak", "adult": "tak", "consent_health": "nie",
            "age_band": "30_44", "household_size": "2",
            "household_members": ["dorosli_18_59"], "areas": ["pomoc_spoleczna"],
            "needs": [{"description": DESCRIPTION, "area": "pomoc_spoleczna",
                       "beneficiary": "domownik", "target_groups": ["seniorzy"],
                       "urgency": "3m", "met_status": "brak", "preferred_forms": ["w_domu"]}],
            "services_rating": "ani_ani", "contact_requested": contact_requested,
            "respondent_code": "ACDEFH"}
    if contact_requested:
        data["contact"] = {"name": "Anna", "when": "po południu"}
    return {"uuid": str(uuid.uuid4()), "revision": 1, "form_version": "2026.1",
            "recorded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "researcher_id": field_user.id, "data": data}


def open_need_step(phone: Phone, record: dict) -> None:
    page = phone.page
    page.context.set_offline(True)  # the record stays in the outbox (opened from there)
    put_records(page, [record])
    page.goto(f"/teren#wizyta={record['uuid']}")
    page.reload()  # a new hash alone does not load the page again
    open_field_app(page)
    description = page.locator("#q-needs-0-description-input")
    for _ in range(6):
        if description.is_visible():
            break
        phone.next()
    expect(description).to_be_visible()


def test_a_phone_number_moves_into_the_contact_form_when_contact_was_asked_for(phone, field_user):
    page = phone.page
    open_need_step(phone, waiting_interview(field_user, page, contact_requested=True))
    expect(page.locator("#q-needs-0-description-pii")).to_contain_text("telefon")
    move = page.get_by_role("button", name="Przenieś do danych kontaktowych")
    expect(move).to_be_visible()
    assert move.evaluate("(el) => el.getBoundingClientRect().height") >= 44
    move.tap()
    description = page.locator("#q-needs-0-description-input")
    expect(description).to_have_value("Mama potrzebuje opieki, proszę dzwonić po 16.")
    expect(move).to_be_hidden()
    expect(page.locator("#q-needs-0-description-pii")).to_contain_text(
        "Przeniesiono do danych kontaktowych")
    for _ in range(3):
        if page.locator("#q-contact-phone_or_email-input").is_visible():
            break
        phone.next()
    expect(page.locator("#q-contact-phone_or_email-input")).to_have_value("600 700 800")
    expect(page.locator("#q-contact-name-input")).to_have_value("Anna")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_without_consent_to_contact_only_the_warning_is_shown(phone, field_user):
    page = phone.page
    open_need_step(phone, waiting_interview(field_user, page, contact_requested=False))
    expect(page.locator("#q-needs-0-description-pii")).to_contain_text("telefon")
    expect(page.get_by_role("button", name="Przenieś do danych kontaktowych")).to_be_hidden()


def test_e_mails_and_addresses_move_too_and_join_what_the_contact_form_holds(phone):
    moved = phone.page.evaluate("""async () => {
        const m = await import('/static/js/field/pii-move.js');
        const taken = m.takeContactData(
          'Pisać na e-mail: jan.kowal@example.com albo przyjść na ul. Lipowa 5/2, dziękuję.');
        return {taken, contact: m.withContactValues({name: 'Jan', phone_or_email: '600 700 800'},
                                                    taken.moved)};
    }""")
    assert moved["taken"]["moved"] == ["jan.kowal@example.com", "ul. Lipowa 5/2"]
    assert moved["taken"]["text"] == "Pisać albo przyjść na, dziękuję."
    assert moved["contact"] == {
        "name": "Jan", "phone_or_email": "600 700 800; jan.kowal@example.com; ul. Lipowa 5/2"}


def test_answering_f1_yes_after_the_need_offers_to_move_what_the_need_text_holds(
        phone, field_user):
    page = phone.page
    record = waiting_interview(field_user, page, contact_requested=False)
    del record["data"]["contact_requested"]  # F1 not asked yet: the need came first
    open_need_step(phone, record)
    phone.next()  # the need
    phone.next()  # E: community
    expect(page.locator("#q-contact_requested")).to_be_visible()
    expect(page.locator("#pii-gather")).to_be_hidden()
    phone.choose("contact_requested", "true")
    gather = page.locator("#pii-gather")
    expect(gather).to_contain_text("D1")
    page.locator("#pii-gather-move").tap()
    expect(page.locator("#q-contact-phone_or_email-input")).to_have_value("600 700 800")
    expect(gather).to_contain_text("Przeniesiono do danych kontaktowych (F1): 1.")
    phone.tap("#step-back")
    phone.tap("#step-back")
    expect(page.locator("#q-needs-0-description-input")).to_have_value(
        "Mama potrzebuje opieki, proszę dzwonić po 16.")
