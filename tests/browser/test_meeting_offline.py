"""A meeting recorded on the phone without signal waits in the outbox and syncs later."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.meetings.models import Meeting
from tests.browser.helpers import (
    outbox_records,
    walking_phone,
)

pytestmark = pytest.mark.browser


def test_a_meeting_recorded_offline_syncs_with_its_needs(app, new_context, field_user):
    context = new_context()
    phone = walking_phone(context, field_user)
    page = phone.page

    context.set_offline(True)
    phone.tap("#new-meeting")
    page.select_option("#meeting-kind", "seniorzy")
    page.fill("#meeting-organiser", "Klub Seniora „Złota Jesień”")
    page.fill("#meeting-p-60_74", "12")
    page.fill("#meeting-p-75_plus", "6")
    page.fill("#meeting-need-0-description", "Dowóz na rehabilitację do powiatu")
    page.select_option("#meeting-need-0-area", "zdrowie")
    page.select_option("#meeting-need-0-groups", ["seniorzy", "seniorzy_75"])
    page.fill("#meeting-need-0-voiced_by", "30")  # more than came: the form says so
    phone.tap("#meeting-add-need")
    page.fill("#meeting-need-1-description", "Zajęcia ruchowe w świetlicy")
    page.select_option("#meeting-need-1-area", "sport_turystyka")
    page.select_option("#meeting-need-1-groups", ["seniorzy"])
    phone.tap("#meeting-save")
    expect(page.locator("#meeting-need-0-voiced_by-error")).to_contain_text("18")
    page.fill("#meeting-need-0-voiced_by", "11")
    phone.tap("#meeting-save")

    expect(page.locator("#field-home")).to_be_visible()
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "1")
    expect(page.locator('.outbox-item[data-kind="meeting"]')).to_contain_text("potrzeby: 2")
    (record,) = outbox_records(page)
    assert record["kind"] == "meeting" and record["state"] == "waiting"
    with app.app_context():
        # Other browser tests share the database: this meeting is not stored yet.
        assert db.session.scalar(db.select(Meeting).where(Meeting.uuid == record["uuid"])) is None

    context.set_offline(False)
    page.click("#sync-now")
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0", timeout=15000)
    with app.app_context():
        meeting = db.session.scalar(db.select(Meeting).where(Meeting.uuid == record["uuid"]))
        assert meeting.participants == {"60_74": 12, "75_plus": 6}
        assert meeting.recorded_by_id == field_user.id
        needs = db.session.scalars(
            db.select(Need).where(Need.meeting_id == meeting.id).order_by(Need.position)
        ).all()
        assert [(n.channel, n.voiced_by, n.target_groups) for n in needs] == [
            ("spotkanie", 11, ["seniorzy", "seniorzy_75"]), ("spotkanie", 1, ["seniorzy"])
        ]
        db.session.remove()
