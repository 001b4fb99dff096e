"""Formula injection: text starting with = + - @ tab or CR is neutralised in CSV and XLSX."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from researcher.exports.csv import write_diagnosis_csv
from researcher.exports.safe import FORMULA_STARTS, neutralise
from researcher.exports.xlsx import write_diagnosis_xlsx
from tests.exports.files import sheet_values

DANGEROUS = [
    "=1+1",
    "+48 600 000 000",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=cmd|' /C calc'!A0",
    '\r=HYPERLINK("http://zly.example")',
]
# Full-width ＝ ＋ － ＠: some spreadsheets read them as the ASCII starters.
FULL_WIDTH = ["\uff1d1+1", "\uff0b48 600 000 000", "\uff0d2+3", "\uff20SUM(A1:A2)"]


def test_every_starter_is_covered():
    assert {text[0] for text in DANGEROUS + FULL_WIDTH} == set(FORMULA_STARTS)


@pytest.mark.parametrize("text", DANGEROUS + FULL_WIDTH)
def test_neutralise_prefixes_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Pomoc społeczna", "<5", "x", "", 12, None, 3.5])
def test_neutralise_leaves_other_values(value):
    assert neutralise(value) == value


@pytest.fixture
def dangerous_report(report, urgency_table):
    """The sample report with every row label, the card names and the summary made dangerous."""
    table = replace(urgency_table, row_labels=DANGEROUS[:3])
    lines = [
        replace(line, name=text)
        for line, text in zip(report.card.lines, DANGEROUS[3:5], strict=True)
    ]
    return replace(
        report,
        campaign=DANGEROUS[5],
        sections=[replace(report.sections[1], tables=[table])],
        card=replace(report.card, lines=lines),
    )


def test_xlsx_cells_are_neutralised(dangerous_report, tmp_path):
    path = tmp_path / "d.xlsx"
    write_diagnosis_xlsx(dangerous_report, path)
    values = {v for rows in sheet_values(path).values() for row in rows for v in row}
    for text in DANGEROUS:
        assert "'" + text in values
        assert text not in values


def test_xlsx_has_no_formula_cells(dangerous_report, tmp_path):
    path = tmp_path / "d.xlsx"
    write_diagnosis_xlsx(dangerous_report, path)
    workbook = load_workbook(path)
    types = {cell.data_type for ws in workbook for row in ws.iter_rows() for cell in row}
    assert "f" not in types


def test_csv_cells_are_neutralised(dangerous_report, tmp_path):
    path = tmp_path / "d.csv"
    write_diagnosis_csv(dangerous_report, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        values = {v for row in csv.reader(handle, delimiter=";") for v in row}
    for text in DANGEROUS:
        assert "'" + text in values
        assert text not in values


@pytest.mark.parametrize("text", FULL_WIDTH)
def test_csv_cells_starting_with_a_full_width_starter_are_neutralised(report, text, tmp_path):
    path = tmp_path / "d.csv"
    write_diagnosis_csv(replace(report, campaign=text), path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        values = {v for row in csv.reader(handle, delimiter=";") for v in row}
    assert "'" + text in values and text not in values
