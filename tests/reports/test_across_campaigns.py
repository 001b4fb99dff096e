"""Across campaigns: campaigns side by side, voivodeship and country roll-ups, from integer
counts kept per campaign, and every table through the disclosure control."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from researcher.campaigns.models import Campaign
from researcher.dashboard import across
from researcher.dashboard.across import count_tables
from researcher.extensions import db
from researcher.gminas.models import Gmina
from researcher.interviews.models import Need
from researcher.reports import slices
from researcher.reports.disclosure import publish
from researcher.reports.models import CampaignNeedCount, CampaignTally
from researcher.reports.rollups import CAMPAIGN, POWIAT, VOIVODESHIP, Scope, refresh, rollup
from researcher.reports.slices import ReportFilter
from tests.reports.test_disclosure import assert_safe
from tests.reports.test_many_campaigns import counted_statements

NEED = {"area": "edukacja", "target_groups": ["dzieci"], "urgency": "pilna", "met_status": "brak"}


def _campaign_in_another_voivodeship(demo) -> int:
    own = db.session.scalar(select(Campaign.gmina_code).where(Campaign.id == demo.campaign_id))
    code = db.session.scalar(
        select(Gmina.code).where(~Gmina.code.startswith(own[:2])).order_by(Gmina.code)
    )
    campaign = Campaign(
        name="Druga", gmina_code=code, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
        status="aktywna", questionnaire_version="2026.1",
    )  # fmt: skip
    db.session.add(campaign)
    db.session.commit()
    return campaign.id


@pytest.fixture
def two_campaigns(crafted, demo, add_visit):
    """The crafted campaign (demo gmina) and one in another voivodeship with 7 needs."""
    other = _campaign_in_another_voivodeship(demo)
    for _ in range(7):
        add_visit(campaign_id=other, locality=None, needs=[NEED])
    return demo.campaign_id, other


def _voivodeship(campaign_id: int) -> str:
    return db.session.scalar(select(Campaign.gmina_code).where(Campaign.id == campaign_id))[:2]


def test_country_rollup_adds_up_every_campaigns_own_counts(app_context, two_campaigns):
    own, other = two_campaigns
    refresh(Scope())
    counted = rollup(Scope(), VOIVODESHIP)
    expected: Counter = Counter()
    for campaign_id in two_campaigns:
        for (area, urgency, met, _locality), n in slices.counts(
            ReportFilter(campaign_id)
        ).needs.items():
            expected[(area, urgency, met)] += n
    assert counted.total_needs() == expected
    assert counted.interviews == {_voivodeship(own): 3, _voivodeship(other): 7}
    assert sum(counted.area_groups.values()) == 7 + 5  # a crafted need has two groups


def test_rejected_needs_are_left_out_and_reviewed_areas_count(app_context, crafted):
    refresh(Scope())
    needs = rollup(Scope(), CAMPAIGN).total_needs()
    assert sum(needs.values()) == 4  # five needs, one rejected
    assert needs[("niepelnosprawnosc", "3m", "pelne")] == 1  # the manager's area
    assert not any(area == "kultura" and urgency == "3m" for area, urgency, _ in needs)


def test_a_campaign_is_recounted_only_when_its_data_changed(app_context, two_campaigns, add_visit):
    own, other = two_campaigns
    assert refresh(Scope()).recounted == 2
    assert refresh(Scope()).recounted == 0  # nothing changed: nothing recounted
    add_visit(campaign_id=other, locality=None, needs=[NEED, NEED])
    assert refresh(Scope()).recounted == 1
    assert db.session.get(CampaignTally, other).needs == 9
    need = db.session.scalar(select(Need).where(Need.campaign_id == other))
    need.status = "odrzucona"  # a manager's review moves updated_at
    db.session.commit()
    assert refresh(Scope()).recounted == 1
    assert db.session.get(CampaignTally, other).needs == 8


def test_the_counts_are_integer_rows_not_documents(app_context, two_campaigns):
    _, other = two_campaigns
    refresh(Scope())
    n = db.session.scalar(
        select(CampaignNeedCount.n).where(
            CampaignNeedCount.campaign_id == other, CampaignNeedCount.area == "edukacja"
        )
    )
    assert n == 7 and isinstance(n, int)


def test_a_voivodeship_scope_shows_only_its_campaigns_side_by_side(app_context, two_campaigns):
    own, other = two_campaigns
    tables = count_tables(Scope(_voivodeship(other)))
    assert tables.unit == CAMPAIGN
    assert tables.side_by_side[0].rows == [str(other)]
    assert tables.needs == 7


def test_beyond_the_limit_a_voivodeship_shows_powiats_and_a_powiat_its_campaigns(
    app_context, two_campaigns, monkeypatch
):
    own, other = two_campaigns
    monkeypatch.setattr(across, "SIDE_BY_SIDE_LIMIT", 0)
    code = db.session.scalar(select(Campaign.gmina_code).where(Campaign.id == own))
    voivodeship = count_tables(Scope(code[:2]))
    assert voivodeship.unit == POWIAT
    assert code[:4] in voivodeship.side_by_side[1].rows
    assert voivodeship.needs == 4
    powiat = count_tables(Scope(code[:4]))
    assert powiat.unit == CAMPAIGN
    assert powiat.side_by_side[1].rows == [str(own)]


def test_beyond_the_limit_the_country_shows_voivodeships(app_context, two_campaigns, monkeypatch):
    monkeypatch.setattr(across, "SIDE_BY_SIDE_LIMIT", 1)
    tables = count_tables(Scope())
    assert tables.unit == VOIVODESHIP
    by_area = tables.side_by_side[1]
    assert len(by_area.rows) == db.session.scalar(
        select(func.count(func.distinct(func.substr(Gmina.code, 1, 2))))
    )
    assert by_area.total == 4 + 7


@pytest.mark.parametrize("k", [3, 5])
def test_every_table_across_campaigns_passes_the_disclosure_tests(app_context, two_campaigns, k):
    tables = count_tables(Scope())
    for table in [*tables.side_by_side, *tables.rollups]:
        published = publish(table, k)
        if published.withheld:  # nothing shown at all
            assert published.cells == [] and published.total.value is None
        else:
            assert_safe(published, table)


def test_the_page_hides_small_counts(client, login, two_campaigns):
    login("manager")
    page = client.get("/panel/kampanie").get_data(as_text=True)
    assert "Kampanie obok siebie" in page
    assert "Druga" in page
    assert "&lt;5" in page  # e.g. three interviews in the crafted campaign


def test_an_unknown_voivodeship_is_ignored(client, login, two_campaigns):
    login("manager")
    response = client.get("/panel/kampanie?woj=99")
    assert response.status_code == 200
    assert "Druga" in response.get_data(as_text=True)


def test_a_powiat_of_another_voivodeship_falls_back_to_the_voivodeship(
    client, login, two_campaigns
):
    own, other = two_campaigns
    login("manager")
    theirs = _voivodeship(other)
    mine = db.session.scalar(select(Campaign.gmina_code).where(Campaign.id == own))[:4]
    page = client.get(f"/panel/kampanie?woj={theirs}&powiat={mine}").get_data(as_text=True)
    assert "Druga" in page  # the other voivodeship's campaign, shown without the powiat


def test_researchers_may_not_see_the_view_across_campaigns(client, login):
    login("researcher")
    assert client.get("/panel/kampanie").status_code == 403


def test_the_page_costs_the_same_statements_whatever_the_number_of_campaigns(client, login, demo):
    login("manager")

    def statements() -> int:
        client.get("/panel/kampanie")  # brings the counts up to date
        with counted_statements() as sent:
            assert client.get("/panel/kampanie").status_code == 200
        return len(sent)

    few = statements()
    codes = db.session.scalars(select(Gmina.code).order_by(Gmina.code).limit(50)).all()
    db.session.add_all(
        Campaign(name=f"K{i}", gmina_code=code, starts_on=date(2026, 1, 1),
                 ends_on=date(2026, 3, 1), status="aktywna", questionnaire_version="2026.1")
        for i, code in enumerate(codes)
    )  # fmt: skip
    db.session.commit()
    assert statements() == few


def test_a_command_brings_the_counts_up_to_date_before_anyone_asks(app_context, two_campaigns):
    result = app_context.test_cli_runner().invoke(args=["reports", "rollups"])
    assert result.exit_code == 0
    assert "Kampanie przeliczone: 2." in result.output
    assert refresh(Scope()).recounted == 0
