"""Upload of a backup file from a phone that cannot sync (manager, admin)."""

from __future__ import annotations

import io
import json
import re
import uuid

import pytest

from researcher.extensions import db
from researcher.field import services
from researcher.interviews.models import QuarantinedRecord, Visit


def backup_file(records, device_id=None) -> bytes:
    return json.dumps({
        "device_id": device_id or str(uuid.uuid4()),
        "exported_at": "2026-11-20T18:00:00+01:00",
        "records": records,
    }).encode()


def upload(client, researcher_id, content: bytes, name="kopia.json"):
    return client.post("/kopie-zapasowe", data={
        "researcher_id": str(researcher_id),
        "backup": (io.BytesIO(content), name),
    }, content_type="multipart/form-data")


def statuses(html: str) -> list[str]:
    return re.findall(r'class="result result--(\w+)"', html)


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_backup_records_are_applied_as_the_chosen_researcher(
    client, login, make_user, demo, interview, role
):
    researcher = make_user("researcher")
    login(role)
    records = [interview(), interview()]
    response = upload(client, researcher.id, backup_file(records))
    assert response.status_code == 200
    assert statuses(response.get_data(as_text=True)) == ["created", "created"]
    visits = db.session.scalars(db.select(Visit).where(Visit.researcher_id == researcher.id))
    assert sorted(v.uuid for v in visits) == sorted(r["uuid"] for r in records)


def test_the_same_backup_twice_duplicates_nothing(client, login, make_user, demo, interview):
    researcher = make_user("researcher")
    login("manager")
    content = backup_file([interview()])
    upload(client, researcher.id, content)
    response = upload(client, researcher.id, content)
    assert statuses(response.get_data(as_text=True)) == ["unchanged"]
    assert db.session.scalar(db.select(db.func.count(Visit.id))
                             .where(Visit.researcher_id == researcher.id)) == 1


def test_a_bad_record_is_rejected_into_quarantine_and_the_rest_kept(client, login, make_user,
                                                                     demo, interview):
    researcher = make_user("researcher")
    login("manager")
    bad = interview()
    bad["data"]["needs"][1]["urgency"] = "bardzo"
    response = upload(client, researcher.id, backup_file([interview(), bad, "not a record"]))
    html = response.get_data(as_text=True)
    assert statuses(html) == ["created", "rejected", "rejected"]
    assert "data.needs.1.urgency" in html
    quarantined = db.session.scalars(db.select(QuarantinedRecord)).all()
    assert {q.source for q in quarantined} == {"backup"}
    assert len(quarantined) == 2


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG not json", "To nie jest plik JSON"),
    (b'{"records": "none"}', "brak listy „records”"),
    (b'[1, 2]', "brak listy „records”"),
    (b'{"records": []}', "nie zawiera żadnych wizyt"),
])
def test_a_file_that_is_no_backup_gets_a_message_beside_the_field(client, login, make_user,
                                                                   content, message):
    researcher = make_user("researcher")
    login("manager")
    response = upload(client, researcher.id, content)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'<p class="field__error" id="backup-error">[^<]*' + re.escape(message),
                     html)
    assert db.session.scalar(db.select(db.func.count(QuarantinedRecord.id))) == 0


def test_a_file_too_big_gets_a_message_and_nothing_crashes(client, login, make_user,
                                                           monkeypatch, demo, interview):
    monkeypatch.setattr(services, "MAX_BACKUP_BYTES", 1000)
    researcher = make_user("researcher")
    login("manager")
    response = upload(client, researcher.id, backup_file([interview(), interview()]))
    assert response.status_code == 400
    assert "Plik jest za duży" in response.get_data(as_text=True)


def test_a_request_far_too_big_is_refused_with_the_form_shown(client, login, make_user,
                                                              monkeypatch):
    monkeypatch.setattr(services, "MAX_BACKUP_BYTES", 1000)
    researcher = make_user("researcher")
    login("admin")
    response = upload(client, researcher.id, b"x" * 200_000)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Plik jest za duży" in html and 'type="file"' in html


def test_missing_file_and_researcher_are_reported(client, login):
    login("manager")
    response = client.post("/kopie-zapasowe", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Wybierz plik kopii zapasowej." in html


def test_backup_page_lists_researchers_only(client, login, make_user):
    researcher = make_user("researcher")
    manager = make_user("manager")
    login("admin")
    html = client.get("/kopie-zapasowe").get_data(as_text=True)
    assert researcher.email in html and manager.email not in html


def test_backup_records_are_masked_before_they_are_stored(
    client, login, make_user, demo, interview
):
    from researcher.interviews.models import Need

    researcher = make_user("researcher")
    login("manager")
    made = interview()
    made["data"]["needs"][0]["description"] = "PESEL 44051401359, tel. 601 234 567"
    upload(client, researcher.id, backup_file([made]))
    stored = db.session.scalar(db.select(Need.description).where(Need.position == 1))
    assert stored == "PESEL [PESEL], tel. [TELEFON]"
