"""Review back to the researcher: "do wyjaśnienia" with a comment, a corrected revision from
the phone, the manager closes the thread; all of it in the visit's history."""

from __future__ import annotations

from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.models import Visit
from researcher.interviews.sync import CREATED, UPDATED, apply_record
from researcher.steering.models import ReviewStatus, VisitReview
from tests.conftest import log_in

COMMENT = "Sprawdź pilność pierwszej potrzeby."


def _researcher() -> User:
    return db.session.scalar(db.select(User).where(User.role == "researcher"))


def _synced(interview) -> tuple[dict, Visit]:
    record = interview()
    assert apply_record(record, _researcher(), "device", "batch").status == CREATED
    db.session.commit()
    return record, db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))


def test_the_whole_thread_from_question_to_closing(demo, interview, client, login):
    record, visit = _synced(interview)
    manager = login("manager")
    response = client.post(f"/wizyty/{visit.id}/do-wyjasnienia", data={"comment": COMMENT})
    assert response.status_code == 302

    log_in(client, _researcher())
    mine = client.get("/moje-wizyty").get_data(as_text=True)
    assert "Do wyjaśnienia" in mine and COMMENT in mine
    assert f"/teren?popraw={visit.uuid}" in mine

    corrected = {**record, "revision": 2}
    corrected["data"] = {**record["data"], "researcher_note": "Poprawiono pilność."}
    assert apply_record(corrected, _researcher(), "device", "batch2").status == UPDATED
    db.session.commit()
    assert "Poprawka wysłana (wersja 2)" in client.get("/moje-wizyty").get_data(as_text=True)

    log_in(client, manager)
    page = client.get(f"/wizyty/{visit.id}").get_data(as_text=True)
    assert "Researcher przesłał poprawioną wersję 2" in page
    review = db.session.scalar(db.select(VisitReview))
    assert client.post(f"/wyjasnienia/{review.id}/zamknij",
                       data={"closing_comment": "Dziękuję."}).status_code == 302
    db.session.expire_all()
    assert review.status == ReviewStatus.CLOSED and review.closed_by_id == manager.id

    history = client.get(f"/wizyty/{visit.id}").get_data(as_text=True)
    steps = ["przyjęto wizytę (wersja 1)", f"do wyjaśnienia — {COMMENT}",
             "przyjęto poprawioną wersję 2", "zamknął(-ęła) wyjaśnienie"]
    positions = [history.index(step) for step in steps]
    assert positions == sorted(positions)

    log_in(client, _researcher())
    assert COMMENT not in client.get("/moje-wizyty").get_data(as_text=True)


def test_a_question_needs_a_comment(demo, interview, client, login):
    _record, visit = _synced(interview)
    login("manager")
    response = client.post(f"/wizyty/{visit.id}/do-wyjasnienia", data={"comment": "  "})
    assert response.status_code == 400
    assert db.session.scalar(db.select(VisitReview)) is None


def test_one_open_question_per_visit(demo, interview, client, login):
    _record, visit = _synced(interview)
    login("manager")
    client.post(f"/wizyty/{visit.id}/do-wyjasnienia", data={"comment": COMMENT})
    response = client.post(f"/wizyty/{visit.id}/do-wyjasnienia", data={"comment": "Jeszcze"})
    assert response.status_code == 400
    assert "ma już otwarte pytanie" in response.get_data(as_text=True)


def test_a_closed_thread_cannot_be_closed_again(demo, interview, client, login):
    _record, visit = _synced(interview)
    login("manager")
    client.post(f"/wizyty/{visit.id}/do-wyjasnienia", data={"comment": COMMENT})
    review = db.session.scalar(db.select(VisitReview))
    assert client.post(f"/wyjasnienia/{review.id}/zamknij").status_code == 302
    assert client.post(f"/wyjasnienia/{review.id}/zamknij").status_code == 400


def test_another_researcher_does_not_see_the_question(demo, interview, client, login,
                                                      make_user):
    _record, visit = _synced(interview)
    login("manager")
    client.post(f"/wizyty/{visit.id}/do-wyjasnienia", data={"comment": COMMENT})
    log_in(client, make_user("researcher"))
    assert COMMENT not in client.get("/moje-wizyty").get_data(as_text=True)


def test_the_visit_page_shows_no_answers(demo, interview, client, login):
    record, visit = _synced(interview)
    login("manager")
    page = client.get(f"/wizyty/{visit.id}").get_data(as_text=True)
    assert record["data"]["needs"][0]["description"][:30] not in page
    assert record["data"]["respondent_code"] not in page
