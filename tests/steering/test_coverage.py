""""Postęp badania": per locality, per researcher and per day, in a fixed number of statements,
without respondent data, numbers and times in Polish."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import event

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.interviews.models import QuarantinedRecord, SyncBatch
from researcher.steering.coverage import campaign_coverage
from researcher.steering.models import LocalityAssignment, LocalityTarget


@contextmanager
def counted():
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _campaign(demo) -> Campaign:
    return db.session.get(Campaign, demo.campaign_id)


def _locality(index: int) -> Locality:
    return db.session.scalars(db.select(Locality).order_by(Locality.id)).all()[index]


def _researcher() -> User:
    return db.session.scalar(db.select(User).where(User.role == "researcher"))


def test_a_locality_shows_visits_by_outcome_interviews_response_rate_and_progress(demo, add_visit):
    for outcome in ("zrealizowany", "zrealizowany", "przerwany", "odmowa", "nikt", "nikt"):
        add_visit(outcome, locality=0)
    add_visit("zrealizowany", locality=1)
    db.session.add(LocalityTarget(campaign_id=demo.campaign_id, locality_id=_locality(0).id,
                                  interviews=8))
    db.session.commit()
    row = next(r for r in campaign_coverage(_campaign(demo)).localities
               if r.plan.locality.id == _locality(0).id)
    assert row.tally.visits == 6
    assert dict(row.tally.outcomes) == {"zrealizowany": 2, "przerwany": 1, "odmowa": 1, "nikt": 2}
    assert (row.tally.interviews, row.tally.completed) == (3, 2)
    assert row.tally.response_rate == 3 / 4  # four doors opened
    assert row.progress == 2 / 8


def test_a_researcher_row_has_assignments_last_sync_and_quarantine(demo, add_visit):
    researcher = _researcher()
    add_visit("nikt")
    db.session.add_all([
        LocalityAssignment(campaign_id=demo.campaign_id, locality_id=_locality(0).id,
                           user_id=researcher.id),
        SyncBatch(batch_id="b", device_id="d", researcher_id=researcher.id,
                  received_at=datetime(2026, 5, 10, 22, 30), counts={}),
        QuarantinedRecord(researcher_id=researcher.id, payload={}, errors={}),
    ])
    db.session.commit()
    (row,) = campaign_coverage(_campaign(demo)).researchers
    assert (row.user.id, row.localities, row.tally.visits) == (researcher.id, 1, 1)
    assert row.last_sync == datetime(2026, 5, 10, 22, 30)
    assert row.quarantined == 1
    assert row.tally.response_rate is None  # nobody opened: no rate, not 0 %


def test_days_are_polish_days(demo, add_visit):
    add_visit("nikt", when=datetime(2026, 5, 10, 23, 30))  # 01:30 on 11 May in Warsaw
    ((day, tally),) = campaign_coverage(_campaign(demo)).days
    assert (day.isoformat(), tally.visits) == ("2026-05-11", 1)


def _visits(add_visit, n: int) -> None:
    for i in range(n):
        add_visit(("zrealizowany", "nikt", "odmowa")[i % 3], locality=i % 4,
                  when=datetime(2026, 5, 1 + i % 9, 10, 0))


def test_the_page_costs_the_same_number_of_statements_whatever_the_data(
    demo, add_visit, client, login, make_user
):
    login("manager")
    _visits(add_visit, 3)
    client.get(f"/postep?kampania={demo.campaign_id}")  # warm up (babel, templates)
    with counted() as few:
        assert client.get(f"/postep?kampania={demo.campaign_id}").status_code == 200
    _visits(add_visit, 30)
    for i in range(4):
        user = make_user("researcher")
        db.session.add(LocalityAssignment(campaign_id=demo.campaign_id,
                                          locality_id=_locality(i).id, user_id=user.id))
        db.session.add(LocalityTarget(campaign_id=demo.campaign_id,
                                      locality_id=_locality(i).id, interviews=10))
    db.session.commit()
    with counted() as many:
        assert client.get(f"/postep?kampania={demo.campaign_id}").status_code == 200
    assert len(many) == len(few)


def test_the_page_shows_no_respondent_data_and_formats_in_polish(demo, add_visit, client, login):
    login("manager")
    visit = add_visit("zrealizowany", locality=0, needs=[{"service_type": "Usluga XYZ"}])
    visit.respondent_code = "KOD123"
    add_visit("odmowa", locality=0)
    add_visit("odmowa", locality=0)
    db.session.add(LocalityTarget(campaign_id=demo.campaign_id, locality_id=_locality(0).id,
                                  interviews=1200))
    db.session.commit()
    page = client.get(f"/postep?kampania={demo.campaign_id}").get_data(as_text=True)
    assert "KOD123" not in page and "Usluga XYZ" not in page
    assert "33%" in page  # 1 interview of 3 opened doors, Babel's Polish percent
    assert "1\xa0200" in page  # the target, grouped the Polish way


def test_a_locality_counts_the_quarantined_records_that_name_it(demo, add_visit):
    add_visit("nikt")
    researcher = _researcher()
    place = _locality(2).id
    db.session.add_all([
        QuarantinedRecord(researcher_id=researcher.id, errors={}, payload={
            "data": {"campaign_id": demo.campaign_id, "locality_id": place}}),
        QuarantinedRecord(researcher_id=researcher.id, errors={},
                          payload={"data": {"campaign_id": 999, "locality_id": place}}),
        QuarantinedRecord(researcher_id=researcher.id, errors={}, payload=["not a record"]),
        QuarantinedRecord(researcher_id=researcher.id, errors={}, payload={"data": {
            "campaign_id": demo.campaign_id, "locality_id": "x"}}),
    ])
    db.session.commit()
    figures = campaign_coverage(_campaign(demo))
    by_place = {row.plan.locality.id: row.quarantined for row in figures.localities}
    assert by_place[place] == 1 and sum(by_place.values()) == 1
    (row,) = figures.researchers
    assert row.quarantined == 4  # every waiting record of theirs, readable or not

