"""Each writer produces a file that opens and shows the published tables, the card and texts."""

from __future__ import annotations

import json

from docx import Document

from researcher.exports.card import write_card
from researcher.exports.csv import write_diagnosis_csv
from researcher.exports.document import CARD_HEADERS
from researcher.exports.docx import write_diagnosis_docx
from researcher.exports.json import write_diagnosis_json
from researcher.exports.pdf import write_diagnosis_pdf
from researcher.exports.xlsx import write_diagnosis_xlsx
from tests.exports.conftest import HIDDEN
from tests.exports.files import docx_text, pdf_text, sheet_values


def test_xlsx_has_summary_section_and_card_sheets(report, tmp_path):
    path = tmp_path / "d.xlsx"
    write_diagnosis_xlsx(report, path)
    sheets = sheet_values(path)
    assert list(sheets) == [
        "Podsumowanie",
        "Realizacja badania",
        "Potrzeby według obszaru i pilno",
        "Karta usług",
    ]
    summary = {row[0]: row[1] for row in sheets["Podsumowanie"] if row and len(row) > 1}
    assert summary["Wizyty"] == "100"
    assert summary["Odsetek realizacji"] == "60,0%"
    assert summary["Próg ujawniania (k)"] == 5
    rows = sheets["Potrzeby według obszaru i pilno"]
    header = next(r for r in rows if r and r[0] == "Obszar")
    assert header == ["Obszar", "Pilna", "W ciągu 3 miesięcy", "W ciągu roku", "Razem"]
    assert ["Pomoc społeczna", 12, HIDDEN, 30, 44] in rows
    assert ["Promocja i ochrona zdrowia", 8, HIDDEN, 21, 36] in rows
    assert ["Razem", 35, 25, 68, 128] in rows


def test_xlsx_single_column_table_has_percentages(report, tmp_path):
    path = tmp_path / "d.xlsx"
    write_diagnosis_xlsx(report, path)
    rows = sheet_values(path)["Realizacja badania"]
    assert ["Wywiad zrealizowany", 60, "60,0%"] in rows
    assert ["Przerwany", HIDDEN] in rows


def test_xlsx_card_sheet_has_template_and_evidence_columns(report, tmp_path):
    path = tmp_path / "d.xlsx"
    write_diagnosis_xlsx(report, path)
    rows = sheet_values(path)["Karta usług"]
    header = next(r for r in rows if r and r[0] == "L.p.")
    assert tuple(header[:5]) == CARD_HEADERS
    assert "Liczba potrzeb mieszkańców" in header
    first = next(r for r in rows if r and r[0] == 1)
    assert first[header.index("Liczba potrzeb mieszkańców")] == 23
    second = next(r for r in rows if r and r[0] == 2)
    assert second[header.index("Liczba potrzeb mieszkańców")] == HIDDEN
    assert ["Sporządzona w dniu 12.03.2026"] in [r[:1] for r in rows]


def test_docx_report_has_sections_tables_charts_and_card(report, tmp_path):
    path = tmp_path / "d.docx"
    write_diagnosis_docx(report, path)
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Potrzeby według obszaru i pilności" in headings
    assert "Karta usług i kryteriów dostępu" in headings
    assert len(document.inline_shapes) == 2  # one chart per table
    text = docx_text(path)
    assert "Sporządzona w dniu 12.03.2026" in text
    assert "Menedżer ds. usług społecznych" in text
    card = next(t for t in document.tables if t.rows[0].cells[0].text == "L.p.")
    assert tuple(c.text for c in card.rows[0].cells) == CARD_HEADERS
    assert [c.text for c in card.rows[2].cells][2:] == ["nie", "tak", "Powszechność"]


def test_docx_shows_hidden_cells_as_their_text(report, tmp_path):
    path = tmp_path / "d.docx"
    write_diagnosis_docx(report, path)
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[0].text == "Obszar")
    assert [c.text for c in table.rows[1].cells] == ["Pomoc społeczna", "12", HIDDEN, "30", "44"]
    assert [c.text for c in table.rows[2].cells][2] == HIDDEN


