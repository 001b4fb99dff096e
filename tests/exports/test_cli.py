"""`flask export diagnosis|card` write the file and log the export with no user."""

from __future__ import annotations

from researcher.exports.models import ExportJob
from researcher.extensions import db
from tests.exports.files import docx_text, sheet_values


def test_export_diagnosis_writes_the_workbook(app_context, crafted, tmp_path):
    output = tmp_path / "out" / "diagnoza.xlsx"
    args = ["--campaign", crafted.campaign_id, "--variant", "ops", "--format", "xlsx"]
    result = app_context.test_cli_runner().invoke(
        args=["export", "diagnosis", *map(str, args), "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "OPS" in sheet_values(output)
    job = db.session.scalars(db.select(ExportJob)).one()
    assert (job.user_id, job.kind, job.variant, job.k, job.status) == (
        None, "diagnosis", "ops", 5, "gotowy",
    )  # fmt: skip
    assert job.params["output"] == str(output)


def test_export_card_writes_the_docx(app_context, crafted, tmp_path):
    output = tmp_path / "karta.docx"
    result = app_context.test_cli_runner().invoke(
        args=["export", "card", "--campaign", str(crafted.campaign_id), "--format", "docx",
              "--output", str(output)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Sporządzona w dniu 12.03.2026" in docx_text(output)


def test_unknown_campaign_is_an_error(app_context, tmp_path):
    result = app_context.test_cli_runner().invoke(
        args=["export", "diagnosis", "--campaign", "999", "--format", "json",
              "--output", str(tmp_path / "x.json")]
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Nie ma kampanii 999" in result.output


def test_campaign_without_card_fails_and_is_logged(app_context, demo, tmp_path):
    output = tmp_path / "karta.pdf"
    result = app_context.test_cli_runner().invoke(
        args=["export", "card", "--campaign", str(demo.campaign_id), "--format", "pdf",
              "--output", str(output)]
    )  # fmt: skip
    assert result.exit_code == 1 and "nie ma karty usług" in result.output
    assert not output.exists() and not output.with_name("karta.pdf.part").exists()
    assert db.session.scalars(db.select(ExportJob)).one().status == "blad"
