"""Steering on the phone (360×640): assigned localities first, the others marked; the form's
opening and finishing times reach the server; a "do wyjaśnienia" visit is corrected from
"Moje wizyty" and keeps its interview's duration."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from researcher.auth.models import MANAGER
from researcher.auth.services import create_user
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.models import Visit
from researcher.steering.models import LocalityAssignment
from researcher.steering.reviews import open_review
from tests.browser.helpers import Phone, log_in, open_field_app, record_interview, start_walk

pytestmark = pytest.mark.browser


def _assign_last_locality(app, field_user) -> tuple[int, str]:
    with app.app_context():
        campaign = db.session.get(Campaign, field_user.campaign_id)
        last = campaign.gmina.localities[-1]
        db.session.add(LocalityAssignment(campaign_id=campaign.id, locality_id=last.id,
                                          user_id=field_user.id))
        db.session.commit()
        found = (last.id, last.name)
        db.session.remove()
    return found


def test_the_walk_offers_assigned_localities_first_and_a_visit_carries_its_timing(
    app, new_context, field_user
):
    assigned_id, assigned_name = _assign_last_locality(app, field_user)
    page = new_context().new_page()
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    options = page.locator("#walk-locality .choice")
    expect(options.first).to_contain_text(assigned_name)
    expect(options.first).to_contain_text("w Twoim przydziale")
    expect(options.nth(1)).to_contain_text("poza przydziałem")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    phone = Phone(page)
    other = options.nth(1).locator("input").get_attribute("value")
    start_walk(phone, int(other))  # a locality outside the assignment is still possible
    record_interview(phone, needs=1)
    expect(page.locator("#sync-status")).to_contain_text("Wysłano: 1")

    with app.app_context():
        visit = db.session.scalar(db.select(Visit).where(Visit.researcher_id == field_user.id))
        assert visit.locality_id == int(other) != assigned_id
        assert visit.opened_at is not None and visit.finished_at is not None
        assert visit.opened_at <= visit.finished_at
        timing = (visit.opened_at, visit.finished_at)
        manager = create_user(f"m-{field_user.id}@example.org", MANAGER, "haslo-menedzera-1",
                              "Koordynatorka")
        open_review(visit, "Sprawdź ocenę usług.", manager)
        db.session.commit()
        uuid = visit.uuid
        db.session.remove()

    page.goto("/moje-wizyty")
    review = page.locator(f'[data-review-uuid="{uuid}"]')
    expect(review).to_contain_text("Sprawdź ocenę usług.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    review.locator("a").click()
    open_field_app(page)
    while not page.locator("#q-services_rating").is_visible():
        phone.next()
    phone.choose("services_rating", "bardzo_zle")
    phone.next()
    phone.next()  # the last screen saves
    expect(page.locator("#sync-status")).to_contain_text("Wysłano: 1")

    with app.app_context():
        visit = db.session.scalar(db.select(Visit).where(Visit.uuid == uuid))
        assert (visit.revision, visit.services_rating) == (2, "bardzo_zle")
        assert (visit.opened_at, visit.finished_at) == timing  # the interview's, kept
        db.session.execute(db.delete(LocalityAssignment).where(
            LocalityAssignment.user_id == field_user.id))
        db.session.commit()
