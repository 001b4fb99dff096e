"""Needs of every channel on the dashboard: a breakdown by channel and a channel filter."""

from __future__ import annotations

from datetime import date

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.intake.services import NeedEntry, create_need
from researcher.reports.aggregates import ReportFilter, report


def _phone_need(day=date(2026, 5, 10), area="zdrowie"):
    campaign = db.session.scalar(db.select(Campaign))
    manager = db.session.scalar(db.select(User))
    create_need(campaign, NeedEntry("telefon", day, "Dowóz do lekarza", area, ["seniorzy"]),
                manager)  # fmt: skip
    db.session.commit()


def _row(table, key):
    return table.counts[table.rows.index(key)][0]


def test_the_report_breaks_needs_down_by_channel(demo, add_visit):
    add_visit(needs=[{"area": "edukacja"}, {"area": "zdrowie"}])
    _phone_need()
    figures = report(ReportFilter(campaign_id=demo.campaign_id))
    table = figures.tables["needs_by_channel"]
    assert (_row(table, "wizyta"), _row(table, "telefon"), table.total) == (2, 1, 3)
    assert figures.summary.needs == 3 and figures.summary.interviews == 1


def test_a_channel_filter_counts_that_channels_needs_and_keeps_the_people(demo, add_visit):
    add_visit(needs=[{"area": "edukacja"}, {"area": "zdrowie"}])
    _phone_need()
    report(ReportFilter(campaign_id=demo.campaign_id))  # slices stored without a filter
    phone = report(ReportFilter(campaign_id=demo.campaign_id, channel="telefon"))
    assert phone.summary.needs == 1 and phone.summary.interviews == 1
    by_area = phone.tables["needs_by_area"]
    assert _row(by_area, "zdrowie") == 1 and _row(by_area, "edukacja") == 0
    again = report(ReportFilter(campaign_id=demo.campaign_id))  # the stored slices unchanged
    assert again.summary.needs == 3


def test_the_dashboard_sees_a_new_phoned_in_need_at_once(client, login, demo, add_visit):
    add_visit(needs=[{"area": "edukacja"}])
    login("manager")
    assert "Potrzeby według kanału zgłoszenia" in client.get("/panel").text
    needs = '<dt>Potrzeby</dt><dd>{}</dd>'
    assert needs.format("0") in client.get(f"/panel?kampania={demo.campaign_id}&kanal=telefon").text
    for _ in range(5):
        _phone_need()
    # No visit changed: the kept figures must still notice the new needs.
    assert needs.format("6") in client.get(f"/panel?kampania={demo.campaign_id}").text
    assert needs.format("5") in client.get(f"/panel?kampania={demo.campaign_id}&kanal=telefon").text


def test_a_channel_filter_adds_up_the_stored_slices_without_counting_again(demo, add_visit):
    from tests.reports.test_many_campaigns import counted_statements

    add_visit(needs=[{"area": "edukacja", "met_by": ["rodzina"]}, {"area": "zdrowie"}])
    _phone_need()
    report(ReportFilter(campaign_id=demo.campaign_id))  # every slice counted and stored
    with counted_statements() as sent:
        visit = report(ReportFilter(campaign_id=demo.campaign_id, channel="wizyta"))
    # Only the slices' signatures are read (from an index); no need is counted again.
    assert not [s for s in sent if "needs.channel" in s]
    assert visit.summary.needs == 2 and visit.summary.interviews == 1
    assert _row(visit.tables["needs_by_channel"], "telefon") == 0
    assert _row(visit.tables["needs_by_area"], "edukacja") == 1
