"""The steering pages on demo data (a plan, timed interviews, an open "do wyjaśnienia" thread)
pass axe-core at 360×640 and 1280×800, with unique ids and no raw codes: the plan, "Postęp
badania", a visit with its thread, and the researcher's "Moje wizyty" with the question."""

from __future__ import annotations

import uuid

import pytest

from researcher.auth.models import RESEARCHER, User
from researcher.auth.services import set_password
from researcher.demo.services import seed_demo
from researcher.extensions import db
from researcher.interviews.models import Visit
from researcher.steering.models import VisitReview
from tests.browser.helpers import log_in
from tests.browser.test_every_page import check_page
from tests.conftest import empty_tables

pytestmark = pytest.mark.browser

PASSWORD = "haslo-do-przegladu-456"


@pytest.fixture
def steering_demo(app, csrf_on):
    from researcher.auth.services import create_user

    with app.app_context():
        empty_tables()
        report = seed_demo(visits=60)
        manager = create_user(f"m-{uuid.uuid4().hex[:6]}@example.org", "manager", PASSWORD,
                              "Koordynatorka")
        review = db.session.scalar(db.select(VisitReview))
        visit = db.session.get(Visit, review.visit_id)
        researcher = db.session.get(User, visit.researcher_id)
        assert researcher.role == RESEARCHER
        set_password(researcher, PASSWORD)
        db.session.commit()
        found = {"manager": manager.email, "researcher": researcher.email,
                 "campaign": report.campaign_id, "visit": visit.id}
        db.session.remove()
    return found


def test_the_steering_pages_pass_axe_with_unique_ids_and_no_raw_codes(
    new_context, steering_demo
):
    problems: list[str] = []
    page = new_context().new_page()
    log_in(page, steering_demo["manager"], PASSWORD, next_path="/")
    for path in (f"/postep?kampania={steering_demo['campaign']}",
                 f"/kampanie/{steering_demo['campaign']}/przydzialy",
                 f"/wizyty/{steering_demo['visit']}"):
        assert page.goto(path).status == 200
        check_page(page, path, problems)
    page = new_context().new_page()
    log_in(page, steering_demo["researcher"], PASSWORD, next_path="/moje-wizyty")
    assert page.locator(".visit-item--review").count() == 1
    check_page(page, "/moje-wizyty", problems)
    assert problems == []
