"""The "sposoby zaspokajania potrzeb" tables: counts, and the same disclosure control."""

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.followups.models import Followup
from researcher.matching.tables import needs_met_tables
from researcher.reports.disclosure import publish
from researcher.reports.slices import ReportFilter


def report_filter() -> ReportFilter:
    campaign = db.session.get(Campaign, 1)
    return ReportFilter(campaign_id=campaign.id, gmina_code=campaign.gmina_code)


def tables() -> dict:
    return {t.key: t for t in needs_met_tables(report_filter())}


def cell(published, row: str, column: str = "n"):
    return published.cells[published.rows.index(row)][published.columns.index(column)]


def test_follow_up_outcomes_count_needs_of_respondents_who_asked_for_contact(consenting):
    needs = [n for _ in range(7) for n in consenting()]  # 21 needs with contact
    consenting(contact=False)
    db.session.add(Followup(need_id=needs[0].id, status="zaspokojona"))
    db.session.commit()
    table = tables()["followup_outcomes"]
    assert table.total == 21
    published = publish(table, 5)
    assert cell(published, "zaspokojona").text == "<5"
    assert cell(published, "do_kontaktu").text == "x"  # else 21 − 20 would give it away
    assert published.total.text == "21"


def test_resources_by_area_and_kind_hide_small_counts(consenting, make_resource):
    consenting()
    for i in range(6):
        make_resource(name=f"Wolontariusz {i}", kind="wolontariusz", areas=["pomoc_spoleczna"])
    make_resource(name="OPS", kind="instytucja", areas=["pomoc_spoleczna", "edukacja"])
    table = tables()["resources_by_area_kind"]
    assert table.total == 7 and table.multi_valued
    published = publish(table, 5)
    assert cell(published, "pomoc_spoleczna", "instytucja").text == "<5"
    # The 1 must not follow from the row: its neighbour or the row total is hidden too.
    volunteers = cell(published, "pomoc_spoleczna", "wolontariusz")
    row_total = published.row_totals[published.rows.index("pomoc_spoleczna")]
    assert volunteers.value is None or row_total.value is None
    assert published.total.text == "7"


def test_gaps_and_referrals_by_area(consenting, make_resource, make_user):
    from researcher.matching import services

    needs = consenting()  # pomoc_spoleczna, edukacja, zdrowie
    make_resource(name="Opieka", areas=["pomoc_spoleczna"], capacity_per_month=0)
    club = make_resource(name="Świetlica", areas=["edukacja"])
    services.propose(needs[1], club, make_user("manager"))
    found = tables()
    gaps = found["gaps_by_area"]
    row = lambda area: dict(zip(gaps.columns, gaps.counts[gaps.rows.index(area)], strict=True))  # noqa: E731
    assert row("pomoc_spoleczna") == {"covered": 0, "beyond_capacity": 1, "without_resource": 0}
    assert row("edukacja") == {"covered": 1, "beyond_capacity": 0, "without_resource": 0}
    assert row("zdrowie") == {"covered": 0, "beyond_capacity": 0, "without_resource": 1}
    referrals = found["referrals_by_area_status"]
    assert referrals.total == 1
    assert referrals.counts[referrals.rows.index("edukacja")][0] == 1  # proponowana


def test_the_dashboard_shows_the_tables_under_disclosure_control(client, login, consenting):
    consenting()
    login("manager")
    page = client.get("/panel").get_data(as_text=True)
    assert "Kontakt z mieszkańcami: wynik spraw" in page
    assert "Luki: potrzeby wobec zasobów według obszaru" in page
    section = page.split('id="fig-followup_outcomes"')[1].split("</section>")[0]
    assert "&lt;5" in section and ">3<" not in section


def test_the_diagnosis_has_a_needs_met_section_of_published_tables(app, consenting):
    from researcher.exports.assemble import NEEDS_MET_TITLE, diagnosis_report

    consenting()
    report = diagnosis_report(1, "cus", 5, app.config)
    [section] = [s for s in report.sections if s.title == NEEDS_MET_TITLE]
    assert [t.key for t in section.tables] == [
        "followup_outcomes", "resources_by_area_kind", "referrals_by_area_status", "gaps_by_area",
    ]
    assert section.tables[0].total.text == "<5"


def _gaps(table) -> dict[str, dict[str, int]]:
    return {
        area: dict(zip(table.columns, row, strict=True))
        for area, row in zip(table.rows, table.counts, strict=True)
        if any(row)
    }


