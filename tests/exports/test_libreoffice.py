"""The exported XLSX and DOCX open in LibreOffice: converted headless to PDF, text checked.

Slow (a LibreOffice start per file). Without `soffice` these tests skip locally and fail in CI
(CI=true), where libreoffice-calc-nogui and libreoffice-writer-nogui are installed.
"""

from __future__ import annotations

import pytest

from researcher.exports import services
from researcher.exports.card import write_card
from researcher.exports.docx import write_diagnosis_docx
from researcher.exports.xlsx import write_diagnosis_xlsx
from tests.exports.data import build
from tests.exports.files import libreoffice_to_pdf, pdf_text, require_soffice

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def soffice():
    return require_soffice()


def test_diagnosis_xlsx_opens_in_libreoffice(report, tmp_path):
    source = tmp_path / "diagnoza.xlsx"
    write_diagnosis_xlsx(report, source)
    text = pdf_text(libreoffice_to_pdf(source, tmp_path))
    assert "Diagnoza potrzeb mieszkańców" in text
    assert "Wspieranie osób niepełnosprawnych" in text
    assert "<5" in text


def test_diagnosis_docx_opens_in_libreoffice(report, tmp_path):
    source = tmp_path / "diagnoza.docx"
    write_diagnosis_docx(report, source)
    text = pdf_text(libreoffice_to_pdf(source, tmp_path))
    assert "Potrzeby według obszaru i pilności" in text
    assert "Pomoc społeczna" in text and "Żółty Dąb" in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_card_opens_in_libreoffice(card_document, tmp_path, fmt):
    source = tmp_path / f"karta.{fmt}"
    write_card(card_document, fmt, source)
    text = pdf_text(libreoffice_to_pdf(source, tmp_path))
    assert "Karta usług i kryteriów dostępu" in text
    assert "Sporządzona w dniu 12.03.2026" in text


def test_a_broken_file_is_not_converted(tmp_path):
    """The check is real: a non-ZIP file named .xlsx gives no PDF (the infilter refuses it)."""
    source = tmp_path / "zepsuty.xlsx"
    source.write_text("to nie jest arkusz")
    with pytest.raises(AssertionError):
        libreoffice_to_pdf(source, tmp_path)


@pytest.mark.parametrize("variant", ["cus", "ops"])
def test_real_exports_of_both_variants_open_in_libreoffice(app_context, crafted, tmp_path, variant):
    for fmt, expected in (("xlsx", "Pomoc społeczna"), ("docx", "Obszar × grupa docelowa")):
        job = services.create_job("diagnosis", crafted.campaign_id, fmt, variant, None, {})
        job = build(job)
        text = pdf_text(libreoffice_to_pdf(services.job_path(app_context, job), tmp_path))
        assert expected in text
        if variant == "ops":
            assert "Ośrodek Pomocy Społecznej (OPS)" in text
