"""A phone shared by two researchers: one never sees, opens or exports the other's records."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in, open_field_app, put_records

pytestmark = pytest.mark.browser


def record(researcher_id: int, campaign_id: int) -> dict:
    return {"uuid": str(uuid.uuid4()), "revision": 1, "form_version": "2026.1",
            "recorded_at": "2026-11-20T10:15:00+01:00", "researcher_id": researcher_id,
            "data": {"campaign_id": campaign_id, "visit_outcome": "nikt"}}


def test_another_accounts_records_are_not_opened_nor_put_in_the_backup(new_context, field_user):
    page = new_context().new_page()
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    mine = record(field_user.id, field_user.campaign_id)
    theirs = record(field_user.id + 1000, field_user.campaign_id)
    put_records(page, [mine, theirs])
    payload = page.evaluate(
        "(id) => import('/static/js/field/backup.js').then((b) => b.backupPayload(id))",
        field_user.id,
    )
    assert [r["uuid"] for r in payload["records"]] == [mine["uuid"]]
    page.goto(f"/teren#wizyta={theirs['uuid']}")
    open_field_app(page)
    expect(page.locator("#field-form")).to_be_hidden()
    assert theirs["uuid"] not in page.locator("#outbox-list").inner_text()