def test_without_a_register_the_gaps_are_counted_without_reading_a_need(consenting):
    from tests.reports.test_many_campaigns import counted_statements

    consenting()
    with counted_statements() as sent:
        gaps = tables()["gaps_by_area"]
    assert _gaps(gaps) == {
        area: {"covered": 0, "beyond_capacity": 0, "without_resource": 1}
        for area in ("pomoc_spoleczna", "edukacja", "zdrowie")
    }
    assert not [s for s in sent if "needs.description" in s]  # grouped counts only


def test_only_the_needs_of_the_registers_areas_are_matched(consenting, make_resource):
    from tests.reports.test_many_campaigns import counted_statements

    consenting()
    consenting()
    make_resource(name="Świetlica", areas=["edukacja"])
    with counted_statements() as sent:
        gaps = _gaps(tables()["gaps_by_area"])
    assert gaps["edukacja"] == {"covered": 2, "beyond_capacity": 0, "without_resource": 0}
    assert gaps["zdrowie"] == {"covered": 0, "beyond_capacity": 0, "without_resource": 2}
    read = [s for s in sent if "needs.description" in s]
    # …of the areas the register works in: the other areas' needs are counted, not read.
    assert len(read) == 1 and "coalesce(needs.reviewed_area, needs.area) IN" in read[0]


def test_a_need_entered_by_hand_shows_in_the_kept_figures(consenting, make_user):
    # No visit changes when a manager types a need in: the kept figures must still see it.
    from datetime import date

    from researcher.dashboard.services import published_figures
    from researcher.intake.services import NeedEntry, new_need

    consenting()
    kept = lambda: published_figures(report_filter(), 5)  # noqa: E731
    before, _ = kept()
    campaign = db.session.get(Campaign, 1)
    new_need(campaign, NeedEntry(
        channel="telefon", day=date(2026, 5, 4), description="Dowóz do lekarza",
        area="zdrowie", target_groups=["seniorzy"],
    ), make_user("manager"))  # fmt: skip
    db.session.commit()
    after, tables = kept()
    assert after.needs == before.needs + 1
    assert "gaps_by_area" in [t.key for t in tables]


def test_gaps_leave_out_the_needs_of_a_restricted_visit(consenting, make_user):
    # Art. 18: a frozen respondent's needs are out of every report, these tables included.
    from researcher.rights.actions import set_restricted

    consenting()
    frozen = consenting()[0].visit
    frozen.respondent_code = "FROZEN01"
    set_restricted("FROZEN01", True, make_user("manager"))
    db.session.commit()
    assert _gaps(tables()["gaps_by_area"])["zdrowie"]["without_resource"] == 1


def test_gaps_follow_the_dashboards_channel_filter(consenting, make_user):
    from dataclasses import replace
    from datetime import date

    from researcher.intake.services import NeedEntry, new_need

    consenting()
    new_need(db.session.get(Campaign, 1), NeedEntry(
        channel="telefon", day=date(2026, 5, 4), description="Dowóz do lekarza",
        area="zdrowie", target_groups=["seniorzy"],
    ), make_user("manager"))  # fmt: skip
    db.session.commit()
    by_phone = needs_met_tables(replace(report_filter(), channel="telefon"))
    assert _gaps(by_phone[-1]) == {
        "zdrowie": {"covered": 0, "beyond_capacity": 0, "without_resource": 1}
    }


def test_needs_flagged_out_of_scope_are_no_gaps(consenting, make_user):
    from researcher.needs.services import set_scope_flag

    needs = consenting()
    set_scope_flag(needs[2], make_user("manager"), "poza_zakresem")  # the "zdrowie" one
    db.session.commit()
    assert "zdrowie" not in _gaps(tables()["gaps_by_area"])


def test_follow_ups_count_no_rejected_need_and_none_flagged_out_of_scope(consenting, make_user):
    from researcher.needs.services import set_scope_flag, set_status

    manager = make_user("manager")
    needs = consenting()  # 3 needs, contact requested
    set_status(needs[0], manager, "odrzucona", "Zdublowana")
    set_scope_flag(needs[1], manager, "potrzeba_materialna")
    db.session.add(Followup(need_id=needs[2].id, status="w_kontakcie"))
    db.session.commit()
    table = tables()["followup_outcomes"]
    counts = dict(zip(table.rows, (row[0] for row in table.counts), strict=True))
    assert table.total == 1 and counts["w_kontakcie"] == 1 and counts["do_kontaktu"] == 0
