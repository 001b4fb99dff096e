"""A phone shared by two researchers: one never sees, opens or exports the other's records."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    Phone,
    log_in,
    open_field_app,
    outbox_records,
    put_records,
    start_walk,
)

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


# --- issue 11 §5: logging out leaves nothing of the account readable ----------------------


@pytest.fixture
def other_user(app, field_user):
    """A second researcher of the same campaign, with a known password."""
    from researcher.auth.services import create_user
    from researcher.extensions import db
    from tests.browser.conftest import PASSWORD, FieldUser

    with app.app_context():
        email = f"teren-{uuid.uuid4().hex[:8]}@example.org"
        user = create_user(email, "researcher", PASSWORD, "Druga osoba")
        db.session.commit()
        found = FieldUser(user.id, email, PASSWORD, field_user.campaign_id)
        db.session.remove()
    return found


def log_out(page) -> None:
    page.locator("form[action='/wyloguj']").first.evaluate("(form) => form.submit()")
    page.wait_for_url("**/logowanie*")
    page.wait_for_selector("[data-forgotten='1']", state="attached")


def cached_pages(page) -> list[str]:
    return page.evaluate("""async () => {
        const found = [];
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const r of await cache.keys()) found.push(new URL(r.url).pathname);
        }
        return found;
    }""")


def stored_owner(app, record_uuid: str) -> int | None:
    from researcher.extensions import db
    from researcher.interviews.models import Visit

    with app.app_context():
        owner = db.session.scalar(db.select(Visit.researcher_id).where(Visit.uuid == record_uuid))
        db.session.remove()
    return owner


def test_logging_out_on_a_shared_phone_leaves_nothing_of_the_account_readable(
        app, new_context, field_user, other_user):
    page = new_context().new_page()
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    start_walk(Phone(page))
    # A visit sent (the server warns about it), then one saved without network.
    sent = record(field_user.id, field_user.campaign_id)
    put_records(page, [sent])
    page.locator("#sync-now").tap()
    expect(page.locator("#sync-status")).to_have_text("Wysłano: 1. Czeka: 0.")
    page.evaluate("""(r) => import('/static/js/field/outbox.js')
        .then((o) => o.keepServerWarnings(r, {'data.visit_outcome': ['uwaga']}))""", sent)
    page.goto("/moje-wizyty")  # kept for offline use, with this account's visits
    page.wait_for_selector("[data-module~=my-visits][data-ready='1']", state="attached")
    assert "/teren" in cached_pages(page) and "/moje-wizyty" in cached_pages(page)
    page.context.set_offline(True)
    unsent = record(field_user.id, field_user.campaign_id)
    put_records(page, [unsent])
    page.context.set_offline(False)

    log_out(page)
    # Nothing rendered for the account is kept; the synced visit's traces are gone; the
    # unsent visit stays on the phone.
    assert "/teren" not in cached_pages(page) and "/moje-wizyty" not in cached_pages(page)
    assert page.evaluate(
        "import('/static/js/field/outbox.js').then((o) => o.serverWarnings())") == {}
    assert [r["uuid"] for r in outbox_records(page)] == [unsent["uuid"]]

    # Another researcher on the same browser profile: sees none of it, sends none of it.
    log_in(page, other_user.email, other_user.password)
    open_field_app(page)
    expect(page.locator("#sync-status")).to_have_text("Nie ma nic do wysłania.")
    expect(page.locator(f"#outbox-list [data-uuid='{unsent['uuid']}']")).to_have_count(0)
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0")
    page.goto("/moje-wizyty")
    page.wait_for_selector("[data-module~=my-visits][data-ready='1']", state="attached")
    assert unsent["uuid"] not in page.content() and sent["uuid"] not in page.content()
    assert stored_owner(app, unsent["uuid"]) is None

    # Back under its own account, the visit is sent as that account's.
    log_out(page)
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0")
    assert stored_owner(app, unsent["uuid"]) == field_user.id
    assert outbox_records(page) == []
