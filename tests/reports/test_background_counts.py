"""Counting in the background: data that lands queues a count of its campaign, and after that
job the manager's first view reads stored counts instead of counting every need."""

from __future__ import annotations

from researcher.extensions import db
from researcher.interviews.sync import sync_batch
from researcher.jobs import worker
from researcher.jobs.models import Job, JobStatus
from researcher.reports.jobs import JOB_KIND, request_counts
from researcher.reports.models import CampaignTally, ReportSlice
from tests.interviews.conftest import batch
from tests.reports.test_many_campaigns import counted_statements

#: What counting writes: a page that finds its counts stored sends none of these.
COUNT_TABLES = ("report_slices", "campaign_tallies", "campaign_need_counts")


def _count_jobs(status: str | None = None) -> list[Job]:
    query = db.select(Job).where(Job.kind == JOB_KIND).order_by(Job.id)
    if status:
        query = query.where(Job.status == status)
    return list(db.session.scalars(query))


def _writes_counts(statements: list[str]) -> list[str]:
    return [
        s for s in statements
        if s.lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE"))
        and any(table in s for table in COUNT_TABLES)
    ]  # fmt: skip


def _run_jobs() -> int:
    ran = 0
    while worker.run_next("test:1:jobs") is not None:
        ran += 1
    return ran


def test_a_synced_batch_queues_a_count_of_its_campaign(make_user, demo, interview):
    sync_batch(batch(interview(), interview()), make_user("researcher"))
    jobs = _count_jobs()
    assert [(job.status, job.params) for job in jobs] == [
        (JobStatus.WAITING, {"campaign_id": demo.campaign_id})
    ]


def test_a_campaign_already_waiting_for_a_count_is_not_queued_again(make_user, demo, interview):
    researcher = make_user("researcher")
    sync_batch(batch(interview()), researcher)
    sync_batch(batch(interview()), researcher)
    assert len(_count_jobs()) == 1


def test_a_batch_that_changes_nothing_queues_no_count(make_user, demo, interview):
    researcher = make_user("researcher")
    sent = batch(interview())
    sync_batch(sent, researcher)
    _run_jobs()
    sync_batch(sent, researcher)  # the phone sends it again: unchanged
    assert _count_jobs(JobStatus.WAITING) == []


def test_a_rejected_record_queues_no_count(make_user, demo, interview):
    sync_batch(batch(interview(data={"visit_outcome": "nie-ma-takiego"})), make_user("researcher"))
    assert _count_jobs() == []


def test_the_count_job_stores_the_campaigns_counts(make_user, demo, interview):
    sync_batch(batch(interview()), make_user("researcher"))
    assert _run_jobs() == 1
    assert _count_jobs(JobStatus.DONE)
    tally = db.session.get(CampaignTally, demo.campaign_id)
    assert (tally.visits, tally.interviews, tally.needs) == (1, 1, 3)
    assert db.session.scalar(
        db.select(db.func.count()).select_from(ReportSlice)
        .where(ReportSlice.campaign_id == demo.campaign_id)
    ) > 0  # fmt: skip


def test_after_the_count_job_the_first_dashboard_view_counts_nothing(
    client, login, make_user, demo, interview
):
    sync_batch(batch(interview(), interview()), make_user("researcher"))
    _run_jobs()
    login("manager")
    with counted_statements() as sent:
        page = client.get(f"/panel?kampania={demo.campaign_id}")
    assert page.status_code == 200
    assert _writes_counts(sent) == []


def test_after_the_count_job_the_first_view_across_campaigns_counts_nothing(
    client, login, make_user, demo, interview
):
    sync_batch(batch(interview()), make_user("researcher"))
    _run_jobs()
    login("manager")
    with counted_statements() as sent:
        page = client.get("/panel/kampanie")
    assert page.status_code == 200
    assert _writes_counts(sent) == []


def test_without_the_job_the_first_view_counts_by_itself(client, login, make_user, demo, interview):
    # The job only saves a wait: the page never shows counts older than the data.
    sync_batch(batch(interview()), make_user("researcher"))
    login("manager")
    with counted_statements() as sent:
        assert client.get(f"/panel?kampania={demo.campaign_id}").status_code == 200
    assert _writes_counts(sent)


def test_a_count_of_a_campaign_that_no_longer_exists_ends_quietly(app_context, demo):
    request_counts([987654])
    db.session.commit()
    _run_jobs()
    assert [job.status for job in _count_jobs()] == [JobStatus.DONE]


def test_only_whole_numbers_are_campaigns_to_count(app_context, demo):
    assert request_counts(["1", None, True, 1.0]) == []


def test_finished_counts_leave_no_rows_behind(make_user, demo, interview):
    researcher = make_user("researcher")
    for _ in range(3):
        sync_batch(batch(interview()), researcher)
        _run_jobs()
    assert len(_count_jobs()) == 1  # the last one, done


def test_the_count_command_counts_every_campaign_at_once(app_context, add_visit, demo):
    add_visit(needs=[{"area": "edukacja"}])
    db.session.execute(db.delete(ReportSlice))
    db.session.commit()
    result = app_context.test_cli_runner().invoke(args=["reports", "count"])
    assert result.exit_code == 0, result.output
    assert "Kampanie policzone: 1 z 1." in result.output
    assert db.session.get(CampaignTally, demo.campaign_id).needs == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(ReportSlice)) > 0
