"""Issue 11 §1: the follow-ups tied to a respondent code are part of the dossier, of its
JSON and PDF copy, and go with an erasure."""

from __future__ import annotations

from datetime import datetime

from researcher.extensions import db
from researcher.followups.models import Followup, FollowupEvent
from researcher.rights.models import ErasureRecord, RightsRequest
from tests.rights.conftest import CODE


def open_request(client, kind="dostep"):
    response = client.post("/wnioski", data={"kind": kind, "code": CODE,
                                             "received_on": "2026-11-30", "note": ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(db.select(RightsRequest).order_by(RightsRequest.id.desc()))


def followed_up(stored):
    """A stored interview whose first need was followed up and closed, with its history."""
    visit = stored()
    need = visit.needs[0]
    followup = Followup(need_id=need.id, status="zaspokojona",
                        closed_at=datetime(2026, 12, 1, 9, 0))
    followup.events = [
        FollowupEvent(at=datetime(2026, 11, 25, 9, 0), from_status=None,
                      to_status="w_kontakcie", note="Umówiono rozmowę"),
        FollowupEvent(at=datetime(2026, 12, 1, 9, 0), from_status="w_kontakcie",
                      to_status="zaspokojona", note="Opieka przyznana"),
    ]
    db.session.add(followup)
    db.session.commit()
    return visit, followup.id


def test_the_dossier_page_lists_the_follow_ups_of_the_code(client, handler, stored):
    followed_up(stored)
    handler()
    made = open_request(client)
    page = client.get(f"/wnioski/{made.id}").get_data(as_text=True)
    assert "Działania następcze" in page
    assert "Potrzeba 1: Zaspokojona" in page and "zamknięte 2026-12-01" in page


def test_the_json_and_pdf_copies_hold_the_follow_ups_with_their_history(
    client, handler, stored, tmp_path
):
    from tests.exports.files import pdf_text

    followed_up(stored)
    handler()
    made = open_request(client)
    [visit] = client.get(f"/wnioski/{made.id}/kopia.json").get_json()["visits"]
    [followup] = visit["followups"]
    assert followup["need_position"] == 1 and followup["status"] == "zaspokojona"
    assert followup["closed_at"] == "2026-12-01T09:00:00Z"
    assert [e["note"] for e in followup["events"]] == ["Umówiono rozmowę", "Opieka przyznana"]
    path = tmp_path / "kopia.pdf"
    path.write_bytes(client.get(f"/wnioski/{made.id}/kopia.pdf").data)
    text = pdf_text(path)
    assert "Działanie następcze (potrzeba 1): Zaspokojona" in text
    assert "Opieka przyznana" in text


def test_erasure_deletes_the_follow_ups_and_their_history(client, handler, stored):
    _, followup_id = followed_up(stored)
    handler()
    made = open_request(client, kind="usuniecie")
    client.post(f"/wnioski/{made.id}/usun", data={"confirm_code": CODE})
    db.session.expire_all()
    assert db.session.get(Followup, followup_id) is None
    assert db.session.scalar(db.select(db.func.count(FollowupEvent.id)).where(
        FollowupEvent.followup_id == followup_id)) == 0
    [entry] = db.session.scalars(db.select(ErasureRecord)).all()
    assert entry.counts["followups"] == 1
