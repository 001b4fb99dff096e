"""The job queue: claim, run, report progress, take over a dead worker's job, give up, race."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from researcher.extensions import db, utcnow
from researcher.jobs import queue, worker
from researcher.jobs.kinds import KINDS, JobKind
from researcher.jobs.models import Job, JobStatus

LEASE = timedelta(minutes=5)


class Ran(list):
    """The params of every "test" job run to its end; `failures`: what its feature was told."""

    def __init__(self) -> None:
        super().__init__()
        self.failures: list[tuple[dict, str]] = []


@pytest.fixture
def ran(monkeypatch) -> Ran:
    """Registers a "test" job kind (reports 50 %, fails when asked) for these tests."""
    calls = Ran()

    def run(params, progress):
        progress(50)
        if params.get("fail"):
            raise ValueError("nie tym razem")
        calls.append(params)

    monkeypatch.setitem(KINDS, "test", JobKind(run, lambda p, m: calls.failures.append((p, m))))
    return calls


def _ended(job: Job) -> Job:
    return db.session.get(Job, job.id, populate_existing=True)


def test_a_queued_job_is_run_once_and_ends_done(app_context, ran):
    job = queue.enqueue("test", {"n": 1})
    db.session.commit()
    ended = worker.run_next("w:1:jobs")
    assert (ended.status, ended.progress, ended.attempts) == (JobStatus.DONE, 100, 1)
    assert ran == [{"n": 1}]
    assert worker.run_next("w:1:jobs") is None  # nothing left: it never runs twice
    assert _ended(job).finished_at is not None


def test_a_failing_job_ends_failed_and_its_feature_is_told(app_context, ran):
    queue.enqueue("test", {"fail": True})
    db.session.commit()
    ended = worker.run_next("w:1:jobs")
    assert ended.status == JobStatus.FAILED and "nie tym razem" in ended.error
    assert ran.failures == [({"fail": True}, ended.error)]


def test_a_job_whose_worker_died_is_taken_over_after_its_lease(app_context, ran):
    job = queue.enqueue("test", {"n": 2})
    db.session.commit()
    assert queue.claim("dead-host:1:jobs", LEASE).id == job.id
    db.session.commit()  # …and that worker is killed before it finishes
    assert worker.run_next("other-host:2:jobs") is None  # its lease still runs: hands off
    db.session.execute(
        update(Job).values(lease_until=utcnow() - timedelta(seconds=1))  # time passes
    )
    db.session.commit()
    ended = worker.run_next("other-host:2:jobs")
    assert (ended.status, ended.worker, ended.attempts) == (
        JobStatus.DONE, "other-host:2:jobs", 2,
    )  # fmt: skip
    assert ran == [{"n": 2}]


def test_a_worker_that_lost_its_job_writes_nothing(app_context, monkeypatch):
    def run(params, progress):
        # Another worker takes the job over while this one is still at it…
        db.session.execute(update(Job).values(worker="other:2:jobs", lease_until=utcnow() + LEASE))
        db.session.commit()
        queue.enqueue("follow-up")  # …so this write of the late worker must not be kept
        progress(50)

    monkeypatch.setitem(KINDS, "late", JobKind(run, lambda p, m: None))
    job = queue.enqueue("late")
    db.session.commit()
    worker.run_next("slow:1:jobs")
    ended = _ended(job)
    assert (ended.status, ended.worker) == (JobStatus.RUNNING, "other:2:jobs")
    assert db.session.scalar(db.select(Job).where(Job.kind == "follow-up")) is None


def test_a_job_whose_workers_died_too_often_is_given_up(app_context, ran, app):
    job = queue.enqueue("test", {"n": 3})
    db.session.commit()
    for attempt in range(app.config["JOBS_MAX_ATTEMPTS"]):
        assert queue.claim(f"dead:{attempt}:jobs", LEASE).id == job.id
        job.lease_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert worker.run_next("w:1:jobs") is None
    ended = _ended(job)
    assert ended.status == JobStatus.FAILED and ended.error == queue.INTERRUPTED
    assert ran == [] and ran.failures == [({"n": 3}, queue.INTERRUPTED)]


def test_flask_jobs_work_once_runs_what_is_waiting(app_context, ran):
    for n in range(3):
        queue.enqueue("test", {"n": n})
    db.session.commit()
    result = app_context.test_cli_runner().invoke(args=["jobs", "work", "--once"])
    assert result.exit_code == 0, result.output
    assert "Wykonano zadań: 3." in result.output
    assert sorted(p["n"] for p in ran) == [0, 1, 2]


def test_the_web_process_thread_runs_a_job_queued_before_a_restart(app, client, ran):
    queue.enqueue("test", {"n": 4})
    db.session.commit()  # queued; the server that should have run it is gone
    app.config["JOBS_WORKER"] = "thread"
    try:
        client.get("/")  # the restarted server's first request starts its worker thread
        for _ in range(100):
            if ran:
                break
            time.sleep(0.05)
    finally:
        worker.stop_thread(app)
        app.config["JOBS_WORKER"] = "inline"
    assert ran == [{"n": 4}]


@pytest.mark.postgresql
def test_two_workers_racing_for_one_job_one_wins(app, app_context):
    job = queue.enqueue("test")
    db.session.commit()
    start = threading.Barrier(2)
    won: dict[str, int | None] = {}

    def race(name: str) -> None:
        with app.app_context():
            start.wait()
            claimed = queue.claim(name, LEASE)
            time.sleep(0.2)  # hold the row lock while the other worker looks
            db.session.commit()
            won[name] = claimed.id if claimed else None
            db.session.remove()

    threads = [threading.Thread(target=race, args=(f"host{i}:1:jobs",)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won.values(), key=str) == [job.id, None]
    assert _ended(job).worker in won and _ended(job).attempts == 1


@pytest.mark.postgresql
def test_many_workers_claim_every_job_exactly_once(app, app_context):
    ids = [queue.enqueue("test").id for _ in range(30)]
    db.session.commit()
    claimed: list[int] = []
    start = threading.Barrier(4)

    def drain(name: str) -> None:
        with app.app_context():
            start.wait()
            while (job := queue.claim(name, LEASE)) is not None:
                claimed.append(job.id)
                db.session.commit()
            db.session.commit()
            db.session.remove()

    threads = [threading.Thread(target=drain, args=(f"host{i}:1:jobs",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == ids


WORKER_PROCESS = """
import sys, time
from researcher import create_app
from researcher.jobs.kinds import KINDS, JobKind
from researcher.jobs.worker import work

