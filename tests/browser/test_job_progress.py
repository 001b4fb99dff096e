"""The one progress poller (static/js/app.js, "poll-status") follows a job on both its pages."""

from __future__ import annotations

import uuid

import pytest

from researcher.auth.models import User
from researcher.auth.services import create_user
from researcher.exports.models import ExportJob, ExportStatus
from researcher.extensions import db, utcnow
from researcher.themes.models import AnalysisRun, RunStatus
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import log_in


@pytest.fixture
def manager(app, field_user) -> str:
    with app.app_context():
        email = f"menedzer-{uuid.uuid4().hex[:8]}@example.org"
        create_user(email, "manager", PASSWORD, "Menedżer testowy")
        db.session.commit()
        db.session.remove()
    return email


def _add(app, row) -> int:
    with app.app_context():
        db.session.add(row)
        db.session.commit()
        row_id = row.id
        db.session.remove()
    return row_id


def _change(app, model, row_id: int, **values) -> None:
    with app.app_context():
        row = db.session.get(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)
        db.session.commit()
        db.session.remove()


def test_the_export_page_shows_progress_then_the_download(
    app, new_context, field_user, manager, tmp_path
):
    app.config["EXPORTS_DIR"] = str(tmp_path)
    try:
        export_id = _add(app, ExportJob(
            campaign_id=field_user.campaign_id, kind="diagnosis", variant="cus", format="csv",
            k=5, status=ExportStatus.RUNNING, progress=10,
        ))  # fmt: skip
        page = new_context().new_page()
        log_in(page, manager, PASSWORD, f"/eksporty/{export_id}")
        _change(app, ExportJob, export_id, progress=60)
        page.wait_for_function("() => document.querySelector('[data-poll-progress]').value === 60")
        (tmp_path / "diagnoza.csv").write_text("a;b\n", encoding="utf-8")
        _change(app, ExportJob, export_id, status=ExportStatus.READY, progress=100,
                filename="diagnoza.csv", finished_at=utcnow())  # fmt: skip
        page.wait_for_selector("[data-poll-download]:not([hidden])")
        assert page.text_content("[data-poll-label]") == "Gotowy"
        href = page.get_attribute("[data-poll-download] a", "href")
        assert href.endswith(f"/eksporty/{export_id}/plik")
    finally:
        app.config.pop("EXPORTS_DIR", None)


def test_the_analysis_page_reloads_when_the_run_ends(app, new_context, field_user, manager):
    with app.app_context():
        by_id = db.session.scalar(db.select(User.id).where(User.email == manager))
    run_id = _add(app, AnalysisRun(
        campaign_id=field_user.campaign_id, created_by_id=by_id, status=RunStatus.RUNNING,
        progress=5,
    ))  # fmt: skip
    page = new_context().new_page()
    log_in(page, manager, PASSWORD, f"/tematy/analizy/{run_id}")
    assert page.is_visible("[data-module=poll-status]")
    _change(app, AnalysisRun, run_id, status=RunStatus.FAILED, error="Za mało potrzeb")
    page.wait_for_selector("[role=alert]")  # the page reloaded with the run's outcome
    assert "Za mało potrzeb" in page.text_content("[role=alert]")
