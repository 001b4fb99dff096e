"""The generic tabular import: read XLSX/CSV, validate per row, preview, duplicates, keep file."""

from __future__ import annotations

import io

import pytest
from marshmallow import Schema
from openpyxl import Workbook, load_workbook

from researcher.extensions import db
from researcher.imports import services
from researcher.imports.fields import Choice, Count, Day, Text
from researcher.imports.models import ImportFile
from researcher.imports.reader import ImportFileError, read_table
from researcher.imports.template import template_csv, template_xlsx


class ItemSchema(Schema):
    text = Text(max_length=20, required=True, data_key="opis", metadata={"example": "świetlica"})
    day = Day(required=True, data_key="data", metadata={"example": "2026-05-01"})
    colour = Choice({"red": "Czerwony", "blue": "Niebieski"}, data_key="kolor")
    n = Count(minimum=1, data_key="liczba", load_default=1)


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def key(data):
    return (data["text"].lower(), data["day"])


def test_csv_with_semicolons_and_bom_is_read():
    content = "opis;data\r\nświetlica;2026-05-01\r\n".encode("utf-8-sig")
    table = read_table("a.csv", content)
    assert table.headings == ["opis", "data"]
    assert table.rows == [(2, {"opis": "świetlica", "data": "2026-05-01"})]


def test_csv_with_commas_is_read():
    table = read_table("a.csv", b"opis,data\nklub,2026-05-01\n")
    assert table.rows[0][1]["opis"] == "klub"


def test_xlsx_dates_and_numbers_become_text():
    from datetime import datetime

    table = read_table("a.xlsx", xlsx([["Opis", "Data", "Liczba"], ["x", datetime(2026, 5, 1), 3]]))
    assert table.rows == [(2, {"opis": "x", "data": "2026-05-01", "liczba": "3"})]


def test_unreadable_file_is_refused():
    with pytest.raises(ImportFileError):
        read_table("a.pdf", b"%PDF-1.4")
    with pytest.raises(ImportFileError):
        read_table("a.xlsx", b"PK not really a zip")


def test_bad_rows_name_row_and_column_and_valid_rows_are_kept(app_context):
    content = (
        "opis;data;kolor;liczba\n"
        "świetlica;2026-05-01;czerwony;2\n"
        ";2026-05-02;;\n"
        "klub seniora;01.05.2026;zielony;0\n"
        "dowóz;nie wiem;Niebieski;\n"
    ).encode()
    result = services.preview(read_table("a.csv", content), ItemSchema())
    assert [(v.row, v.data["colour"], v.data["n"]) for v in result.valid] == [(2, "red", 2)]
    errors = {(e.row, e.column) for e in result.errors}
    assert errors == {(3, "opis"), (4, "kolor"), (4, "liczba"), (5, "data")}
    assert result.rows_with_errors == 3


def test_missing_required_column_is_reported_once():
    result = services.preview(read_table("a.csv", b"opis\nx\n"), ItemSchema())
    assert [(e.row, e.column) for e in result.errors] == [(1, "data")]
    assert result.valid == []


def test_unknown_columns_are_listed_as_ignored():
    table = read_table("a.csv", b"opis;data;uwagi\nx;2026-01-01;y\n")
    result = services.preview(table, ItemSchema())
    assert result.ignored_columns == ["uwagi"]
    assert len(result.valid) == 1


def test_duplicates_within_the_file_and_against_stored_keys():
    from datetime import date

    content = b"opis;data\nKlub;2026-05-01\nklub;2026-05-01\nstary;2026-05-02\n"
    existing = {("stary", date(2026, 5, 2))}
    result = services.preview(read_table("a.csv", content), ItemSchema(), key, existing)
    assert [v.row for v in result.valid] == [2]
    assert [(d.row, d.first_row) for d in result.duplicates] == [(3, 2), (4, None)]


def test_upload_keeps_the_file_and_apply_notes_the_counts(app_context):
    content = b"opis;data\nklub;2026-05-01\n;2026-05-01\n"
    stored = services.upload("test", "lista.csv", content, None, {"campaign_id": 7})
    written = []
    result = services.preview_file(stored, ItemSchema(), key)
    counts = services.apply(stored, result, written.append)
    db.session.commit()
    kept = db.session.get(ImportFile, stored.id)
    assert kept.content == content and kept.filename == "lista.csv"
    assert kept.context == {"campaign_id": 7}
    assert counts == {"rows": 2, "imported": 1, "errors": 1, "duplicates": 0}
    assert kept.result == counts and kept.applied_at is not None
    assert [row.row for row in written] == [2]
    with pytest.raises(services.AlreadyApplied):
        services.apply(kept, result, written.append)


def test_template_has_the_schema_headings_and_reads_back_valid(app):
    with app.test_request_context():
        workbook = load_workbook(io.BytesIO(template_xlsx(ItemSchema(), "Lista")))
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        assert rows[0] == ("opis", "data", "kolor", "liczba")
        assert "czerwony" in " ".join(str(c.value) for c in workbook.worksheets[1]["D"]).lower()
        table = read_table("t.csv", template_csv(ItemSchema()))
        assert services.preview(table, ItemSchema()).errors == []
