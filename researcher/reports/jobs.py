"""Counting in the background: after data lands, a job of `researcher.jobs` brings the counts
of each campaign it touched up to date, so the first manager to open the dashboard after a
day of syncs (or a bulk import) reads stored counts instead of waiting for them.

The counts are caches kept by signatures (`reports.slices`, `reports.rollups`): a page still
recounts by itself whatever changed after the job ran, so a job that never runs only costs
that wait, never a wrong figure. A campaign waits in at most one job at a time: data landing
for a campaign that already waits adds nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.jobs import queue
from researcher.jobs.models import Job, JobStatus
from researcher.reports.rollups import Scope, refresh
from researcher.reports.slices import ReportFilter, counts

log = logging.getLogger(__name__)

JOB_KIND = "counts"


def request_counts(campaign_ids: Iterable[Any]) -> list[Job]:
    """Queue a count of each campaign in `campaign_ids` that is not waiting for one yet.

    Flushes; the caller commits with the data, so the job exists exactly when the data does.
    """
    wanted = {cid for cid in campaign_ids if isinstance(cid, int) and not isinstance(cid, bool)}
    if not wanted:
        return []
    waiting = db.session.scalars(
        db.select(Job.params).where(Job.kind == JOB_KIND, Job.status == JobStatus.WAITING)
    )
    wanted.difference_update(params.get("campaign_id") for params in waiting)
    return [queue.enqueue(JOB_KIND, {"campaign_id": cid}) for cid in sorted(wanted)]


def run_counts(params: dict[str, Any], progress: Callable[[int], None]) -> None:
    """The job: the campaign's counts across campaigns, then its dashboard's slices.

    Both are caches that commit as they store (like a page that counts): a job run again after
    its worker died finds them stored and recounts nothing.
    """
    # Finished counts tell nobody anything: without this, every sync would leave a row behind.
    db.session.execute(
        delete(Job).where(Job.kind == JOB_KIND, Job.status == JobStatus.DONE)
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    campaign = db.session.get(Campaign, params["campaign_id"])
    if campaign is None:  # deleted meanwhile: nothing to count
        return
    refresh(Scope(campaign_id=campaign.id))
    # The dashboard's own default filter: every day and month slice of the campaign, which any
    # narrower filter (a locality, a range of months) then adds up without recounting.
    counts(ReportFilter(campaign_id=campaign.id, gmina_code=campaign.gmina_code))


def counts_failed(params: dict[str, Any], message: str) -> None:
    # No row of its own to mark: the pages count by themselves.
    log.warning("counting campaign %s in the background failed: %s", params, message)
