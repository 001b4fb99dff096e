"""A GET of any page leaves the database as it was, apart from the documented caches.

docs/architecture.md ("Write rules") names the exceptions: the report slices (a cache of
counts, stored by whichever page reads figures) and the late-need placements of an analysis
run (shown when the run is looked at). Every other table must be byte-for-byte unchanged.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import url_for

from researcher.auth.models import ADMIN, MANAGER, RESEARCHER, User
from researcher.campaigns.models import Campaign
from researcher.card import services as card
from researcher.demo.services import seed_demo_visits
from researcher.exports import services as exports
from researcher.extensions import db, utcnow
from researcher.jobs.worker import run_now
from researcher.themes import jobs as theme_jobs
from researcher.themes import services as themes
from tests.app.test_access import routes
from tests.conftest import log_in

#: Written by GET on purpose (docs/architecture.md, "Write rules").
# access_log: reading contact data, looking a respondent code up and downloading the log are
# GETs that must leave a trace (DOMAIN §3.5).
CACHES = {
    "report_slices", "campaign_tallies", "campaign_need_counts", "campaign_group_counts",
    "theme_assignments", "themes", "access_log",
}


def _snapshot() -> dict[str, list[tuple]]:
    db.session.commit()  # a fresh read
    return {
        table.name: sorted(map(tuple, db.session.execute(table.select())), key=repr)
        for table in db.metadata.sorted_tables
        if table.name not in CACHES
    }


def _everything(demo) -> None:
    """A campaign with visits, an analysis, a card with a row and a finished export."""
    campaign = db.session.get(Campaign, demo.campaign_id)
    seed_demo_visits(campaign, 60)
    manager = db.session.scalar(db.select(User).where(User.role == MANAGER))
    run_now(theme_jobs.enqueue(themes.start_run(campaign.id, manager, k=3)))
    made = card.create_card(campaign.id, "Karta", date(2026, 3, 12), "Menedżer", manager)
    theme = themes.latest_run(campaign.id).themes[0]
    card.add_row(made, card.row_from_theme(theme), card.theme_needs(theme), theme)
    card.save_version(made, manager)
    export = exports.create_job("diagnosis", campaign.id, "csv", "cus", manager, {})
    run_now(exports.enqueue(export))
    # An export made long ago: its file is past EXPORTS_KEEP_DAYS (deleted on the next POST).
    export.finished_at = export.created_at = utcnow() - timedelta(days=40)
    db.session.commit()


def test_no_get_writes_outside_the_documented_caches(app, client, demo):
    _everything(demo)
    users = {
        role: db.session.scalar(db.select(User).where(User.role == role))
        for role in (ADMIN, MANAGER, RESEARCHER)
    }
    before = _snapshot()
    visited = []
    for rule, view, method, values in routes(app):
        if method != "GET" or not getattr(view, "access", None):
            continue
        role = next((r for r in (MANAGER, ADMIN, RESEARCHER) if r in view.access), None)
        if role:
            log_in(client, users[role])
        with app.test_request_context():
            url = url_for(rule.endpoint, **values)
        visited.append((url, client.get(url).status_code))
    after = _snapshot()
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [], f"GET wrote to {changed} (pages: {len(visited)})"
    assert sum(status == 200 for _url, status in visited) >= 30, visited
