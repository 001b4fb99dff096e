"""Export jobs end to end: aggregation → disclosure → file, both variants, the log, k."""

from __future__ import annotations

import csv
import json

import pytest

from researcher.exports import services
from researcher.exports.models import ExportJob, ExportStatus
from researcher.extensions import db
from tests.exports.conftest import HIDDEN
from tests.exports.data import FORMULA_THEME, build
from tests.exports.files import docx_text, pdf_text, sheet_values


@pytest.fixture
def export(app_context, crafted):
    """export(kind, fmt, variant="cus") → (job, path) of a finished export."""

    def run(kind: str, fmt: str, variant: str | None = "cus"):
        job = services.create_job(kind, crafted.campaign_id, fmt, variant, None, app_context.config)
        job = build(job)
        assert job.status == ExportStatus.READY, job.error
        return job, services.job_path(app_context, job)

    return run


def _row(rows, label):
    return next(r for r in rows if r and r[0] == label)


def test_cus_workbook_has_summary_tables_themes_and_card(export):
    job, path = export("diagnosis", "xlsx")
    sheets = sheet_values(path)
    assert list(sheets) == [
        "Podsumowanie", "Realizacja badania", "Obszar × pilność", "Obszar × grupa docelowa",
        "Obszar × zaspokojenie potrzeby", "Potencjał wspólnoty", "Kanały", "Kryteria dostępu",
        "Częstotliwość i formy", "Tematy", "Sposoby zaspokajania potrzeb", "Karta usług",
    ]  # fmt: skip
    summary = {r[0]: r[1] for r in sheets["Podsumowanie"] if len(r) > 1}
    assert summary["Liczba wizyt"] == "42"
    assert summary["Liczba wywiadów"] == "37"
    assert summary["Odsetek realizacji (wywiady / wizyty w zamieszkanych lokalach)"] == "88,1%"
    assert summary["Próg ujawniania (k)"] == 5
    rows = sheets["Obszar × pilność"]
    assert _row(rows, "Edukacja publiczna")[1:6] == [0, 6, 9, 0, 15]
    assert _row(rows, "Kultura")[1:6] == [0, 0, 0, 0, 0]


def test_suppressed_count_and_its_neighbour_are_hidden_in_the_workbook(export):
    _, path = export("diagnosis", "xlsx")
    rows = sheet_values(path)["Obszar × pilność"]
    care = _row(rows, "Pomoc społeczna")
    assert care[1] == HIDDEN  # the 2 urgent needs
    assert care[2] == "x"  # the 8 beside it, or 2 would be 10 − 8
    for row in rows:
        assert 2 not in row[1:5] and "2" not in row[1:5]


def test_no_hidden_value_appears_in_any_format(export):
    """The JSON marks the hidden cells; every other format shows only their "<k"/"x" text."""
    _, json_path = export("diagnosis", "json")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    table = next(t for s in data["sections"] for t in s["tables"] if t["key"] == "area_by_urgency")
    care = next(r for r in table["rows"] if r["key"] == "pomoc_spoleczna")
    assert [c["text"] for c in care["cells"]][:2] == [HIDDEN, "x"]
    assert [c["value"] for c in care["cells"]][:2] == [None, None]
    _, csv_path = export("diagnosis", "csv")
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    prefix = (
        "Potrzeby w obszarach usług społecznych i ich pilność;Obszar × pilność;Pomoc społeczna;"
    )
    care_lines = [line.split(";")[4] for line in lines if line.startswith(prefix)]
    assert care_lines[:2] == [HIDDEN, "x"] and "2" not in care_lines and "8" not in care_lines
    _, docx_path = export("diagnosis", "docx")
    text = docx_text(docx_path).splitlines()
    at = text.index("Pomoc społeczna", text.index("Obszar × pilność"))
    assert text[at + 1 : at + 3] == [HIDDEN, "x"]
    _, pdf_path = export("diagnosis", "pdf")
    care_line = next(
        line
        for line in pdf_text(pdf_path).splitlines()
        if line.strip().startswith("Pomoc społeczna")
    )
    assert care_line.split()[2:4] == [HIDDEN, "x"]


