"""A day without signal: record offline, reload, restart the browser, sync – nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from researcher.extensions import db
from researcher.interviews.models import Visit
from tests.browser.conftest import ARGS, PHONE
from tests.browser.helpers import (
    Phone,
    log_in,
    open_field_app,
    outbox_records,
    record_interview,
    record_nobody_home,
    start_walk,
    waiting,
)

pytestmark = pytest.mark.browser


def server_visits(app, researcher_id: int) -> list[Visit]:
    with app.app_context():
        stmt = db.select(Visit).where(Visit.researcher_id == researcher_id)
        visits = list(db.session.scalars(stmt))
        for visit in visits:
            _ = len(visit.needs)
        db.session.expunge_all()
        return visits


def test_a_day_offline_survives_reload_and_restart_then_syncs_exactly_once(
    app, playwright, chromium, live_server, field_user, tmp_path
):
    profile = tmp_path / "profile"
    options = {**PHONE, "base_url": live_server}
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=chromium, args=ARGS, **options
    )
    page = context.pages[0]
    log_in(page, field_user.email, field_user.password)
    open_field_app(page)
    expect(page.locator("#storage-status")).to_have_text("nie przyznano")
    phone = Phone(page)
    start_walk(phone)

    context.set_offline(True)
    for _ in range(3):
        record_interview(phone)
    record_nobody_home(phone)
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "4")
    uuids = sorted(r["uuid"] for r in outbox_records(page))

    page.reload()
    open_field_app(page)
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "4")
    expect(page.locator("#outbox-list .outbox-item--waiting")).to_have_count(4)
    with page.expect_download() as download:  # "Pobierz kopię zapasową", still offline
        page.click("#backup-download")
    backup = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert set(backup) == {"device_id", "exported_at", "records"}
    assert sorted(r["uuid"] for r in backup["records"]) == uuids
    assert {tuple(sorted(r)) for r in backup["records"]} == {
        # interviews carry when their form was opened and finished (issue 12); "nikt" has no form
        ("data", "finished_at", "form_version", "opened_at", "recorded_at", "revision", "uuid"),
        ("data", "form_version", "recorded_at", "revision", "uuid"),
    }
    context.close()

    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=chromium, args=ARGS, offline=True, **options
    )
    page = context.pages[0]
    page.goto("/teren")
    open_field_app(page)
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "4")
    assert server_visits(app, field_user.id) == []

    # The session lasts a working day and survives the restart; here it has expired (cookies
    # gone). Back online, the `online` event starts a sync, the server answers 401: the outbox
    # stays, the page asks to log in.
    context.clear_cookies()
    context.set_offline(False)
    expect(page.locator("#session-expired")).to_be_visible(timeout=15000)
    expect(page.locator("#sync-status")).to_have_text("Sesja wygasła — zaloguj się ponownie")
    assert waiting(page) == 4
    page.locator("#session-expired a").click()
    page.fill("#email", field_user.email)
    page.fill("#password", field_user.password)
    page.click("button[type=submit]")
    page.wait_for_url("**/teren")
    open_field_app(page)  # sync starts on page load
    expect(page.locator("#outbox-badge")).to_have_attribute("data-count", "0", timeout=15000)
    assert outbox_records(page) == []
    visits = server_visits(app, field_user.id)
    assert sorted(v.uuid for v in visits) == uuids
    assert sorted(v.visit_outcome for v in visits) == ["nikt", *["zrealizowany"] * 3]
    assert sorted(len(v.needs) for v in visits) == [0, 3, 3, 3]
    context.close()
