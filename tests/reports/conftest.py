"""Fixtures for reports: the demo campaign, and a factory of visits with needs."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from researcher.auth.models import User
from researcher.dashboard.services import clear_cache
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.interviews.models import Need, Visit
from researcher.reports.aggregates import ReportFilter
from tests.interviews.conftest import demo, interview  # noqa: F401  (fixtures)


def _need(**answers: Any) -> dict[str, Any]:
    need = {
        "area": "pomoc_spoleczna",
        "target_groups": ["seniorzy"],
        "urgency": "3m",
        "met_status": "brak",
        "met_by": [],
        "barriers": [],
        "preferred_forms": ["w_domu"],
    }
    need.update(answers)
    return need


@pytest.fixture(autouse=True)
def fresh_dashboard_cache():
    """Every test counts afresh: ids and timestamps repeat across emptied databases."""
    clear_cache()


@pytest.fixture
def add_visit(demo) -> Callable[..., Visit]:  # noqa: F811
    """add_visit(outcome="zrealizowany", locality=0, needs=[{...}], when=..., **answers).

    Inserts a visit and its needs directly (no validation), for hand-computed counts.
    `locality` is an index into the demo gmina's localities (by id), or None.
    """
    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    localities = db.session.scalars(db.select(Locality).order_by(Locality.id)).all()

    def add(
        outcome: str = "zrealizowany",
        *,
        locality: int | None = 0,
        needs: list[dict[str, Any]] | None = None,
        when: datetime = datetime(2026, 5, 10, 10, 0),
        campaign_id: int | None = None,
        **answers: Any,
    ) -> Visit:
        held = outcome in ("zrealizowany", "przerwany")
        visit = Visit(
            uuid=str(uuid.uuid4()),
            revision=1,
            form_version="2026.1",
            content_hash="0" * 64,
            recorded_at=when,
            researcher_id=researcher.id,
            device_id="d",
            campaign_id=campaign_id or demo.campaign_id,
            locality_id=localities[locality].id if locality is not None else None,
            visit_outcome=outcome,
            is_interview=held,
            data=dict(answers),
            services_rating=answers.get("services_rating"),
            volunteering=answers.get("volunteering"),
            community_gaps=answers.get("community_gaps"),
        )
        for position, answers_of_need in enumerate(needs or [], start=1):
            need = _need(**answers_of_need)
            status = need.pop("status", "nowa")
            reviewed_area = need.pop("reviewed_area", None)
            reviewed_groups = need.pop("reviewed_target_groups", None)
            visit.needs.append(
                Need(
                    position=position,
                    campaign_id=visit.campaign_id,
                    locality_id=visit.locality_id,
                    researcher_id=researcher.id,
                    description="opis",
                    beneficiary="respondent",
                    recorded_at=when,
                    status=status,
                    reviewed_area=reviewed_area,
                    reviewed_target_groups=reviewed_groups,
                    **need,
                )
            )
        db.session.add(visit)
        db.session.commit()
        return visit

    return add


@pytest.fixture
def crafted(demo, add_visit):  # noqa: F811
    """Six visits, five needs (one rejected); see the expected numbers in the tests."""
    add_visit(
        locality=0,
        services_rating="raczej_zle",
        volunteering="tak",
        community_gaps=["kultura", "zdrowie"],
        needs=[
            {"area": "pomoc_spoleczna", "target_groups": ["seniorzy", "osoby_niepelnosprawne"],
             "urgency": "pilna", "met_status": "czesciowe", "met_by": ["rodzina", "ops_cus"],
             "barriers": ["koszt"], "preferred_forms": ["w_domu"]},
            {"area": "edukacja", "target_groups": ["dzieci"], "urgency": "12m",
             "met_status": "brak", "barriers": ["dojazd", "koszt"],
             "preferred_forms": ["zajecia_grupowe"]},
        ],
    )
    add_visit(
        locality=1,
        services_rating="raczej_dobrze",
        volunteering="nie",
        community_gaps=["kultura"],
        needs=[
            {"area": "zdrowie", "reviewed_area": "niepelnosprawnosc",
             "target_groups": ["seniorzy"], "reviewed_target_groups": ["osoby_niepelnosprawne"],
             "urgency": "3m", "met_status": "pelne", "met_by": ["rodzina"],
             "preferred_forms": ["w_domu", "dowoz"]},
            {"area": "kultura", "status": "odrzucona", "target_groups": ["seniorzy"]},
        ],
    )
    add_visit(
        "przerwany",
        locality=0,
        needs=[{"area": "kultura", "target_groups": ["mlodziez"], "urgency": "dlugofalowa",
                "met_status": "nie_wiem", "preferred_forms": ["zajecia_grupowe"]}],
    )
    add_visit("odmowa", locality=0)
    add_visit("niezamieszkany", locality=1)
    # 23:30 UTC on 31 May is 1 June in Warsaw.
    add_visit("nikt", locality=None, when=datetime(2026, 5, 31, 23, 30))
    return ReportFilter(demo.campaign_id)
