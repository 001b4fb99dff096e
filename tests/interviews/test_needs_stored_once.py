"""A synced visit's needs are stored once, as rows of `needs` (and its answers copied to
columns of `visits` only there); every reader gets the whole answer back."""

from __future__ import annotations

import copy
import json

from researcher.extensions import db
from researcher.interviews.answers import VISIT_ANSWER_COLUMNS, visit_answers
from researcher.interviews.models import Need, Visit, VisitVersion
from researcher.interviews.sync import apply_record
from tests.interviews.conftest import batch


def _with_other_group(record):
    """A need naming an "other" target group (D5.inna): its text is a column too."""
    record["data"]["needs"][1]["target_groups"] = ["dzieci", "inna"]
    record["data"]["needs"][1]["target_groups_other"] = "dzieci dojeżdżające do szkoły"
    return record


def _stored(uuid_: str) -> Visit:
    db.session.remove()
    return db.session.scalar(db.select(Visit).where(Visit.uuid == uuid_))


def test_a_synced_visit_keeps_its_needs_only_as_rows(client, login, demo, interview):
    login("researcher")
    sent = _with_other_group(interview())
    [result] = client.post("/api/v1/sync", json=batch(sent)).get_json()["results"]
    assert result["status"] == "created"
    visit = _stored(sent["uuid"])
    assert "needs" not in visit.data
    # The answers copied to columns of `visits` (outcome, E1–E3, code…) are stored once too.
    assert not set(VISIT_ANSWER_COLUMNS) & set(visit.data)
    assert visit.services_rating == sent["data"]["services_rating"]
    assert visit_answers(visit) == sent["data"]
    assert [n.description for n in visit.needs] == [
        n["description"] for n in sent["data"]["needs"]]
    assert visit.needs[1].target_groups_other == "dzieci dojeżdżające do szkoły"
    assert visit_answers(visit)["needs"] == sent["data"]["needs"]


def test_a_visit_applied_one_by_one_keeps_its_needs_only_as_rows(demo, interview):
    from researcher.auth.models import User

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    sent = _with_other_group(interview())
    assert apply_record(sent, researcher, "device", "batch").status == "created"
    db.session.commit()
    visit = _stored(sent["uuid"])
    assert "needs" not in visit.data
    assert visit_answers(visit)["needs"] == sent["data"]["needs"]


def test_the_correction_record_brings_back_every_need_as_sent(client, login, demo, interview):
    from tests.field.test_pages import bootstrap

    login("researcher")
    sent = _with_other_group(interview(recorded_at="2026-11-20T09:15:00+00:00"))
    client.post("/api/v1/sync", json=batch(sent))
    html = client.get(f"/teren?popraw={sent['uuid']}").get_data(as_text=True)
    correction = bootstrap(html)["correction"]
    assert correction["data"] == sent["data"]
    # The phone resending what it got back, same revision: nothing new.
    again = {k: correction[k] for k in ("uuid", "revision", "form_version", "recorded_at", "data")}
    [result] = client.post("/api/v1/sync", json=batch(again)).get_json()["results"]
    assert result["status"] == "unchanged"
    [result] = client.post("/api/v1/sync", json=batch(sent)).get_json()["results"]
    assert result["status"] == "unchanged"


def test_a_correction_keeps_the_earlier_revision_whole_with_its_needs(
    client, login, demo, interview
):
    login("researcher")
    sent = interview()
    client.post("/api/v1/sync", json=batch(sent))
    corrected = copy.deepcopy(sent)
    corrected["revision"] = 2
    corrected["data"]["needs"][0]["description"] = "Poprawiony opis potrzeby seniorki."
    [result] = client.post("/api/v1/sync", json=batch(corrected)).get_json()["results"]
    assert result["status"] == "updated"
    earlier = db.session.scalar(
        db.select(VisitVersion).where(VisitVersion.visit_uuid == sent["uuid"]))
    assert earlier.data["needs"] == sent["data"]["needs"]
    visit = _stored(sent["uuid"])
    assert "needs" not in visit.data
    assert visit_answers(visit)["needs"] == corrected["data"]["needs"]


def test_needs_the_rows_cannot_give_back_exactly_stay_in_the_visit_data(
    client, login, demo, interview
):
    """An empty answer sent by a client other than the phone (which leaves them out) has no
    place in a column: that visit keeps its list, so it still comes back as sent."""
    login("researcher")
    sent = interview()
    sent["data"]["needs"][2]["met_by"] = []
    [result] = client.post("/api/v1/sync", json=batch(sent)).get_json()["results"]
    assert result["status"] == "created", result
    visit = _stored(sent["uuid"])
    assert visit.data["needs"] == sent["data"]["needs"]
    assert visit_answers(visit)["needs"] == sent["data"]["needs"]
    assert len(visit.needs) == 3


def test_the_respondents_copy_holds_the_needs_in_the_answers(
    client, demo, interview, make_user, tmp_path
):
    from researcher.auth.models import User
    from researcher.auth.permissions import Permission
    from researcher.auth.services import grant_permission
    from tests.conftest import log_in
    from tests.exports.files import pdf_text
    from tests.rights.test_requests import CODE, open_request

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    sent = interview()
    sent["data"]["respondent_code"] = CODE
    assert apply_record(sent, researcher, "device", "batch").status == "created"
    handler = make_user("manager")
    grant_permission(handler, Permission.RIGHTS_REQUESTS, by=make_user("admin"))
    db.session.commit()
    log_in(client, handler)
    made = open_request(client)
    [one] = client.get(f"/wnioski/{made.id}/kopia.json").get_json()["visits"]
    assert one["answers"]["needs"] == sent["data"]["needs"]
    path = tmp_path / "kopia.pdf"
    path.write_bytes(client.get(f"/wnioski/{made.id}/kopia.pdf").data)
    text = " ".join(pdf_text(path).split())
    assert "Potrzeba 3" in text and "dowóz door-to-door" in text


def test_retention_anonymises_the_needs_kept_as_rows(demo, interview):
    from researcher.auth.models import User
    from researcher.retention.services import anonymise_visit

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    sent = _with_other_group(interview())
    apply_record(sent, researcher, "device", "batch")
    db.session.commit()
    visit = _stored(sent["uuid"])
    anonymise_visit(visit)
    db.session.commit()
    visit = db.session.get(Visit, visit.id)
    needs = visit_answers(visit)["needs"]
    assert [n["area"] for n in needs] == [n["area"] for n in sent["data"]["needs"]]
    free_text = {"description", "service_type", "target_groups_other"}
    assert all(not free_text & set(n) for n in needs)
    assert "needs" not in visit.data
    text = json.dumps(visit.data, ensure_ascii=False)
    assert all(n["description"] not in text for n in sent["data"]["needs"])
    assert db.session.scalar(db.select(db.func.count()).select_from(Need)
                             .where(Need.target_groups_other.is_not(None))) == 0

