"""Needs from other channels: entered by hand, imported from a file; counted as needs only."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.imports.models import ImportFile
from researcher.interviews.models import Need, Visit
from researcher.reports.models import CampaignTally
from researcher.reports.slices import ReportFilter, counts


def _campaign() -> Campaign:
    return db.session.scalar(db.select(Campaign))


def _needs(channel: str | None = None) -> list[Need]:
    query = db.select(Need).order_by(Need.id)
    if channel:
        query = query.where(Need.channel == channel)
    return list(db.session.scalars(query))


def test_a_need_entered_by_hand_has_its_channel_and_no_visit(client, login, demo):
    login("manager")
    response = client.post("/zgloszenia/nowa", data={
        "campaign": _campaign().id, "channel": "telefon", "day": "2026-04-02",
        "description": "Brak dowozu do przychodni dla seniorów", "area": "zdrowie",
        "target_groups": ["seniorzy"], "urgency": "3m", "locality": "", "service_type": "dowóz",
    })  # fmt: skip
    assert response.status_code == 302
    (need,) = _needs()
    assert (need.channel, need.visit_id, need.recorded_on) == ("telefon", None, date(2026, 4, 2))
    assert need.beneficiary == "ogol" and need.consent_art9 is False
    assert need.sensitive is True  # zdrowie is a health area


def test_personal_data_in_a_typed_need_warns_then_is_masked(client, login, demo):
    login("manager")
    data = {
        "campaign": _campaign().id, "channel": "media_spolecznosciowe", "day": "2026-04-02",
        "description": "Pani z Lipowej, tel. 601 234 567, prosi o opiekunkę", "area":
        "pomoc_spoleczna", "target_groups": ["seniorzy"], "urgency": "12m",
    }  # fmt: skip
    warned = client.post("/zgloszenia/nowa", data=data)
    assert warned.status_code == 400 and "dane osobowe" in warned.text
    assert _needs() == []
    saved = client.post("/zgloszenia/nowa", data={**data, "pii_confirmed": "y"})
    assert saved.status_code == 302
    assert "601" not in _needs()[0].description and "[TELEFON]" in _needs()[0].description


IMPORT = (
    "data;kanał;opis;obszar;grupy docelowe;pilność;miejscowość;liczba osób\n"
    "2026-04-01;telefon;Opieka wytchnieniowa dla opiekunów;Pomoc społeczna;opiekunowie;3m;;\n"
    "2026-04-01;media_spolecznosciowe;Zajęcia dla młodzieży po szkole;edukacja;"
    "młodzież (13–17 lat);;;\n"
    "2026-04-02;wizyta;Kanał wizyta nie jest do importu;edukacja;dzieci;;;\n"
    "2026-04-02;telefon;;edukacja;dzieci;;;\n"
    "nie-data;telefon;Coś;edukacja;dzieci;;;\n"
    "2026-04-01;telefon;opieka wytchnieniowa  dla opiekunów;pomoc_spoleczna;opiekunowie;;;\n"
    "2026-04-03;inne;Świetlica w Nieistniejącej;kultura;dzieci;;Nieistniejąca;\n"
)  # fmt: skip


def _upload(client, content: bytes, name: str = "potrzeby.csv"):
    return client.post("/zgloszenia/import", data={
        "campaign": _campaign().id, "file": (io.BytesIO(content), name),
    }, content_type="multipart/form-data")  # fmt: skip


def test_import_with_bad_rows_keeps_the_valid_ones_and_names_row_and_column(client, login, demo):
    login("manager")
    response = _upload(client, IMPORT.encode("utf-8-sig"))
    assert response.status_code == 302
    preview = client.get(response.headers["Location"])
    text = preview.text
    assert "Poprawnych do zapisu: 2" in text and "Duplikatów (pominięte): 1" in text
    for row, column in [(4, "kanał"), (5, "opis"), (6, "data"), (8, "miejscowość")]:
        assert f"<td>{row}</td><td>{column}</td>" in text
    assert _needs() == []  # nothing stored before the manager applies it
    applied = client.post(response.headers["Location"])
    assert applied.status_code == 302
    needs = _needs()
    assert [(n.channel, n.description[:8]) for n in needs] == [
        ("telefon", "Opieka w"), ("media_spolecznosciowe", "Zajęcia ")
    ]
    assert needs[1].target_groups == ["mlodziez"]
    stored = db.session.scalar(db.select(ImportFile))
    assert stored.content == IMPORT.encode("utf-8-sig") and stored.result["imported"] == 2
    assert {n.import_file_id for n in needs} == {stored.id}


def test_an_import_is_applied_once_and_a_second_file_skips_stored_needs(client, login, demo):
    login("manager")
    first = _upload(client, IMPORT.encode()).headers["Location"]
    client.post(first)
    client.post(first)  # again: refused
    assert len(_needs()) == 2
    second = _upload(client, IMPORT.encode(), "znowu.csv").headers["Location"]
    assert "Duplikatów (pominięte): 3" in client.get(second).text


def test_template_downloads_are_the_import_columns(client, login, demo):
    login("manager")
    xlsx = client.get("/zgloszenia/import/szablon.xlsx")
    headings = next(load_workbook(io.BytesIO(xlsx.data)).worksheets[0].iter_rows(values_only=True))
    assert headings[:5] == ("data", "kanał", "opis", "obszar", "grupy docelowe")
    csv = client.get("/zgloszenia/import/szablon.csv")
    assert csv.data.startswith(b"\xef\xbb\xbfdata;")


def test_needs_from_other_channels_count_as_needs_never_as_respondents(client, login, demo):
    login("manager")
    client.post(_upload(client, IMPORT.encode()).headers["Location"])
    total = counts(ReportFilter(campaign_id=_campaign().id))
    assert sum(total.needs.values()) == 2
    assert sum(total.visits.values()) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Visit)) == 0


def test_the_needs_list_filters_by_channel(client, login, demo):
    login("manager")
    client.post(_upload(client, IMPORT.encode()).headers["Location"])
    phone = client.get("/potrzeby/?channel=telefon")
    assert "Znaleziono: 1" in phone.text and "Opieka wytchnieniowa" in phone.text
    assert "Znaleziono: 0" in client.get("/potrzeby/?channel=spotkanie").text


def test_an_applied_import_is_counted_before_anyone_opens_the_dashboard(client, login, demo):
    login("manager")
    client.post(_upload(client, IMPORT.encode()).headers["Location"])
    # The view queued the campaign's count and woke the worker (here: ran it at once).
    tally = db.session.get(CampaignTally, _campaign().id)
    assert tally is not None and tally.needs == len(_needs())
