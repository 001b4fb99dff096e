"""Export jobs: create the log entry, build the file with progress, mark it ready or failed.

`create_job` is an ordinary service (add, flush; the caller commits). `run_export` is the job
runner, started in a background thread by the view or directly by the CLI: it is its own unit
of work and commits as it goes, so the status page can show progress while the file grows.
Files are written under `EXPORTS_DIR` (default `instance/exports/`) to a temporary name and
renamed when complete, so a download never sees half a file.
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

from forms.vocabulary import N_
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
from researcher.exports.models import ExportJob
from researcher.exports.pdf import write_diagnosis_pdf
from researcher.exports.xlsx import write_diagnosis_xlsx
from researcher.extensions import db, utcnow
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
WAITING, RUNNING, READY, FAILED = "oczekuje", "trwa", "gotowy", "blad"
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
    job = ExportJob(
        user_id=user.id if user is not None else None,
        campaign_id=campaign_id,
        kind=kind,
        variant=variant if kind == "diagnosis" else None,
        format=fmt,
        k=disclosure_k(config),
        params=dict(params or {}),
        status=WAITING,
        progress=0,
    )
    db.session.add(job)
    db.session.flush()
    record_access(AccessAction.EXPORT, job.user_id, "export", job.id, kind=kind,
                  variant=job.variant or "", format=fmt, k=job.k, campaign_id=campaign_id)
    return job


def file_name(job: ExportJob) -> str:
    """A readable, unique file name: diagnoza-ops-kampania-1-2026-03-12-nr7.xlsx."""
    parts = [KIND_NAMES[job.kind], job.variant, f"kampania-{job.campaign_id}"]
    stamp = job.created_at.strftime("%Y-%m-%d")
    return "-".join(p for p in parts if p) + f"-{stamp}-nr{job.id}.{job.format}"


def run_export(job_id: int, output: Path | None = None) -> ExportJob:
    """Build the job's file (to `output`, or the exports folder) and record the result."""
    job = db.session.get(ExportJob, job_id)
    if job is None:
        raise ExportError(_("Nie ma zlecenia eksportu %(id)s.", id=job_id))
    job.status = RUNNING
    db.session.commit()
    target = output or exports_dir(current_app) / file_name(job)
    partial = target.with_name(target.name + ".part")
    try:
        _build(job, partial)
        os.replace(partial, target)
    except Exception as error:  # any failure is recorded on the job, and logged
        db.session.rollback()
        partial.unlink(missing_ok=True)
        job = db.session.get(ExportJob, job_id)
        job.status, job.error = FAILED, f"{type(error).__name__}: {error}"
        current_app.logger.exception("export %s failed", job_id)
    else:
        job.status, job.progress = READY, 100
        job.filename = target.name if output is None else None
        if output is not None:
            job.params = {**job.params, "output": str(output)}
    job.finished_at = utcnow()
    db.session.commit()
    return job


def start_export(app: Flask, job_id: int) -> None:
    """Run the job in a background thread (EXPORTS_BACKGROUND, default on) or right now."""
    if not app.config.get("EXPORTS_BACKGROUND", True):
        run_export(job_id)
        return

    def work() -> None:
        with app.app_context():
            run_export(job_id)

    threading.Thread(target=work, name=f"export-{job_id}", daemon=True).start()


#: The message of a job that never finished: its thread died with the server process. Stored
#: in Polish, translated when shown (`job_error`).
INTERRUPTED = N_(
    "Eksport przerwany: serwer został zatrzymany, zanim plik był gotowy. Przygotuj go ponownie."
)


def tidy(app: Flask, now: datetime | None = None) -> None:
    """Mark jobs interrupted by a restart as failed, and delete files kept too long.

    A job runs in a thread of the web process, so a restart leaves it "waiting" or "running"
    for ever; past EXPORTS_STALE_MINUTES (an export takes seconds) it is recorded as failed.
    Files are deleted EXPORTS_KEEP_DAYS after they were made; the log entry stays.
    """
    now = now or utcnow()
    changed = False
    stale = now - timedelta(minutes=app.config.get("EXPORTS_STALE_MINUTES", 30))
    for job in db.session.scalars(
        db.select(ExportJob).where(
            ExportJob.status.in_((WAITING, RUNNING)), ExportJob.created_at < stale
        )
    ):
        job.status, job.error, job.finished_at = FAILED, INTERRUPTED, now
        changed = True
    old = now - timedelta(days=app.config.get("EXPORTS_KEEP_DAYS", 30))
    for job in db.session.scalars(
        db.select(ExportJob).where(
            ExportJob.status == READY, ExportJob.filename.is_not(None), ExportJob.finished_at < old
        )
    ):
        (exports_dir(app) / job.filename).unlink(missing_ok=True)
        job.filename = None
        changed = True
    if changed:  # the progress poller calls this every second or two: no empty commits
        db.session.commit()


def job_error(job: ExportJob) -> str | None:
    """The job's error to show: ours translated, a technical one as it was recorded."""
    return _(job.error) if job.error == INTERRUPTED else job.error


def job_path(app: Flask, job: ExportJob) -> Path | None:
    """The finished file of a job, or None when it is not (or no longer) there."""
    if job.status != READY or not job.filename:
        return None
    path = exports_dir(app) / job.filename
    return path if path.is_file() else None


def _build(job: ExportJob, path: Path) -> None:
    config = current_app.config
    progress = _progress_recorder(job)
    if job.kind == "card":
        card = assemble.card_document(job.campaign_id, job.k, job.params.get("card_id"))
        progress(50)
        write_card(card, job.format, path)
        return
    report = assemble.diagnosis_report(job.campaign_id, job.variant or "cus", job.k, config)
    progress(10)
    writer = DIAGNOSIS_WRITERS[job.format]
    writer(report, path, lambda percent: progress(10 + percent * 9 // 10))


def _progress_recorder(job: ExportJob) -> Progress:
    def record(percent: int) -> None:
        if percent - job.progress >= PROGRESS_STEP or (percent == 100 and job.progress != 100):
            job.progress = min(percent, 99)  # 100 only when the file is in place
            db.session.commit()

    return record
