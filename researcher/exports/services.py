"""Exports: create the log entry, queue the job, build the file with progress.

`create_job` logs the request and `enqueue` queues it (both flush; the view commits). The file
is built by `run_export`, a job of `researcher.jobs` run by whichever worker claims it; it
reports progress through the worker, which commits. Files are written under `EXPORTS_DIR`
(default `instance/exports/`) to a temporary name and renamed when complete, so a download
never sees half a file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_babel import gettext as _

from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.exports import assemble
from researcher.exports.card import CARD_FORMATS, write_card
from researcher.exports.csv import write_diagnosis_csv
from researcher.exports.document import DiagnosisReport, Progress
from researcher.exports.docx import write_diagnosis_docx
from researcher.exports.json import write_diagnosis_json
from researcher.exports.models import ExportJob, ExportStatus
from researcher.exports.pdf import write_diagnosis_pdf
from researcher.exports.xlsx import write_diagnosis_xlsx
from researcher.extensions import db, utcnow
from researcher.interviews.models import Channel
from researcher.jobs import queue
from researcher.jobs.models import Job
from researcher.reports.disclosure import DEFAULT_K, MIN_K

DIAGNOSIS_WRITERS: dict[str, Callable[[DiagnosisReport, Path, Progress], None]] = {
    "xlsx": write_diagnosis_xlsx,
    "docx": write_diagnosis_docx,
    "pdf": write_diagnosis_pdf,
    "csv": write_diagnosis_csv,
    "json": write_diagnosis_json,
}
FORMATS: dict[str, tuple[str, ...]] = {"diagnosis": tuple(DIAGNOSIS_WRITERS), "card": CARD_FORMATS}
VARIANTS = ("cus", "ops")
KIND_NAMES = {"diagnosis": "diagnoza", "card": "karta-uslug"}
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
PROGRESS_STEP = 5  # commit progress only when it moved this many points


class ExportError(Exception):
    """An export that may not or cannot be made (unknown format, k below 3, no campaign)."""


def disclosure_k(config: Mapping[str, Any]) -> int:
    """The minimum cell count from DISCLOSURE_K (default 5); refuses anything below 3."""
    try:
        k = int(config.get("DISCLOSURE_K") or DEFAULT_K)
    except (TypeError, ValueError) as error:
        raise ExportError(_("DISCLOSURE_K musi być liczbą całkowitą.")) from error
    if k < MIN_K:
        raise ExportError(
            _("DISCLOSURE_K = %(k)d: próg nie może być niższy niż %(min)d.", k=k, min=MIN_K)
        )
    return k


def exports_dir(app: Flask) -> Path:
    """Where export files are kept: EXPORTS_DIR, else instance/exports/ (created if missing)."""
    path = Path(app.config.get("EXPORTS_DIR") or Path(app.instance_path) / "exports")
    path.mkdir(parents=True, exist_ok=True)
    return path


def create_job(
    kind: str,
    campaign_id: int,
    fmt: str,
    variant: str | None,
    user: User | None,
    config: Mapping[str, Any],
    params: dict[str, Any] | None = None,
) -> ExportJob:
    """Validate the request and log it as a waiting job (who, when, what, k)."""
    if kind not in FORMATS:
        raise ExportError(_("Nieznany rodzaj eksportu: %(kind)s.", kind=kind))
    if fmt not in FORMATS[kind]:
        raise ExportError(_("Format %(fmt)s nie jest dostępny dla tego eksportu.", fmt=fmt))
    if kind == "diagnosis" and variant not in VARIANTS:
        raise ExportError(_("Wariant musi być cus albo ops."))
    if db.session.get(Campaign, campaign_id) is None:
        raise ExportError(_("Nie ma kampanii %(id)s.", id=campaign_id))
    channel = (params or {}).get("channel")
    if channel is not None and (kind != "diagnosis" or channel not in set(Channel)):
        raise ExportError(_("Filtr kanału dotyczy tylko diagnozy i musi być jednym z kanałów."))
    job = ExportJob(
        user_id=user.id if user is not None else None,
        campaign_id=campaign_id,
        kind=kind,
        variant=variant if kind == "diagnosis" else None,
        format=fmt,
        k=disclosure_k(config),
        params=dict(params or {}),
        status=ExportStatus.WAITING,
        progress=0,
    )
    db.session.add(job)
    db.session.flush()
    record_access(AccessAction.EXPORT, job.user_id, "export", job.id, kind=kind,
                  variant=job.variant or "", format=fmt, k=job.k, campaign_id=campaign_id,
                  **({"channel": channel} if channel else {}))
    return job


def file_name(job: ExportJob) -> str:
    """A readable, unique file name: diagnoza-ops-kampania-1-2026-03-12-nr7.xlsx."""
    parts = [KIND_NAMES[job.kind], job.variant, f"kampania-{job.campaign_id}"]
    stamp = job.created_at.strftime("%Y-%m-%d")
    return "-".join(p for p in parts if p) + f"-{stamp}-nr{job.id}.{job.format}"


JOB_KIND = "export"


def enqueue(export: ExportJob, output: Path | None = None) -> Job:
    """Queue the building of `export`'s file (to `output`, or the exports folder)."""
    params: dict[str, Any] = {"export_id": export.id}
    if output is not None:
        params["output"] = str(output)
    return queue.enqueue(JOB_KIND, params)


