"""Every page of every role, at 360×640 and 1280×800: axe-core finds no WCAG 2.1 A/AA
violation, no element id appears twice, and no vocabulary code shows raw.

Pages are found by following the links each role sees, starting from the start page, on a
database with the demo campaign, generated visits, an analysis, a service card with a saved
version, an export job and a quarantined record. The field app's own screens (walk, home,
every step of an interview) are visited too, since they are drawn by script.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from researcher.auth.services import create_user
from researcher.campaigns.models import Campaign
from researcher.card.services import add_row, create_card, row_from_theme, save_version
from researcher.demo.services import DEMO_CAMPAIGN, seed_demo
from researcher.exports.services import create_job
from researcher.extensions import db
from researcher.interviews.models import QuarantinedRecord
from researcher.themes.services import execute_run, start_run, visible_themes
from tests.browser.helpers import Phone, log_in, open_field_app, start_walk
from tests.conftest import empty_tables

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
SIZES = ({"width": 360, "height": 640}, {"width": 1280, "height": 800})
PASSWORD = "haslo-do-przegladu-123"
#: Links not to follow: files, JSON, the service worker, logging out.
# Not pages: static files, the API, logout, and downloads (files, not HTML to audit).
SKIP = re.compile(
    r"^/(static|api|sw\.js|manifest|wyloguj)|/(plik|stan)$|\.(pdf|csv|xlsx|docx|json|zip)(\?.*)?$"
)
MAX_PAGES = 50
#: Pages of one shape (/potrzeby/N) visited: two, e.g. a finished and a running analysis.
PER_SHAPE = 2

#: A code made of words joined by "_" (pomoc_spoleczna, nie_wiem, seniorzy_75, 45_59):
#: never meant for a reader. Codes that are plain words ("brak") are checked where answers
#: are shown (tests/app/test_answer_labels.py).
SNAKE = re.compile(r"(?<![\w@./-])[a-z0-9]+(?:_[a-z0-9]+)+(?![\w@.-])")


def audit(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE)  # evaluate is not subject to the page's CSP
    return page.evaluate("""() => axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations'],
    }).then((r) => r.violations.map((v) =>
        `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`))""")


@pytest.fixture
def everything(app, csrf_on):
    """Users of every role and some of every kind of data a page can show."""
    with app.app_context():
        empty_tables()  # the demo's generated visits need a campaign without visits
        seed_demo(visits=60)
        campaign = db.session.scalar(db.select(Campaign).where(Campaign.name == DEMO_CAMPAIGN))
        users = {}
        for role in ("researcher", "manager", "admin"):
            email = f"{role}-{uuid.uuid4().hex[:6]}@example.org"
            users[role] = create_user(email, role, PASSWORD, f"Osoba {role}")
        db.session.flush()
        run = start_run(campaign.id, users["manager"], k=4)
        execute_run(run)
        start_run(campaign.id, users["manager"])  # a second one, still waiting: a progress bar
        card = create_card(
            campaign.id, "Karta usług 2026", date.today(), "Zespół", users["manager"]
        )
        theme = visible_themes(run)[0]
        add_row(card, row_from_theme(theme), theme=theme)
        save_version(card, users["manager"])
        create_job("card", campaign.id, "xlsx", None, users["manager"], app.config)
        db.session.add(QuarantinedRecord(
            researcher_id=users["researcher"].id, record_uuid=str(uuid.uuid4()),
            payload={"uuid": "x", "data": {"visit_outcome": "nikt"}},
            errors={"data.campaign_id": ["To pole jest wymagane."]},
        ))
        db.session.commit()
        found = {role: user.email for role, user in users.items()}
        db.session.remove()
    return found


def check_page(page: Page, where: str, problems: list[str]) -> None:
    """axe-core at both sizes, duplicate ids, raw codes: add what is wrong to `problems`."""
    duplicates = page.evaluate("""() => {
        const seen = {};
        for (const el of document.querySelectorAll('[id]')) seen[el.id] = (seen[el.id] || 0) + 1;
        return Object.keys(seen).filter((id) => seen[id] > 1);
    }""")
    if duplicates:
        problems.append(f"{where}: duplicate ids {duplicates}")
    # A quarantined record is shown verbatim to the admin (its keys included), on purpose.
    text = page.evaluate("""() => {
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll('.payload, script').forEach((el) => el.remove());
        document.body.append(copy);
        copy.hidden = false;
        const text = copy.innerText;
        copy.remove();
        return text;
    }""")
    raw = sorted(set(SNAKE.findall(text)))
    if raw:
        problems.append(f"{where}: raw codes {raw}")
    for size in SIZES:
        page.set_viewport_size(size)
        for violation in audit(page):
            problems.append(f"{where} @{size['width']}: {violation}")


def crawl(page: Page, problems: list[str]) -> list[str]:
    """Visit every page reachable by links from the start page (PER_SHAPE per shape)."""
    queue, shapes, visited = ["/"], Counter(), []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        shape = re.sub(r"\d+", "N", urlsplit(path).path)
        if path in visited or shapes[shape] >= PER_SHAPE:
            continue
        shapes[shape] += 1
        response = page.goto(path)
        if response is None or response.status >= 400 or "text/html" not in (
            response.headers.get("content-type", "")
        ):
            continue
        if urlsplit(page.url).path == "/teren":
            open_field_app(page)
        else:
            page.wait_for_load_state("load")
        visited.append(path)
        check_page(page, path, problems)
        links = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
            .map((a) => new URL(a.href, location.href))
            .filter((u) => u.origin === location.origin)
            .map((u) => u.pathname)""")
        queue.extend(link for link in links if not SKIP.search(link))
    return visited