def test_ops_variant_groups_tables_by_unit(export):
    _, path = export("diagnosis", "xlsx", "ops")
    sheets = sheet_values(path)
    assert {"OPS", "Szkoły i edukacja", "Ochrona zdrowia", "PUP i PCPR"} <= set(sheets)
    ops = [r[0] for r in sheets["OPS"] if r]
    school = [r[0] for r in sheets["Szkoły i edukacja"] if r]
    assert "Pomoc społeczna" in ops and "Pomoc społeczna" not in school
    assert "Edukacja publiczna" in school and "Edukacja publiczna" not in ops
    assert sheets["OPS"][0] == ["Ośrodek Pomocy Społecznej (OPS)"]


def test_ops_variant_docx_has_a_heading_per_unit(export):
    _, path = export("diagnosis", "docx", "ops")
    text = docx_text(path)
    assert "Szkoły i oświata gminy" in text and "Ośrodek Pomocy Społecznej (OPS)" in text


def test_text_cells_are_neutralised_in_the_workbook_and_csv(export):
    _, path = export("diagnosis", "xlsx")
    themes = sheet_values(path)["Tematy"]
    assert any(r and r[0] == '\'=HYPERLINK("http://zly.example","klik")' for r in themes)
    card = sheet_values(path)["Karta usług"]
    assert _row(card, 2)[8] == "'+48 dzieci bez opieki po lekcjach"
    _, csv_path = export("diagnosis", "csv")
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        labels = {line[2] for line in csv.reader(handle, delimiter=";")}
    assert f"'{FORMULA_THEME}" in labels and FORMULA_THEME not in labels


def test_card_evidence_below_k_is_hidden(export):
    _, path = export("card", "xlsx", None)
    rows = sheet_values(path)["Karta usług"]
    header = next(r for r in rows if r and r[0] == "L.p.")
    evidence = header.index("Liczba potrzeb mieszkańców")
    assert _row(rows, 1)[evidence] == 10
    assert _row(rows, 2)[evidence] == HIDDEN  # two needs behind the row


def test_card_docx_and_pdf(export):
    _, docx_path = export("card", "docx", None)
    text = docx_text(docx_path)
    assert "Sporządzona w dniu 12.03.2026" in text and "Piotr Wiśniewski" in text
    assert "Selekcyjne z gotowością do zmiany na powszechność – dzieci z rodzin w kryzysie" in text
    _, pdf_path = export("card", "pdf", None)
    assert "Menedżer ds. usług społecznych" in pdf_text(pdf_path)


def test_every_export_is_logged_with_who_what_and_k(export, crafted):
    job, _ = export("diagnosis", "pdf", "ops")
    logged = db.session.get(ExportJob, job.id)
    assert (logged.kind, logged.variant, logged.format, logged.k) == ("diagnosis", "ops", "pdf", 5)
    assert logged.user_id is None and logged.created_at and logged.finished_at
    assert logged.progress == 100 and logged.filename.endswith(".pdf")


def test_k_below_three_is_refused(app_context, crafted):
    with pytest.raises(services.ExportError, match="niższy niż 3"):
        services.create_job(
            "diagnosis", crafted.campaign_id, "xlsx", "cus", None, {"DISCLOSURE_K": 2}
        )


def test_higher_k_hides_more(app_context, crafted):
    job = services.create_job(
        "diagnosis", crafted.campaign_id, "xlsx", "cus", None, {"DISCLOSURE_K": 7}
    )
    job = build(job)
    rows = sheet_values(services.job_path(app_context, job))["Obszar × pilność"]
    assert _row(rows, "Promocja i ochrona zdrowia")[2] == "<7"  # the 5 needs in 3 months


def test_failed_export_is_recorded(app_context, crafted):
    job = services.create_job("card", crafted.campaign_id, "pdf", None, None, {}, {"card_id": 999})
    job = build(job)
    assert job.status == ExportStatus.FAILED and "nie ma karty" in job.error
    assert services.job_path(app_context, job) is None


def test_the_diagnosis_shows_channels_and_access_criteria_under_disclosure_control(export):
    _, path = export("diagnosis", "xlsx")
    sheets = sheet_values(path)
    channels = sheets["Kanały"]
    assert _row(channels, "Wizyta (wywiad)")[1] not in (None, "")
    criteria = [r[0] for r in sheets["Kryteria dostępu"] if r]
    assert any("(D12)" in str(cell) for cell in criteria)
    assert any("Luka między powszechnością" in str(cell) for cell in criteria)
    # Every count shown is 0, at least k, or a suppression mark.
    for name in ("Kanały", "Kryteria dostępu", "Częstotliwość i formy"):
        numbers = [c for r in sheets[name] for c in r[1:] if isinstance(c, int)]
        assert all(n == 0 or n >= 5 for n in numbers), name
