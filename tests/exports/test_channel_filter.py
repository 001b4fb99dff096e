"""The diagnosis export filtered by channel: every format says so, the needs figures count the
chosen channel only, people counts stay, and disclosure control applies to the filtered tables."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.exports import services
from researcher.exports.models import ExportJob, ExportStatus
from researcher.extensions import db
from researcher.intake.services import NeedEntry, create_need
from tests.exports.conftest import HIDDEN
from tests.exports.data import build
from tests.exports.files import docx_text, pdf_text, sheet_values

FILTER = "Tylko potrzeby zgłoszone kanałem: Telefon / dyżur."


def _phone(campaign_id: int, area: str, count: int, urgency: str) -> None:
    campaign = db.session.get(Campaign, campaign_id)
    manager = db.session.scalar(db.select(User).where(User.role == "manager"))
    for i in range(count):
        create_need(campaign, NeedEntry("telefon", date(2026, 5, 1), f"Telefon {area} {i}",
                                        area, ["seniorzy"], urgency=urgency), manager)  # fmt: skip
    db.session.commit()


@pytest.fixture
def phoned(crafted):
    """The crafted campaign (visits only) plus 6 + 7 phone needs in two areas."""
    _phone(crafted.campaign_id, "pomoc_spoleczna", 6, "3m")
    _phone(crafted.campaign_id, "edukacja", 7, "12m")
    return crafted


def _export(app, campaign_id: int, fmt: str, channel: str | None = "telefon"):
    params = {"channel": channel} if channel else None
    job = services.create_job("diagnosis", campaign_id, fmt, "cus", None, app.config, params)
    job = build(job)
    assert job.status == ExportStatus.READY, job.error
    return services.job_path(app, job)


def _row(rows, label):
    return next(r for r in rows if r and r[0] == label)


def test_the_workbook_counts_only_the_channel_and_states_the_filter(app_context, phoned):
    sheets = sheet_values(_export(app_context, phoned.campaign_id, "xlsx"))
    summary = {r[0]: r[1] for r in sheets["Podsumowanie"] if len(r) > 1}
    assert summary["Filtr"].startswith(FILTER)
    assert summary["Liczba wizyt"] == "42"  # people are never filtered by channel
    assert summary["Liczba zgłoszonych potrzeb"] == "13"
    rows = sheets["Obszar × pilność"]
    assert _row(rows, "Pomoc społeczna")[1:6] == [0, 6, 0, 0, 6]
    assert _row(rows, "Edukacja publiczna")[1:6] == [0, 0, 7, 0, 7]
    assert _row(rows, "Promocja i ochrona zdrowia")[1:6] == [0, 0, 0, 0, 0]


def test_disclosure_control_applies_to_the_filtered_tables(app_context, phoned):
    _phone(phoned.campaign_id, "zdrowie", 2, "pilna")
    rows = sheet_values(_export(app_context, phoned.campaign_id, "xlsx"))["Obszar × pilność"]
    health = _row(rows, "Promocja i ochrona zdrowia")
    assert HIDDEN in health[1:6] and 2 not in health[1:6]


def test_visit_only_questions_count_nothing_for_another_channel(app_context, phoned):
    path = _export(app_context, phoned.campaign_id, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    tables = {t["key"]: t for s in data["sections"] for t in s["tables"]}
    assert tables["access_view_by_area"]["total"]["value"] == 0
    channels = {r["key"]: r["cells"][0]["value"] for r in tables["needs_by_channel"]["rows"]}
    assert channels["wizyta"] == 0 and channels["telefon"] == 13


def test_every_format_states_the_filter(app_context, phoned):
    campaign = phoned.campaign_id
    data = json.loads(_export(app_context, campaign, "json").read_text(encoding="utf-8"))
    assert data["filter"]["channel"] == "telefon" and data["filter"]["note"].startswith(FILTER)
    with _export(app_context, campaign, "csv").open(encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert any(line[2] == "Filtr" and line[4].startswith(FILTER) for line in lines)
    assert "Filtr: " + FILTER in docx_text(_export(app_context, campaign, "docx"))
    assert FILTER.split(":")[0] in pdf_text(_export(app_context, campaign, "pdf"))


def test_without_a_filter_nothing_is_said_and_every_channel_counts(app_context, phoned):
    path = _export(app_context, phoned.campaign_id, "json", channel=None)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["filter"] == {"channel": None, "note": ""}
    summary = dict((s["label"], s["value"]) for s in data["summary"])
    assert summary["Liczba zgłoszonych potrzeb"] == "50"  # 37 from visits, 13 by phone


def test_an_unknown_channel_or_a_filtered_card_is_refused(app_context, phoned):
    with pytest.raises(services.ExportError):
        services.create_job("diagnosis", phoned.campaign_id, "xlsx", "cus", None,
                            app_context.config, {"channel": "golebie"})  # fmt: skip
    with pytest.raises(services.ExportError):
        services.create_job("card", phoned.campaign_id, "pdf", None, None,
                            app_context.config, {"channel": "telefon"})  # fmt: skip


def test_the_export_page_passes_the_chosen_channel(client, login, phoned):
    login("manager")
    page = client.get("/eksporty/").get_data(as_text=True)
    assert "Kanał zgłoszenia potrzeb (diagnoza)" in page
    form = {"campaign": phoned.campaign_id, "kind": "diagnosis", "variant": "cus",
            "format": "xlsx", "channel": "telefon"}  # fmt: skip
    assert client.post("/eksporty/", data=form).status_code == 302
    job = db.session.scalars(db.select(ExportJob)).one()
    assert job.params == {"channel": "telefon"}


def test_the_command_line_export_takes_a_channel(app_context, phoned, tmp_path):
    output = tmp_path / "diagnoza.json"
    args = ["export", "diagnosis", "--campaign", str(phoned.campaign_id), "--format", "json",
            "--channel", "telefon", "--output", str(output)]  # fmt: skip
    result = app_context.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert json.loads(output.read_text(encoding="utf-8"))["filter"]["channel"] == "telefon"


def test_themes_count_the_channels_needs_and_a_merged_themes_in_its_target(app_context, phoned):
    from researcher.interviews.models import Need
    from researcher.themes.models import Theme, ThemeAssignment

    themes = {t.number: t for t in db.session.scalars(db.select(Theme))}
    themes[1].merged_into_id = themes[0].id
    phones = db.session.scalars(db.select(Need).where(Need.channel == "telefon")
                                .order_by(Need.id)).all()  # fmt: skip
    visit_need = db.session.scalar(db.select(Need).where(Need.channel == "wizyta"))
    placed = [(phones[:5], 0), (phones[5:6], 1), (phones[6:13], 2), ([visit_need], 0)]
    for needs, number in placed:
        db.session.add_all(ThemeAssignment(run_id=themes[number].run_id, need_id=n.id,
                                           theme_id=themes[number].id) for n in needs)  # fmt: skip
    db.session.commit()
    data = json.loads(_export(app_context, phoned.campaign_id, "json").read_text("utf-8"))
    table = next(t for s in data["sections"] for t in s["tables"] if t["key"] == "themes")
    sizes = {r["label"]: r["cells"][0]["value"] for r in table["rows"]}
    assert sizes == {"Opieka nad seniorami w domu": 6, "zajęcia dla dzieci": 7}
