"""A synced interview is corrected from "Moje wizyty": the phone sends revision + 1."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.models import Visit, VisitVersion
from researcher.interviews.sync import apply_record
from tests.browser.helpers import Phone, log_in

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sync" / "interview.json"


def test_a_synced_interview_is_corrected_as_a_new_revision(app, new_context, field_user):
    record = json.loads(FIXTURE.read_text(encoding="utf-8"))
    record["uuid"] = str(uuid.uuid4())
    record["recorded_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
    with app.app_context():
        campaign = db.session.get(Campaign, field_user.campaign_id)
        record["data"]["campaign_id"] = campaign.id
        record["data"]["locality_id"] = campaign.gmina.localities[0].id
        user = db.session.get(User, field_user.id)
        assert apply_record(record, user, str(uuid.uuid4()), str(uuid.uuid4())).status == "created"
        db.session.commit()

    page = new_context().new_page()
    log_in(page, field_user.email, field_user.password, next_path="/moje-wizyty")
    page.locator(f'.visit-item[data-uuid="{record["uuid"]}"] a').click()
    expect(page.locator("#field-form")).to_contain_text("wersja 1")
    phone = Phone(page)
    while not page.locator("#q-services_rating").is_visible():
        phone.next()
    phone.choose("services_rating", "bardzo_zle")
    phone.next()
    phone.next()  # the last screen saves
    expect(page.locator("#sync-status")).to_have_text("Wysłano: 1. Czeka: 0.")

    with app.app_context():
        visit = db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))
        assert (visit.revision, visit.services_rating) == (2, "bardzo_zle")
        assert len(visit.needs) == 3
        kept = db.session.scalars(
            db.select(VisitVersion).where(VisitVersion.visit_uuid == record["uuid"])
        ).all()
        assert [(v.revision, v.kind, v.data["services_rating"]) for v in kept] == [
            (1, "replaced", "raczej_zle")
        ]
