"""Fixtures for reports: a fresh dashboard cache, and crafted visits with known counts."""

from __future__ import annotations

from datetime import datetime

import pytest

from researcher.dashboard import across
from researcher.dashboard.services import clear_cache
from researcher.reports.aggregates import ReportFilter
from tests.followups.conftest import consenting  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def fresh_dashboard_cache():
    """Every test counts afresh: ids and timestamps repeat across emptied databases."""
    clear_cache()
    across.clear_cache()


@pytest.fixture
def crafted(demo, add_visit):
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
