"""Run jobs: one at a time per worker, in a thread of the web process or in `flask jobs work`.

`JOBS_WORKER` chooses where jobs run:
- "thread" (default): a worker thread in each web process, started with its first request and
  woken when a view enqueues a job (`kick`). Enough for one machine, SQLite included.
- "external": the web process only enqueues; `flask jobs work` processes on any host run them
  (PostgreSQL: claims use SKIP LOCKED).
- "inline": `kick` runs the job at once inside the request (tests, scripts).

The worker is the one place that commits for a job: after claiming it, at each progress report
(which also renews the lease), and once at the end; the job's own code only flushes.
"""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app

from researcher.extensions import db
from researcher.jobs import queue
from researcher.jobs.kinds import KINDS
from researcher.jobs.models import Job

_threads: dict[int, _Thread] = {}
_threads_lock = threading.Lock()


def worker_name() -> str:
    """Who holds a job: host, process and thread, so an operator can find it."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"


def lease(app: Flask) -> timedelta:
    return timedelta(seconds=app.config["JOBS_LEASE_SECONDS"])


def run_next(worker: str | None = None, job_id: int | None = None) -> Job | None:
    """Claim one job (the given one, or the oldest claimable) and run it to its end.

    Returns the job as it ended, or None when there was nothing to claim.
    """
    app = current_app._get_current_object()
    worker = worker or worker_name()
    if not queue.any_claimable(job_id=job_id):
        db.session.commit()  # end the read: an idle worker holds nothing
        return None
    _write_transaction()
    for job in queue.expire(app.config["JOBS_MAX_ATTEMPTS"]):
        _record_failure(job.kind, job.params, queue.INTERRUPTED)
    db.session.commit()
    _write_transaction()
    job = queue.claim(worker, lease(app), job_id=job_id)
    # Read before the commit: reading after it would open a transaction kept for the whole job.
    claimed = (job.id, job.kind, dict(job.params)) if job else None
    db.session.commit()
    if claimed is None:
        return None
    _execute(app, *claimed, worker)
    return db.session.get(Job, claimed[0], populate_existing=True)


def run_now(job: Job) -> Job:
    """Commit the caller's work, then run `job` in this process (CLI, tests, benchmarks)."""
    db.session.commit()
    return run_next(job_id=job.id) or db.session.get(Job, job.id, populate_existing=True)


def _execute(app: Flask, job_id: int, kind: str, params: dict, worker: str) -> None:
    def progress(percent: int) -> None:
        queue.renew(job_id, worker, lease(app), percent)
        db.session.commit()  # the status page sees progress, and the lease is renewed
        _write_transaction()

    beating = _heartbeat(app, job_id, worker)
    try:
        _write_transaction()
        if kind not in KINDS:
            raise LookupError(f"unknown job kind {kind!r}")
        KINDS[kind].run(params, progress)
        queue.finish(job_id, worker)
        db.session.commit()
    except queue.JobLost:
        db.session.rollback()  # another worker holds it now: its result counts, not ours
        app.logger.warning("job %s was taken over by another worker", job_id)
    except Exception as error:  # whatever went wrong, the job must end visibly
        db.session.rollback()
        app.logger.exception("job %s (%s) failed", job_id, kind)
        message = f"{type(error).__name__}: {error}"[:2000]
        try:
            _write_transaction()
            queue.fail(job_id, worker, message)
            _record_failure(kind, params, message)
            db.session.commit()
        except queue.JobLost:
            db.session.rollback()
    finally:
        beating.set()


def _write_transaction() -> None:
    """Begin the next transaction holding SQLite's write lock (no-op on PostgreSQL).

    A job reads, then writes; a SQLite transaction that does so fails at once ("database is
    locked") when another connection wrote in between. Taking the lock up front makes the job
    wait its turn instead, as the sync service and write requests do.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.rollback()  # nothing is pending here: end a read, if one was begun
        db.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


def _heartbeat(app: Flask, job_id: int, worker: str) -> threading.Event:
    """Renew the lease every third of it while a long step reports no progress; returns the
    event that stops it. Its own connection: the job's transaction may be open for minutes.

    PostgreSQL only: on SQLite a write from a second connection would make the job's own
    transaction fail ("database is locked"), so there the progress reports renew the lease.
    """
    stop = threading.Event()
    if db.engine.dialect.name != "postgresql":
        return stop
    interval = app.config["JOBS_LEASE_SECONDS"] / 3

    def beat() -> None:
        with app.app_context():
            while not stop.wait(interval):
                try:
                    queue.renew(job_id, worker, lease(app))
                    db.session.commit()
                except queue.JobLost:
                    break
                except Exception:  # SQLite busy with the job's own writes: the next beat
                    db.session.rollback()
            db.session.remove()

    threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True).start()
    return stop


def _record_failure(kind: str, params: dict, message: str) -> None:
    if kind in KINDS:
        KINDS[kind].failed(params, message)


def work(
    stop: threading.Event | None = None,
    wake: threading.Event | None = None,
    once: bool = False,
    poll: float = 1.0,
) -> int:
    """Run jobs until `stop` is set (or, with `once`, until none is left); returns how many.

    Between jobs it looks for new ones every `poll` seconds, or at once when `wake` is set.
    """
    app = current_app._get_current_object()
    stop = stop or threading.Event()
    wake = wake or threading.Event()
    done = 0
    name = worker_name()
    while not stop.is_set():
        try:
            ran = run_next(name) is not None
        except Exception:  # the database went away for a moment: log, wait, try again
            db.session.rollback()
            app.logger.exception("job worker %s could not claim a job", name)
            ran = False
        done += ran
        if ran:
            continue
        if once:
            break
        db.session.remove()  # let go of the connection while idle
        wake.wait(poll)
        wake.clear()
    return done


@dataclass
class _Thread:
    thread: threading.Thread
    wake: threading.Event
    stop: threading.Event


def ensure_thread(app: Flask) -> threading.Event:
    """Start this process's worker thread for `app` if it is not running; returns its wake-up."""
    with _threads_lock:
        running = _threads.get(id(app))
        if running and running.thread.is_alive():
            return running.wake
        wake, stop = threading.Event(), threading.Event()

        def loop() -> None:
            with app.app_context():
                work(stop=stop, wake=wake, poll=app.config["JOBS_POLL_SECONDS"])

        thread = threading.Thread(target=loop, name="jobs", daemon=True)
        _threads[id(app)] = _Thread(thread, wake, stop)
        thread.start()
        return wake


def stop_thread(app: Flask, timeout: float = 10.0) -> None:
    """Stop this process's worker thread for `app` after its current job (tests, shutdown)."""
    with _threads_lock:
        running = _threads.pop(id(app), None)
    if running:
        running.stop.set()
        running.wake.set()
        running.thread.join(timeout)


def kick(app: Flask) -> None:
    """Call after the commit that enqueued a job: run it now, wake the thread, or leave it."""
    mode = app.config["JOBS_WORKER"]
    if mode == "inline":
        while run_next() is not None:
            pass
    elif mode == "thread":
        ensure_thread(app).set()


def init_app(app: Flask) -> None:
    """With JOBS_WORKER=thread, start the worker with the first request (never at import).

    So jobs queued before a restart run as soon as the restarted server serves anyone.
    """

    @app.before_request
    def start_worker() -> None:
        if app.config["JOBS_WORKER"] == "thread":
            ensure_thread(app)
