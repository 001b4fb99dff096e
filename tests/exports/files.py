"""Reading exported files back: text of a PDF, a DOCX, a workbook; LibreOffice conversion."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

LIBREOFFICE_PACKAGES = "libreoffice-calc-nogui libreoffice-writer-nogui"
INFILTERS = {".xlsx": "Calc MS Excel 2007 XML", ".docx": "MS Word 2007 XML"}


def pdf_text(path: Path) -> str:
    """The text of a PDF by poppler's pdftotext (installed here and in CI)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext missing: apt-get install poppler-utils")
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a DOCX, one per line."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def sheet_values(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet of a workbook as rows of values (trailing empty cells dropped)."""
    workbook = load_workbook(path, read_only=True)
    try:
        return {ws.title: [_trim(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}
    finally:
        workbook.close()


def _trim(row: tuple[object, ...]) -> list[object]:
    values = list(row)
    while values and values[-1] is None:
        values.pop()
    return values


def require_soffice() -> str:
    """soffice, or a skip (a failure in CI, where it must be installed)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        message = f"LibreOffice missing: apt-get install {LIBREOFFICE_PACKAGES}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return soffice


def libreoffice_to_pdf(source: Path, outdir: Path) -> Path:
    """Convert with LibreOffice headless (TESTING-RECIPES C): private profile, explicit filter."""
    soffice = require_soffice()
    with tempfile.TemporaryDirectory() as home:
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{home}/lo",
                "--headless",
                "--norestore",
                f"--infilter={INFILTERS[source.suffix]}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(source),
            ],
            env={**os.environ, "HOME": home},
            capture_output=True,
            text=True,
            timeout=180,
        )
    pdf = outdir / f"{source.stem}.pdf"
    assert pdf.exists(), result.stdout + result.stderr  # the exit code is 0 even on failure
    return pdf
