"""A resource tip recorded without signal stays on the phone, then syncs once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from researcher.extensions import db
from researcher.resources.models import Resource
from tests.browser.helpers import (
    outbox_records,
    walking_phone,
)

pytestmark = pytest.mark.browser


def server_tips(app, researcher_id: int) -> list[tuple[str, str, str]]:
    with app.app_context():
        stmt = db.select(Resource.name, Resource.kind, Resource.status).where(
            Resource.created_by_id == researcher_id
        )
        return [tuple(row) for row in db.session.execute(stmt)]


def test_a_tip_recorded_offline_waits_on_the_phone_and_syncs_when_online(
    app, new_context, field_user
):
    context = new_context()
    phone = walking_phone(context, field_user)
    page = phone.page
    page.wait_for_selector("#tips[data-ready='1']", state="attached")

    context.set_offline(True)
    phone.tap("#tip-open")
    page.select_option("#tip-kind", "pomoc_sasiedzka")
    page.fill("#tip-name", "Koło Gospodyń Wiejskich")
    page.fill("#tip-description", "Chętnie zrobią zakupy starszym sąsiadom")
    phone.tap("#tip-save")
    expect(page.locator("#tip-list li[data-state='waiting']")).to_have_count(1)
    [tip] = [r for r in outbox_records(page) if r.get("kind") == "resource_tip"]
    assert tip["data"]["name"] == "Koło Gospodyń Wiejskich"
    assert server_tips(app, field_user.id) == []
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0")  # not a visit

    context.set_offline(False)
    phone.tap("#sync-now")
    expect(page.locator("#tip-list li[data-state]")).to_have_count(0, timeout=15000)
    assert server_tips(app, field_user.id) == [
        ("Koło Gospodyń Wiejskich", "pomoc_sasiedzka", "zgloszony")
    ]
    assert outbox_records(page) == []