def test_the_audit_finds_what_it_is_meant_to_find(new_context, live_server):
    page = new_context().new_page()
    page.goto("/logowanie")
    assert audit(page) == []
    page.evaluate("""() => {
        const main = document.querySelector('main');
        main.append(Object.assign(document.createElement('input'), {id: 'x'}));
        main.append(Object.assign(document.createElement('p'), {id: 'x'}));
        main.append('pomoc_spoleczna');
    }""")
    assert [v.split(":")[0] for v in audit(page)] == ["label"]
    problems: list[str] = []
    check_page(page, "test", problems)
    assert any("duplicate ids ['x']" in p for p in problems)
    assert any("raw codes ['pomoc_spoleczna']" in p for p in problems)


@pytest.mark.parametrize("role", ["manager", "admin", "researcher"])
def test_every_page_passes_axe_and_has_unique_ids_and_no_raw_codes(
    new_context, everything, role
):
    context = new_context(is_mobile=False, has_touch=False)
    page = context.new_page()
    log_in(page, everything[role], PASSWORD, next_path="/")
    problems: list[str] = []
    visited = crawl(page, problems)
    assert len(visited) >= (3 if role == "researcher" else 10), visited
    assert problems == []


def test_every_screen_of_the_field_app_passes_axe(new_context, everything):
    page = new_context().new_page()
    log_in(page, everything["researcher"], PASSWORD)
    open_field_app(page)
    problems: list[str] = []
    check_page(page, "/teren walk", problems)
    phone = Phone(page)
    start_walk(phone)
    check_page(page, "/teren home", problems)
    page.set_viewport_size(SIZES[0])
    phone.tap("#nobody-home")
    check_page(page, "/teren nobody confirm", problems)
    page.set_viewport_size(SIZES[0])
    phone.tap("#nobody-cancel")
    phone.tap("#new-visit")
    answers = [
        [("visit_outcome", "zrealizowany")],
        [("leaflet_given", "true"), ("consent_interview", "tak"), ("adult", "tak"),
         ("consent_health", "tak")],
        [("age_band", "30_44"), ("household_size", "2"), ("household_members", "dorosli_18_59"),
         ("daily_help_needed", "nie"), ("informal_carer", "nie")],
        [("areas", "edukacja")],
        [("needs.0.beneficiary", "ogol"), ("needs.0.target_groups", "seniorzy"),
         ("needs.0.urgency", "3m"), ("needs.0.met_status", "brak"),
         ("needs.0.preferred_forms", "dowoz")],
        [("services_rating", "ani_ani")],
        [("contact_requested", "true")],
    ]
    for number, step in enumerate(answers, start=1):
        page.set_viewport_size(SIZES[0])
        if number == 5:
            page.locator("#q-needs-0-description-input").fill("Brakuje zajęć dla dzieci.")
        for path, key in step:
            phone.choose(path, key)
        if number == 2:  # errors on screen are checked too
            page.locator("#q-interview_mode-osobiscie").evaluate("(i) => i.focus()")
        check_page(page, f"/teren step {number}", problems)
        page.set_viewport_size(SIZES[0])
        if number < len(answers):
            phone.next()
    phone.next()  # the contact form is empty: errors and their summary
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page, "/teren errors", problems)
    assert problems == []
