"""The needs analysis as a job of `researcher.jobs`: run it, or record why it failed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from researcher.extensions import db, utcnow
from researcher.jobs import queue
from researcher.jobs.models import Job
from researcher.themes import services
from researcher.themes.models import AnalysisRun, RunStatus

JOB_KIND = "themes"


def enqueue(run: AnalysisRun) -> Job:
    """Queue the clustering of a run started with `services.start_run`."""
    return queue.enqueue(JOB_KIND, {"run_id": run.id})


def run_analysis(params: dict[str, Any], progress: Callable[[int], None]) -> None:
    """The job: cluster the campaign's needs and store the themes (flushes)."""
    run = db.session.get(AnalysisRun, params["run_id"])
    run.status, run.progress, run.error = RunStatus.RUNNING, 5, None
    progress(5)  # the run page shows "trwa" while the clustering works
    services.execute_run(run)


def analysis_failed(params: dict[str, Any], message: str) -> None:
    run = db.session.get(AnalysisRun, params["run_id"])
    if run is not None:
        run.status, run.error, run.finished_at = RunStatus.FAILED, message[:500], utcnow()
        db.session.flush()