def run_export(params: dict[str, Any], progress: Callable[[int], None]) -> None:
    """The job: build the export's file and record it as ready (flushes; the worker commits)."""
    job = db.session.get(ExportJob, params["export_id"])
    if job is None:
        raise ExportError(_("Nie ma zlecenia eksportu %(id)s.", id=params["export_id"]))
    job.status, job.progress, job.error = ExportStatus.RUNNING, 0, None
    progress(0)
    output = Path(params["output"]) if params.get("output") else None
    target = output or exports_dir(current_app) / file_name(job)
    # Per worker: a worker that lost its lease never writes over its successor's file.
    partial = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}.part")
    try:
        _build(job, partial, progress)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    job.status, job.progress, job.finished_at = ExportStatus.READY, 100, utcnow()
    job.filename = target.name if output is None else None
    if output is not None:
        job.params = {**job.params, "output": str(output)}
    db.session.flush()


def export_failed(params: dict[str, Any], message: str) -> None:
    """Record the job's failure on the export's log entry."""
    job = db.session.get(ExportJob, params["export_id"])
    if job is not None:
        job.status, job.error, job.finished_at = ExportStatus.FAILED, message, utcnow()
        db.session.flush()


def delete_old_files(app: Flask, now: datetime | None = None) -> None:
    """Delete files made more than EXPORTS_KEEP_DAYS ago; the log entries stay."""
    for job in db.session.scalars(
        db.select(ExportJob).where(
            ExportJob.status == ExportStatus.READY,
            ExportJob.filename.is_not(None),
            ExportJob.finished_at < _keep_since(app, now),
        )
    ):
        (exports_dir(app) / job.filename).unlink(missing_ok=True)
        job.filename = None
    db.session.flush()


def _keep_since(app: Flask, now: datetime | None = None) -> datetime:
    return (now or utcnow()) - timedelta(days=app.config["EXPORTS_KEEP_DAYS"])


def job_error(job: ExportJob) -> str | None:
    """The job's error to show: ours translated, a technical one as it was recorded."""
    return _(job.error) if job.error == queue.INTERRUPTED else job.error


def job_path(app: Flask, job: ExportJob) -> Path | None:
    """The finished file of a job, or None when it is not (or no longer) there.

    A file past EXPORTS_KEEP_DAYS counts as gone even before `delete_old_files` removes it.
    """
    if job.status != ExportStatus.READY or not job.filename:
        return None
    if job.finished_at is not None and job.finished_at < _keep_since(app):
        return None
    path = exports_dir(app) / job.filename
    return path if path.is_file() else None


def _build(job: ExportJob, path: Path, report: Callable[[int], None]) -> None:
    config = current_app.config
    progress = _progress_recorder(job, report)
    if job.kind == "card":
        card = assemble.card_document(job.campaign_id, job.k, job.params.get("card_id"))
        progress(50)
        write_card(card, job.format, path)
        return
    report = assemble.diagnosis_report(
        job.campaign_id, job.variant or "cus", job.k, config, channel=job.params.get("channel")
    )
    progress(10)
    writer = DIAGNOSIS_WRITERS[job.format]
    writer(report, path, lambda percent: progress(10 + percent * 9 // 10))


def _progress_recorder(job: ExportJob, report: Callable[[int], None]) -> Progress:
    def record(percent: int) -> None:
        if percent - job.progress >= PROGRESS_STEP or (percent == 100 and job.progress != 100):
            job.progress = min(percent, 99)  # 100 only when the file is in place
            report(job.progress)  # the worker commits: the status page sees it

    return record
