"""The job queue's rules: enqueue, claim, renew the lease, finish, fail, expire.

Every state change of a claimed job is a guarded UPDATE (`… WHERE id = ? AND worker = ?`), so a
worker whose lease was taken over learns it (`JobLost`) instead of overwriting the new holder's
work. These functions flush; the worker loop (`jobs.worker`) commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, update

from forms.vocabulary import N_
from researcher.extensions import db, utcnow
from researcher.jobs.models import Job, JobStatus

#: Stored in Polish, translated when shown: the job's workers died `JOBS_MAX_ATTEMPTS` times.
INTERRUPTED = N_("Zadanie przerwane: serwer zatrzymał się w trakcie pracy. Uruchom je ponownie.")


class JobLost(Exception):
    """The job's lease expired and another worker took it over: stop, and write nothing."""


def enqueue(kind: str, params: dict[str, Any] | None = None) -> Job:
    """Add a waiting job (flushed, so it has an id). Workers see it once the caller commits."""
    job = Job(kind=kind, params=dict(params or {}), status=JobStatus.WAITING, progress=0)
    db.session.add(job)
    db.session.flush()
    return job


def _claimable(now: datetime):
    expired = and_(Job.status == JobStatus.RUNNING, Job.lease_until < now)
    return or_(Job.status == JobStatus.WAITING, expired)


def any_claimable(now: datetime | None = None, job_id: int | None = None) -> bool:
    """Is there a job to claim (or to give up)? A read only: idle workers take no lock."""
    stmt = db.select(Job.id).where(_claimable(now or utcnow())).limit(1)
    if job_id is not None:
        stmt = stmt.where(Job.id == job_id)
    return db.session.scalar(stmt) is not None


def claim(
    worker: str, lease: timedelta, now: datetime | None = None, job_id: int | None = None
) -> Job | None:
    """Take the oldest waiting job (or one whose holder's lease expired) for `worker`.

    PostgreSQL: `FOR UPDATE SKIP LOCKED`, so workers on many hosts never wait for each other
    nor take the same job. SQLite (one host): the guarded UPDATE decides a race.
    """
    now = now or utcnow()
    stmt = db.select(Job.id).where(_claimable(now)).order_by(Job.id).limit(1)
    if job_id is not None:
        stmt = stmt.where(Job.id == job_id)
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    candidate = db.session.scalar(stmt)
    if candidate is None:
        return None
    taken = db.session.execute(
        update(Job)
        .where(Job.id == candidate, _claimable(now))
        .values(
            status=JobStatus.RUNNING,
            worker=worker,
            lease_until=now + lease,
            attempts=Job.attempts + 1,
            started_at=now,
            error=None,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        return None
    return db.session.get(Job, candidate, populate_existing=True)


def _held(job_id: int, worker: str, **values: Any) -> None:
    held = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.worker == worker, Job.status == JobStatus.RUNNING)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if held != 1:
        raise JobLost(f"job {job_id} is no longer held by {worker}")


def renew(job_id: int, worker: str, lease: timedelta, progress: int | None = None) -> None:
    """Extend the lease (a heartbeat), recording progress when given."""
    values: dict[str, Any] = {"lease_until": utcnow() + lease}
    if progress is not None:
        values["progress"] = max(0, min(progress, 100))
    _held(job_id, worker, **values)


def finish(job_id: int, worker: str) -> None:
    _held(job_id, worker, status=JobStatus.DONE, progress=100, finished_at=utcnow())


def fail(job_id: int, worker: str, message: str) -> None:
    _held(job_id, worker, status=JobStatus.FAILED, error=message, finished_at=utcnow())


def expire(max_attempts: int, now: datetime | None = None) -> list[Job]:
    """Fail the jobs whose workers died `max_attempts` times; returns the ones failed here."""
    now = now or utcnow()
    failed = []
    stmt = db.select(Job).where(
        Job.status == JobStatus.RUNNING, Job.lease_until < now, Job.attempts >= max_attempts
    )
    for job in db.session.scalars(stmt).all():
        if _give_up(job, now):
            failed.append(job)
    return failed


def _give_up(job: Job, now: datetime) -> bool:
    done = db.session.execute(
        update(Job)
        .where(Job.id == job.id, Job.worker == job.worker, Job.lease_until < now)
        .values(status=JobStatus.FAILED, error=INTERRUPTED, finished_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    return done == 1
