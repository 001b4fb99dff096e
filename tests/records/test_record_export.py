"""The record-level export: every visit and need, pseudonymised, with a codebook; logged."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook

from researcher.audit.models import AccessAction, AccessLogEntry
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.models import Contact, Need, Visit
from researcher.interviews.sync import apply_record


def _campaign() -> Campaign:
    return db.session.scalar(db.select(Campaign))


def _fill(client, interview):
    """Three interviews (one with contact data), a refusal, a meeting and a phoned-in need."""
    from researcher.auth.models import User

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    for i in range(3):
        changes = {}
        if i == 0:
            changes = {"data": {"contact_requested": True, "contact": {
                "name": "Jan Kowalski", "phone_or_email": "601234567", "when": "rano"}}}
        assert not apply_record(interview(**changes), researcher, "d", "b").errors
    refusal = interview()
    refusal["data"] = {"campaign_id": refusal["data"]["campaign_id"],
                       "locality_id": refusal["data"]["locality_id"], "visit_outcome": "odmowa"}
    assert not apply_record(refusal, researcher, "d", "b").errors
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 1
    client.post("/zgloszenia/nowa", data={
        "campaign": _campaign().id, "channel": "telefon", "day": "2026-04-02",
        "description": "Opieka wytchnieniowa", "area": "pomoc_spoleczna",
        "target_groups": ["opiekunowie"], "urgency": "3m",
    })  # fmt: skip


def _download(client, **form):
    data = {"campaign": _campaign().id, "fmt": "xlsx", **form}
    response = client.post("/dane-rekordowe/", data=data)
    assert response.status_code == 200, response.text[:500]
    return response


def _sheets(response) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


def test_row_counts_equal_the_database_and_the_codebook_covers_every_column(
    client, login, demo, interview
):
    login("manager")
    _fill(client, interview)
    sheets = _sheets(_download(client))
    assert list(sheets) == ["wizyty", "potrzeby", "slownik"]
    visits, needs, codebook = sheets["wizyty"], sheets["potrzeby"], sheets["slownik"]
    count = db.select(db.func.count())
    assert len(visits) - 1 == db.session.scalar(count.select_from(Visit))
    assert len(needs) - 1 == db.session.scalar(count.select_from(Need)) == 10
    described = {(row[0], row[1]) for row in codebook[1:]}
    for name, rows in (("wizyty", visits), ("potrzeby", needs)):
        assert {(name, column) for column in rows[0]} <= described
    header = needs[0]
    uuids = {row[0] for row in visits[1:]}
    channels = [row[header.index("channel")] for row in needs[1:]]
    assert channels.count("wizyta") == 9 and channels.count("telefon") == 1
    for row in needs[1:]:
        link = row[header.index("visit_uuid")]
        assert (link in uuids) if row[header.index("channel")] == "wizyta" else not link
    assert "Telefon / dyżur" in [row[header.index("channel_etykieta")] for row in needs[1:]]


def test_never_contact_data_and_codes_replaced_by_a_key_of_the_export(
    client, login, demo, interview
):
    login("manager")
    _fill(client, interview)
    first = _download(client)
    text = str(_sheets(first))
    assert "Kowalski" not in text and "601234567" not in text and "rano" not in text
    codes = set(db.session.scalars(db.select(Visit.respondent_code)).all()) - {None}
    assert codes and not any(code in text for code in codes)
    header = _sheets(first)["wizyty"][0]
    keys = [r[header.index("respondent_code")] for r in _sheets(first)["wizyty"][1:]]
    again = [r[header.index("respondent_code")] for r in _sheets(_download(client))["wizyty"][1:]]
    assert set(filter(None, keys)).isdisjoint(filter(None, again))  # a new key per export
    asked = _sheets(_download(client, with_codes="y"))["wizyty"]
    assert codes <= {r[header.index("respondent_code")] for r in asked[1:]}


def test_csv_is_a_zip_of_bom_semicolon_files(client, login, demo, interview):
    login("manager")
    _fill(client, interview)
    response = _download(client, fmt="csv")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == ["potrzeby.csv", "slownik.csv", "wizyty.csv"]
    raw = archive.read("potrzeby.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "need_id" and len(rows) - 1 == 10


def test_every_download_is_written_to_the_access_log(client, login, demo, interview):
    manager = login("manager")
    _fill(client, interview)
    _download(client)
    _download(client, fmt="csv", with_codes="y")
    entries = db.session.scalars(
        db.select(AccessLogEntry).where(AccessLogEntry.action == AccessAction.RECORD_EXPORT)
        .order_by(AccessLogEntry.id)
    ).all()  # fmt: skip
    assert [(e.actor_id, e.target_id, e.detail["format"], e.detail["with_codes"])
            for e in entries] == [(manager.id, str(_campaign().id), "xlsx", False),
                                  (manager.id, str(_campaign().id), "csv", True)]  # fmt: skip
    assert entries[0].detail["visits"] == 4 and entries[0].detail["needs"] == 10


def test_the_page_says_it_is_never_published(client, login, demo):
    login("manager")
    assert "Nigdy nie publikuj" in client.get("/dane-rekordowe/").text
    login("researcher")
    assert client.get("/dane-rekordowe/").status_code == 403


def test_a_visit_entered_from_paper_is_marked_in_the_export(client, login, demo, interview):
    from researcher.auth.models import User

    login("manager")
    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    paper, phone = interview(from_paper=True), interview()
    for record in (paper, phone):
        assert not apply_record(record, researcher, "d", "b").errors
    db.session.commit()
    visits = _sheets(_download(client))["wizyty"]
    column = visits[0].index("from_paper")
    marked = {row[0]: row[column] for row in visits[1:]}
    assert (marked[paper["uuid"]], marked[phone["uuid"]]) == ("tak", "nie")
