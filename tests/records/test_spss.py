"""The record-level export as SPSS .sav (optional extra `spss`, installed by `[test]`):
written, read back with pyreadstat, its labels and row counts match the database."""

from __future__ import annotations

import io
import zipfile

import pyreadstat  # the `spss` extra, which the `test` extra includes

from researcher.extensions import db
from researcher.interviews.models import Need, Visit
from researcher.records import spss
from tests.records.test_record_export import _campaign, _fill


def _sav(client, tmp_path, **form):
    data = {"campaign": _campaign().id, "fmt": "sav", **form}
    response = client.post("/dane-rekordowe/", data=data)
    assert response.status_code == 200, response.text[:500]
    assert "spss" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == ["potrzeby.sav", "slownik.sav", "wizyty.sav"]
    archive.extractall(tmp_path)
    return {name: pyreadstat.read_sav(str(tmp_path / f"{name}.sav"))
            for name in ("wizyty", "potrzeby", "slownik")}  # fmt: skip


def test_sav_rows_equal_the_database_with_variable_and_value_labels(
    client, login, demo, interview, tmp_path
):
    login("manager")
    _fill(client, interview)
    files = _sav(client, tmp_path)
    count = db.select(db.func.count())
    visits, visits_meta = files["wizyty"]
    needs, needs_meta = files["potrzeby"]
    assert visits_meta.number_rows == len(visits) == db.session.scalar(count.select_from(Visit))
    assert needs_meta.number_rows == db.session.scalar(count.select_from(Need)) == 10
    labels = needs_meta.column_names_to_labels
    assert labels["area"] == "D2 Obszar wg researchera" and labels["urgency"] == "D6 Pilność"
    channel = needs_meta.variable_value_labels["channel"]
    assert "Telefon / dyżur [telefon]" in channel.values()
    phoned = [channel[v] for v in needs["channel"]].count("Telefon / dyżur [telefon]")
    assert phoned == 1
    assert needs_meta.variable_value_labels["sensitive"] == {1.0: "tak", 0.0: "nie"}
    codebook, codebook_meta = files["slownik"]
    described = set(zip(codebook["tabela"], codebook["kolumna"], strict=True))
    assert {("potrzeby", c) for c in needs.columns} <= described


def test_sav_keeps_contact_data_out_and_is_logged(client, login, demo, interview, tmp_path):
    login("manager")
    _fill(client, interview)
    files = _sav(client, tmp_path)
    text = " ".join(frame.to_csv() for frame, _ in files.values())
    assert "Kowalski" not in text and "601234567" not in text
    from researcher.audit.models import AccessAction, AccessLogEntry

    entry = db.session.scalar(db.select(AccessLogEntry).where(
        AccessLogEntry.action == AccessAction.RECORD_EXPORT))  # fmt: skip
    assert entry.detail["format"] == "sav"


def test_the_page_offers_sav_only_when_the_library_is_installed(
    client, login, demo, monkeypatch
):
    login("manager")
    assert "SPSS .sav" in client.get("/dane-rekordowe/").text
    monkeypatch.setattr(spss, "available", lambda: False)
    assert "SPSS .sav" not in client.get("/dane-rekordowe/").text
    refused = client.post("/dane-rekordowe/", data={"campaign": _campaign().id, "fmt": "sav"})
    assert refused.status_code == 400
