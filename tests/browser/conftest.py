"""Browser tests: Debian's Chromium driven by Playwright, against the app in a thread.

The app is the session `app` of tests/conftest.py (its database is a file, so the server
thread and the test share it). CSRF is on while these tests run, as in production.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from researcher.auth.services import create_user
from researcher.campaigns.models import Campaign
from researcher.demo.services import DEMO_CAMPAIGN, seed_demo
from researcher.extensions import db
from tests.serving import served

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True,
         "locale": "pl-PL", "timezone_id": "Europe/Warsaw"}
PASSWORD = "haslo-terenowe-123"


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium binary; without it: skip on a developer machine, fail in CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: install the Debian package chromium "
                        "(apt-get install chromium)")
        pytest.skip("Debian package chromium not installed")
    return CHROMIUM


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    with served(app) as url:
        yield url


@pytest.fixture(scope="session")
def playwright(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright, chromium):
    browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def short_undo(app) -> Iterator[None]:
    """The phone's undo window (10 s in production) is short here, so syncs follow quickly;
    a test of the undo itself sets it longer before it opens /teren."""
    previous = app.config["FIELD_UNDO_SECONDS"]
    app.config["FIELD_UNDO_SECONDS"] = 0.3
    yield
    app.config["FIELD_UNDO_SECONDS"] = previous


@pytest.fixture
def csrf_on(app) -> Iterator[None]:
    previous = app.config["WTF_CSRF_ENABLED"]
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = previous


@dataclass
class FieldUser:
    id: int
    email: str
    password: str
    campaign_id: int


@pytest.fixture
def field_user(app, csrf_on) -> FieldUser:
    """The demo campaign (seeded if missing) and a fresh researcher with a known password."""
    with app.app_context():
        campaign = db.session.scalar(db.select(Campaign).where(Campaign.name == DEMO_CAMPAIGN))
        if campaign is None:
            seed_demo()
            campaign = db.session.scalar(
                db.select(Campaign).where(Campaign.name == DEMO_CAMPAIGN)
            )
        email = f"teren-{uuid.uuid4().hex[:8]}@example.org"
        user = create_user(email, "researcher", PASSWORD, "Researcher testowy")
        db.session.commit()
        found = FieldUser(user.id, email, PASSWORD, campaign.id)
        db.session.remove()
    return found


@pytest.fixture
def new_context(browser, live_server):
    """new_context(**options) → a fresh browser context (own SW, caches, IndexedDB)."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server, **{**PHONE, **options})
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
