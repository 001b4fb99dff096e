"""Copies of one record racing each other: every sender gets created or unchanged."""

from __future__ import annotations

import threading
import uuid
from types import SimpleNamespace

from researcher.extensions import db
from researcher.interviews.models import Visit
from tests.conftest import log_in
from tests.interviews.conftest import batch


def test_eight_simultaneous_copies_create_one_visit(app, client, make_user, demo, interview):
    made = make_user("researcher")
    session_id = made.get_id()
    researcher = SimpleNamespace(id=made.id, get_id=lambda: session_id)  # for other threads
    record = interview()
    barrier = threading.Barrier(8)
    answers: list[str] = []

    def send() -> None:
        own = app.test_client()
        log_in(own, researcher)
        barrier.wait()
        response = own.post("/api/v1/sync", json=batch(record, device_id=str(uuid.uuid4())))
        answers.append(
            response.get_json()["results"][0]["status"] if response.status_code == 200
            else f"HTTP {response.status_code}"
        )

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.commit()  # a fresh snapshot: see what the threads committed
    assert sorted(answers) == ["created"] + ["unchanged"] * 7
    count = db.select(db.func.count()).select_from(Visit).where(Visit.uuid == record["uuid"])
    assert db.session.scalar(count) == 1


def test_batches_with_the_same_records_in_other_orders_do_not_deadlock(
    app, make_user, demo, interview
):
    made = make_user("researcher")
    session_id = made.get_id()
    researcher = SimpleNamespace(id=made.id, get_id=lambda: session_id)  # for other threads
    records = [interview() for _ in range(6)]
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def send(order: list[dict]) -> None:
        own = app.test_client()
        log_in(own, researcher)
        barrier.wait()
        codes.append(own.post("/api/v1/sync", json=batch(*order)).status_code)

    threads = [
        threading.Thread(target=send, args=(records,)),
        threading.Thread(target=send, args=(records[::-1],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.commit()  # a fresh snapshot: see what the threads committed
    assert codes == [200, 200]
    uuids = [r["uuid"] for r in records]
    assert db.session.scalar(
        db.select(db.func.count()).select_from(Visit).where(Visit.uuid.in_(uuids))
    ) == 6
