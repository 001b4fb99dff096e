"""The demo shows the whole deliverable: a meeting, imported needs from two channels,
recommendations and approved quotes reach the exports, which open in LibreOffice."""

from __future__ import annotations

import pytest

from researcher.demo.services import seed_demo
from researcher.exports import services
from researcher.extensions import db
from researcher.imports.models import ImportFile
from researcher.interviews.models import Need
from researcher.meetings.models import Meeting
from researcher.recommendations.models import Recommendation
from tests.exports.data import build
from tests.exports.files import (
    docx_text,
    libreoffice_to_pdf,
    pdf_text,
    require_soffice,
    sheet_values,
)


@pytest.fixture
def demo_campaign(app_context):
    report = seed_demo(visits=80)
    db.session.commit()
    return report


def _export(app_context, campaign_id: int, fmt: str, channel: str | None = None):
    params = {"channel": channel} if channel else None
    job = services.create_job("diagnosis", campaign_id, fmt, "cus", None, {}, params)
    db.session.commit()
    job = build(job)
    assert job.status == "gotowy", job.error
    return services.job_path(app_context, job)


def test_the_demo_has_every_channel_quotes_and_recommendations(demo_campaign):
    assert demo_campaign.channels_added
    channels = dict(db.session.execute(
        db.select(Need.channel, db.func.count()).group_by(Need.channel)).all())
    assert channels["spotkanie"] == 3
    assert channels["telefon"] == 3 and channels["media_spolecznosciowe"] == 3
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 1
    assert db.session.scalar(db.select(ImportFile)).result["imported"] == 6
    assert db.session.scalar(db.select(db.func.count()).select_from(Recommendation)) == 2
    approved = db.session.scalar(
        db.select(db.func.count()).select_from(Need).where(Need.quote_approved.is_(True)))
    assert approved == 8
    again = seed_demo(visits=80)  # adds nothing twice
    assert not again.channels_added


def test_the_demo_exports_show_it_all(app_context, demo_campaign):
    sheets = sheet_values(_export(app_context, demo_campaign.campaign_id, "xlsx"))
    assert {"Rekomendacje", "Cytaty", "Kanały", "Kryteria dostępu"} <= set(sheets)
    channels = {row[0]: row[1] for row in sheets["Kanały"] if len(row) > 1}
    assert channels["Wizyta (wywiad)"] not in ("", None)
    docx = docx_text(_export(app_context, demo_campaign.campaign_id, "docx"))
    assert "Wnioski i rekomendacje" in docx and "Głosy mieszkańców" in docx
    assert "Dowóz do lekarza i na rehabilitację" in docx


@pytest.mark.slow
def test_the_demo_exports_open_in_libreoffice(app_context, demo_campaign, tmp_path):
    require_soffice()
    for fmt in ("xlsx", "docx"):
        path = _export(app_context, demo_campaign.campaign_id, fmt)
        text = pdf_text(libreoffice_to_pdf(path, tmp_path))
        assert "Wnioski i rekomendacje" in text and "Kanały zgłoszeń" in text, fmt


@pytest.mark.slow
def test_the_demo_exports_filtered_by_channel_open_in_libreoffice(
    app_context, demo_campaign, tmp_path
):
    require_soffice()
    for fmt in ("xlsx", "docx"):
        path = _export(app_context, demo_campaign.campaign_id, fmt, channel="spotkanie")
        text = pdf_text(libreoffice_to_pdf(path, tmp_path))
        assert "Tylko potrzeby zgłoszone kanałem" in " ".join(text.split()), fmt
