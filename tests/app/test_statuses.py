"""Every status column accepts only its StrEnum's codes, in the database itself (CHECK)."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from researcher.auth.models import User
from researcher.campaigns.models import Campaign, CampaignStatus
from researcher.exports.models import ExportJob, ExportStatus
from researcher.extensions import db
from researcher.interviews.models import (
    Need,
    NeedStatus,
    QuarantinedRecord,
    QuarantineStatus,
    Visit,
)
from researcher.interviews.sync import apply_record
from researcher.jobs.models import Job, JobStatus
from researcher.steering.models import ReviewStatus, VisitReview
from researcher.themes.models import AnalysisRun, RunStatus


def _rows(demo, interview):
    """One committed row of every model with a status column."""
    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    assert not apply_record(interview(), researcher, "device", "batch").errors
    campaign_id = demo.campaign_id
    db.session.add_all(
        [
            Job(kind="test"),
            ExportJob(campaign_id=campaign_id, kind="diagnosis", format="xlsx", k=5),
            AnalysisRun(campaign_id=campaign_id, created_by_id=researcher.id),
            QuarantinedRecord(researcher_id=researcher.id, payload={}, errors={}),
        ]
    )
    db.session.flush()
    db.session.add(VisitReview(visit_id=db.session.scalar(db.select(Visit.id)), comment="?",
                               revision=1, opened_by_id=researcher.id))
    db.session.commit()


@pytest.mark.parametrize(
    ("model", "codes"),
    [
        (Campaign, CampaignStatus),
        (Need, NeedStatus),
        (QuarantinedRecord, QuarantineStatus),
        (AnalysisRun, RunStatus),
        (ExportJob, ExportStatus),
        (Job, JobStatus),
        (VisitReview, ReviewStatus),
    ],
)
def test_an_unknown_status_is_refused_by_the_database(demo, interview, model, codes):
    _rows(demo, interview)
    for code in codes:  # every code of the set is accepted…
        db.session.execute(update(model).values(status=code))
    db.session.commit()
    with pytest.raises(IntegrityError, match="(?i)check"):  # …and nothing else
        db.session.execute(update(model).values(status="nieznany"))
        db.session.flush()
    db.session.rollback()


def test_the_labels_of_a_status_set_cover_it():
    from researcher.campaigns.models import CAMPAIGN_STATUS_LABELS
    from researcher.exports.models import EXPORT_STATUS_LABELS
    from researcher.interviews.models import NEED_STATUS_LABELS
    from researcher.jobs.models import JOB_STATUS_LABELS
    from researcher.steering.models import REVIEW_STATUS_LABELS
    from researcher.themes.models import RUN_STATUS_LABELS

    for codes, labels in [
        (CampaignStatus, CAMPAIGN_STATUS_LABELS),
        (NeedStatus, NEED_STATUS_LABELS),
        (RunStatus, RUN_STATUS_LABELS),
        (ExportStatus, EXPORT_STATUS_LABELS),
        (JobStatus, JOB_STATUS_LABELS),
        (ReviewStatus, REVIEW_STATUS_LABELS),
    ]:
        assert set(labels) == set(codes)
