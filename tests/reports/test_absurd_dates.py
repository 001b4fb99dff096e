"""Reports and exports survive any date a database may hold (one written before the date
rules existed, or by hand): the dashboard renders and the diagnosis export is built."""

from __future__ import annotations

from datetime import datetime

import pytest

from researcher.exports.models import ExportJob
from researcher.exports.services import create_job
from researcher.extensions import db
from tests.exports.data import build

ABSURD = [datetime(9999, 12, 31, 23, 30), datetime(1, 1, 1, 0, 30), datetime(1900, 2, 28, 12)]


@pytest.mark.parametrize("when", ABSURD, ids=lambda w: str(w.year))
def test_the_dashboard_renders_with_an_absurd_stored_date(client, login, add_visit, when):
    add_visit(needs=[{"area": "zdrowie"}])
    add_visit(when=when, needs=[{"area": "edukacja"}])
    login("manager")
    assert client.get("/panel?kampania=1").status_code == 200
    assert client.get("/panel?kampania=1&od=2026-01-01&do=2026-12-31").status_code == 200


@pytest.mark.parametrize("when", ABSURD, ids=lambda w: str(w.year))
def test_the_needs_pages_render_with_an_absurd_stored_date(client, login, add_visit, when):
    visit = add_visit(when=when, needs=[{"area": "edukacja"}])
    login("manager")
    assert client.get("/potrzeby/").status_code == 200
    assert client.get(f"/potrzeby/{visit.needs[0].id}").status_code == 200


@pytest.mark.parametrize("when", ABSURD, ids=lambda w: str(w.year))
def test_the_diagnosis_export_is_built_with_an_absurd_stored_date(app, login, add_visit, when):
    add_visit(when=when, needs=[{"area": "edukacja"}])
    user = login("manager")
    job = create_job("diagnosis", 1, "xlsx", "cus", user, app.config)
    db.session.commit()
    job = build(job)
    assert db.session.get(ExportJob, job.id).status == "gotowy", job.error
