"""The export page: managers start, follow and download exports; researchers may not."""

from __future__ import annotations

import pytest

from researcher.exports.models import ExportJob
from researcher.extensions import db


def test_manager_sees_the_form_and_the_log(client, login, crafted):
    login("manager")
    page = client.get("/eksporty/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Rejestr eksportów" in text and "Przygotuj plik" in text


@pytest.mark.parametrize(
    ("kind", "variant", "fmt", "media"),
    [
        ("diagnosis", "ops", "xlsx", "spreadsheetml"),
        ("diagnosis", "cus", "docx", "wordprocessingml"),
        ("card", "cus", "pdf", "application/pdf"),
    ],
)
def test_manager_starts_follows_and_downloads(
    client, login, crafted, kind, variant, fmt, media
):
    user = login("manager")
    form = {"campaign": crafted.campaign_id, "kind": kind, "variant": variant, "format": fmt}
    started = client.post("/eksporty/", data=form)
    assert started.status_code == 302
    job = db.session.scalars(db.select(ExportJob)).one()
    assert started.headers["Location"].endswith(f"/eksporty/{job.id}")
    assert (job.user_id, job.kind, job.format, job.k) == (user.id, kind, fmt, 5)
    page = client.get(f"/eksporty/{job.id}")
    assert f'data-url="/eksporty/{job.id}/stan"' in page.get_data(as_text=True)
    status = client.get(f"/eksporty/{job.id}/stan").get_json()
    assert status["status"] == "gotowy" and status["progress"] == 100
    download = client.get(status["download"])
    assert download.status_code == 200
    assert media in download.headers["Content-Type"]
    assert "attachment" in download.headers["Content-Disposition"]
    assert len(download.data) > 1000


def test_card_in_csv_is_refused(client, login, crafted):
    login("manager")
    form = {"campaign": crafted.campaign_id, "kind": "card", "variant": "cus", "format": "csv"}
    response = client.post("/eksporty/", data=form)
    assert response.status_code == 400
    assert db.session.scalars(db.select(ExportJob)).first() is None


def test_k_below_three_in_config_is_refused(app, client, login, crafted):
    login("manager")
    app.config["DISCLOSURE_K"] = 2
    try:
        form = {"campaign": crafted.campaign_id, "kind": "diagnosis", "variant": "cus"}
        response = client.post("/eksporty/", data={**form, "format": "xlsx"})
    finally:
        del app.config["DISCLOSURE_K"]
    assert response.status_code == 400
    assert "niższy niż 3" in response.get_data(as_text=True)


def test_download_of_an_unfinished_job_goes_back_to_its_page(client, login, crafted):
    login("manager")
    job = ExportJob(
        campaign_id=crafted.campaign_id, kind="diagnosis", variant="cus", format="xlsx", k=5
    )
    db.session.add(job)
    db.session.commit()
    response = client.get(f"/eksporty/{job.id}/plik")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/eksporty/{job.id}"
    )
    assert client.get(f"/eksporty/{job.id}/stan").get_json()["download"] is None


@pytest.mark.parametrize(
    "url", ["/eksporty/", "/eksporty/1", "/eksporty/1/stan", "/eksporty/1/plik"]
)
def test_researcher_is_forbidden(client, login, url):
    login("researcher")
    assert client.get(url).status_code == 403


def test_researcher_cannot_start_an_export(client, login, crafted):
    login("researcher")
    form = {
        "campaign": crafted.campaign_id,
        "kind": "diagnosis",
        "variant": "cus",
        "format": "xlsx",
    }
    assert client.post("/eksporty/", data=form).status_code == 403
    assert db.session.scalars(db.select(ExportJob)).first() is None


def test_a_job_whose_workers_kept_dying_is_shown_as_failed(client, login, crafted, app):
    from datetime import timedelta

    from researcher.exports import services
    from researcher.extensions import utcnow
    from researcher.jobs import worker
    from researcher.jobs.models import Job, JobStatus

    login("manager")
    export = services.create_job("diagnosis", crafted.campaign_id, "xlsx", "cus", None, app.config)
    job = services.enqueue(export)
    job.status, job.worker, job.attempts = JobStatus.RUNNING, "dead:1:jobs", 3
    job.lease_until = utcnow() - timedelta(seconds=1)  # …and its last worker is gone
    db.session.commit()
    assert worker.run_next() is None  # a worker gives it up instead of trying a fourth time
    assert db.session.get(Job, job.id).status == JobStatus.FAILED
    status = client.get(f"/eksporty/{export.id}/stan").get_json()
    assert status["status"] == "blad" and status["finished"]
    assert "Uruchom je ponownie" in status["error"]


def test_a_running_job_is_left_alone(client, login, crafted, app):
    from researcher.exports import services

    login("manager")
    job = services.create_job("diagnosis", crafted.campaign_id, "xlsx", "cus", None, app.config)
    job.status = services.ExportStatus.RUNNING
    db.session.commit()
    state = client.get(f"/eksporty/{job.id}/stan").get_json()
    assert (state["status"], state["label"], state["finished"]) == ("trwa", "Trwa", False)


def test_an_old_export_file_is_deleted_and_its_log_entry_kept(
    client, login, crafted, app
):
    from datetime import timedelta

    from researcher.exports import services
    from researcher.extensions import utcnow

    login("manager")
    form = {"campaign": crafted.campaign_id, "kind": "diagnosis", "variant": "cus",
            "format": "csv"}  # fmt: skip
    client.post("/eksporty/", data=form)
    job = db.session.scalars(db.select(ExportJob)).one()
    path = services.job_path(app, job)
    assert path is not None
    job.finished_at = utcnow() - timedelta(days=31)
    db.session.commit()
    page = client.get(f"/eksporty/{job.id}").get_data(as_text=True)
    assert "Plik został usunięty" in page  # past its days: no longer offered…
    client.post("/eksporty/", data=form)
    assert not path.exists()  # …and deleted when the next export is made
    assert db.session.get(ExportJob, job.id).status == "gotowy"