def slow(params, progress):
    progress(10)
    time.sleep(120)  # killed long before this ends

KINDS["slow"] = JobKind(slow, lambda params, message: None)
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "SECRET_KEY": "x",
                  "JOBS_WORKER": "external"})
with app.app_context():
    work(once=True)
"""


def test_a_job_whose_worker_process_was_killed_is_finished_by_another(
    app, app_context, monkeypatch, tmp_path
):
    import os
    import signal
    import subprocess
    import sys

    job = queue.enqueue("slow", {"n": 5})
    db.session.commit()
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER_PROCESS, app.config["SQLALCHEMY_DATABASE_URI"]],
        cwd=tmp_path,  # its instance files stay out of the project
    )
    try:
        for _ in range(1200):  # the worker starts (slow on a busy machine), claims, reports
            db.session.commit()
            running = _ended(job)
            if running.progress == 10:
                break
            time.sleep(0.1)
        assert running.status == JobStatus.RUNNING and f":{process.pid}:" in running.worker
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    db.session.commit()
    assert _ended(job).status == JobStatus.RUNNING  # nobody finished it: it waits for its lease
    db.session.execute(update(Job).values(lease_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    finished: list[dict] = []
    monkeypatch.setitem(KINDS, "slow", JobKind(lambda p, progress: finished.append(p), None))
    ended = worker.run_next("survivor:2:jobs")
    assert (ended.status, ended.worker, ended.attempts) == (
        JobStatus.DONE, "survivor:2:jobs", 2,
    )  # fmt: skip
    assert finished == [{"n": 5}]


@pytest.mark.postgresql
def test_a_long_quiet_step_keeps_its_lease(app, app_context, monkeypatch):
    taken: list[Job | None] = []

    def other_worker() -> None:
        with app.app_context():
            taken.append(queue.claim("other:2:jobs", LEASE))
            db.session.commit()
            db.session.remove()

    def quiet(params, progress):
        time.sleep(1.0)  # longer than the lease, without a progress report
        thread = threading.Thread(target=other_worker)
        thread.start()
        thread.join()

    monkeypatch.setitem(KINDS, "quiet", JobKind(quiet, lambda p, m: None))
    monkeypatch.setitem(app.config, "JOBS_LEASE_SECONDS", 0.45)  # heartbeat every 0.15 s
    queue.enqueue("quiet")
    db.session.commit()
    ended = worker.run_next("busy:1:jobs")
    assert taken == [None]  # the heartbeat kept the lease: nobody took the job over
    assert (ended.status, ended.worker, ended.attempts) == (JobStatus.DONE, "busy:1:jobs", 1)
