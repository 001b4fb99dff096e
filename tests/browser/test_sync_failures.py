"""Sync when things go wrong: a cut-off request, a record the server rejects."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.campaigns.services import CampaignInput, create_campaign
from researcher.extensions import db
from researcher.interviews.models import QuarantinedRecord, Visit
from tests.browser.helpers import (
    Phone,
    log_in,
    open_field_app,
    outbox_records,
    record_interview,
    record_nobody_home,
    start_walk,
    waiting,
    walking_phone,
)

pytestmark = pytest.mark.browser

OFFLINE = "Brak połączenia. Wizyty są bezpieczne w telefonie; wyślę je, gdy wróci sieć."


def visits_by_uuid(app, uuids):
    with app.app_context():
        rows = db.session.scalars(db.select(Visit).where(Visit.uuid.in_(uuids))).all()
        return {v.uuid: (v.campaign_id, v.revision, v.visit_outcome) for v in rows}


def test_a_sync_cut_off_after_the_server_stored_it_is_retried_without_duplicates(
    app, new_context, field_user
):
    context = new_context()
    phone = walking_phone(context, field_user)
    page = phone.page
    context.set_offline(True)
    record_nobody_home(phone)
    record_nobody_home(phone)
    record_interview(phone, needs=1)
    uuids = [r["uuid"] for r in outbox_records(page)]
    assert len(uuids) == 3

    calls = []

    def cut_off(route):
        calls.append(route.request.post_data_json)
        if len(calls) == 1:
            route.fetch()  # the server receives and stores the batch…
            route.abort("connectionreset")  # …but the phone never hears the answer
        else:
            route.continue_()

    page.route("**/api/v1/sync", cut_off)
    context.set_offline(False)  # `online` starts the sync that gets cut off
    for _ in range(100):
        if calls:
            break
        page.wait_for_timeout(100)
    expect(page.locator("#sync-status")).to_have_text(OFFLINE, timeout=10000)
    assert waiting(page) == 3
    assert len(visits_by_uuid(app, uuids)) == 3  # stored on the server already

    page.click("#sync-now")
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0", timeout=15000)
    assert len(calls) == 2
    assert calls[0]["batch_id"] != calls[1]["batch_id"]
    assert calls[0]["device_id"] == calls[1]["device_id"]
    with app.app_context():
        count = db.session.scalar(
            db.select(db.func.count(Visit.id)).where(Visit.researcher_id == field_user.id)
        )
    assert count == 3


def test_a_rejected_interview_shows_the_servers_message_and_is_fixed_and_resent(
    app, new_context, field_user
):
    with app.app_context():  # a campaign only this researcher works on
        demo = db.session.get(Campaign, field_user.campaign_id)
        own = create_campaign(CampaignInput(
            name="Kampania zespołu B", gmina=demo.gmina, starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31), status="aktywna",
            questionnaire_version=demo.questionnaire_version, open_to_all_researchers=False,
            researcher_ids=[field_user.id]))
        db.session.commit()
        own_id = own.id
    context = new_context()
    page = context.new_page()
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    phone = Phone(page)
    phone.tap(f'label[for="walk-campaign-{own_id}"]')
    start_walk(phone)
    context.set_offline(True)
    record_interview(phone, needs=1)
    [record] = outbox_records(page)
    assert record["data"]["campaign_id"] == own_id

    with app.app_context():  # meanwhile the admin takes the researcher off that campaign
        db.session.get(Campaign, own_id).researchers = []
        db.session.commit()
    context.set_offline(False)
    item = page.locator(f'.outbox-item[data-uuid="{record["uuid"]}"]')
    expect(item).to_have_attribute("data-state", "rejected", timeout=10000)
    expect(item).to_contain_text("Nie masz dostępu do tej kampanii.")
    assert waiting(page) == 1

    item.get_by_role("button").click()
    error = page.locator("#q-campaign_id-error")
    expect(error).to_have_text("Nie masz dostępu do tej kampanii.")
    expect(page.locator("#q-walk")).to_have_attribute("open", "")
    phone.tap(f'label[for="q-campaign_id-{field_user.campaign_id}"]')
    expect(error).to_be_hidden()
    for _ in range(12):  # through the screens to the last, which saves
        last = page.locator("#step-next").text_content() == "Zapisz wizytę"
        phone.next()
        if last:
            break
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0")
    assert visits_by_uuid(app, [record["uuid"]]) == {
        record["uuid"]: (field_user.campaign_id, 1, "zrealizowany")
    }
    with app.app_context():
        quarantined = db.session.scalars(
            db.select(QuarantinedRecord).where(QuarantinedRecord.record_uuid == record["uuid"])
        ).all()
        assert [q.payload["data"]["campaign_id"] for q in quarantined] == [own_id]
        assert db.session.get(User, field_user.id) is not None


def test_a_send_asked_for_while_a_failing_sync_runs_is_not_lost(app, new_context, field_user):
    """The phone comes back online while the round started offline is still failing: the
    tap on "Wyślij teraz" must start a round of its own, not wait for the 15-second retry."""
    context = new_context()
    phone = walking_phone(context, field_user)
    page = phone.page
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)  # the first round hangs…

    page.route("**/teren/token", hold_the_first)
    record_nobody_home(phone)
    page.click("#sync-now")  # ends the undo window; the round waits for its token
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the sync never asked for a token"

    page.click("#sync-now")  # asked again while that round runs
    held[0].abort("internetdisconnected")  # …and fails

    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0", timeout=5000)