def test_pdf_report_contains_polish_text(report, tmp_path):
    path = tmp_path / "d.pdf"
    write_diagnosis_pdf(report, path)
    text = pdf_text(path)
    assert "osób" in text and "niepełnosprawnych" in text
    assert "Łącko" in text and "Żółty Dąb" in text
    assert "Sporządzona w dniu 12.03.2026" in text
    assert "Menedżer ds. usług społecznych" in text


def test_csv_has_bom_semicolons_and_one_line_per_cell(report, tmp_path):
    path = tmp_path / "d.csv"
    write_diagnosis_csv(report, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "sekcja;tabela;wiersz;kolumna;wartość;procent"  # as the guide says
    title = "Potrzeby według obszaru i pilności"
    assert f"{title};{title};Pomoc społeczna;W ciągu 3 miesięcy;{HIDDEN};" in lines
    assert f"{title};{title};Razem;Razem;128;" in lines
    assert "Podsumowanie;;Odsetek realizacji;;60,0%;" in lines


def test_json_has_null_for_hidden_cells(report, tmp_path):
    path = tmp_path / "d.json"
    write_diagnosis_json(report, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    table = data["sections"][1]["tables"][0]
    cell = table["rows"][0]["cells"][1]
    assert cell == {"value": None, "text": HIDDEN, "suppressed": "primary", "percent": None}
    assert table["rows"][1]["cells"][1]["suppressed"] == "secondary"
    assert data["k"] == 5 and data["card"]["lines"][1]["evidence"] == HIDDEN


def test_card_docx_follows_the_template(card_document, tmp_path):
    path = tmp_path / "karta.docx"
    write_card(card_document, "docx", path)
    document = Document(str(path))
    assert document.paragraphs[0].text == "Karta usług i kryteriów dostępu"
    assert tuple(c.text for c in document.tables[0].rows[0].cells) == CARD_HEADERS
    text = docx_text(path)
    assert "Sporządzona w dniu 12.03.2026" in text
    assert "Zofia Żak" in text


def test_card_pdf_follows_the_template(card_document, tmp_path):
    path = tmp_path / "karta.pdf"
    write_card(card_document, "pdf", path)
    text = pdf_text(path)
    for header in ("L.p.", "Dotychczas", "Kryterium dostępu", "Sporządzona w dniu 12.03.2026"):
        assert header in text
    assert "Selekcyjne z gotowością" in text and "Nowe do" in text
    assert "Zofia Żak" in text


def test_card_xlsx_has_evidence_columns(card_document, tmp_path):
    path = tmp_path / "karta.xlsx"
    write_card(card_document, "xlsx", path)
    rows = sheet_values(path)["Karta usług"]
    assert rows[0][0] == "Karta usług i kryteriów dostępu"
    first = next(r for r in rows if r and r[0] == 1)
    assert first[10] == "Pilna: <5; W ciągu 3 miesięcy: 11"


def test_a_withheld_table_is_written_as_its_note_in_every_format(report, urgency_table, tmp_path):
    from dataclasses import replace

    from researcher.exports.csv import write_diagnosis_csv as csv_writer
    from researcher.reports.tables import Cell

    withheld = replace(
        urgency_table,
        rows=[], row_labels=[], cells=[], row_totals=[],
        column_totals=[Cell(None, "–", "withheld")] * 3, total=Cell(None, "–", "withheld"),
        note="Tabela wstrzymana: nie da się ukryć małych liczb.", withheld=True,
    )  # fmt: skip
    report = replace(report, sections=[replace(report.sections[1], tables=[withheld])])
    writers = {
        "xlsx": write_diagnosis_xlsx, "docx": write_diagnosis_docx, "pdf": write_diagnosis_pdf,
        "csv": csv_writer, "json": write_diagnosis_json,
    }  # fmt: skip
    for fmt, write in writers.items():
        write(report, tmp_path / f"d.{fmt}")
    assert "Tabela wstrzymana" in docx_text(tmp_path / "d.docx")
    assert "Tabela wstrzymana" in pdf_text(tmp_path / "d.pdf")
    assert "Pomoc społeczna" not in (tmp_path / "d.csv").read_text(encoding="utf-8-sig")
