"""Every aggregation against numbers counted by hand on a small crafted data set.

Runs on SQLite and, in CI, on PostgreSQL (TEST_DATABASE_URL): the JSON lists are unnested with
each database's own function.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from researcher.auth.models import User
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.interviews.sync import apply_record
from researcher.reports import aggregates as agg
from researcher.reports.aggregates import ReportFilter


def nonzero(table) -> dict:
    """{row: n} of a one-column table, or {(row, column): n} of a cross table."""
    if len(table.columns) == 1:
        return {r: row[0] for r, row in zip(table.rows, table.counts, strict=True) if row[0]}
    return {
        (r, c): n
        for r, row in zip(table.rows, table.counts, strict=True)
        for c, n in zip(table.columns, row, strict=True)
        if n
    }


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


def test_visits_by_outcome_and_summary(crafted):
    table = agg.visits_by_outcome(crafted)
    assert nonzero(table) == {
        "zrealizowany": 2, "przerwany": 1, "odmowa": 1, "nikt": 1, "niezamieszkany": 1,
    }
    assert table.total == 6
    summary = agg.summary(crafted)
    assert (summary.visits, summary.eligible_visits, summary.interviews, summary.needs) == (
        6, 5, 3, 4,
    )
    assert summary.response_rate == pytest.approx(60.0)  # 3 / (6 − 1)


def test_needs_by_area_uses_the_reviewed_area_and_skips_rejected_needs(crafted):
    table = agg.needs_by_area(crafted)
    assert nonzero(table) == {
        "pomoc_spoleczna": 1, "edukacja": 1, "niepelnosprawnosc": 1, "kultura": 1,
    }
    assert table.total == 4
    assert table.rows[:14] == [
        "polityka_prorodzinna", "wspieranie_rodziny", "piecza_zastepcza", "pomoc_spoleczna",
        "zdrowie", "niepelnosprawnosc", "edukacja", "bezrobocie", "kultura",
        "sport_turystyka", "aktywnosc_obywatelska", "mieszkalnictwo", "srodowisko",
        "reintegracja",
    ]


def test_needs_by_target_group_uses_the_reviewed_groups(crafted):
    table = agg.needs_by_target_group(crafted)
    assert nonzero(table) == {
        "seniorzy": 1, "osoby_niepelnosprawne": 2, "dzieci": 1, "mlodziez": 1,
    }
    assert table.total == 4 and table.multi_valued and table.sensitive


def test_needs_by_urgency_and_met_status(crafted):
    assert nonzero(agg.needs_by_urgency(crafted)) == {
        "pilna": 1, "3m": 1, "12m": 1, "dlugofalowa": 1,
    }
    assert nonzero(agg.needs_by_met_status(crafted)) == {
        "pelne": 1, "czesciowe": 1, "brak": 1, "nie_wiem": 1,
    }


def test_multi_select_need_answers(crafted):
    met_by = agg.needs_by_met_by(crafted)
    assert nonzero(met_by) == {"rodzina": 2, "ops_cus": 1}
    assert met_by.total == 2  # needs met fully or partly
    barriers = agg.needs_by_barrier(crafted)
    assert nonzero(barriers) == {"koszt": 2, "dojazd": 1}
    assert barriers.total == 4
    forms = agg.needs_by_preferred_form(crafted)
    assert nonzero(forms) == {"w_domu": 2, "zajecia_grupowe": 2, "dowoz": 1}


def test_cross_tables(crafted):
    by_urgency = agg.area_by_urgency(crafted)
    assert nonzero(by_urgency) == {
        ("pomoc_spoleczna", "pilna"): 1, ("edukacja", "12m"): 1,
        ("niepelnosprawnosc", "3m"): 1, ("kultura", "dlugofalowa"): 1,
    }
    assert sum(by_urgency.row_totals) == 4 and by_urgency.column_totals == [1, 1, 1, 1]
    by_met = agg.area_by_met_status(crafted)
    assert nonzero(by_met) == {
        ("pomoc_spoleczna", "czesciowe"): 1, ("edukacja", "brak"): 1,
        ("niepelnosprawnosc", "pelne"): 1, ("kultura", "nie_wiem"): 1,
    }
    by_group = agg.area_by_target_group(crafted)
    assert nonzero(by_group) == {
        ("pomoc_spoleczna", "seniorzy"): 1, ("pomoc_spoleczna", "osoby_niepelnosprawne"): 1,
        ("edukacja", "dzieci"): 1, ("niepelnosprawnosc", "osoby_niepelnosprawne"): 1,
        ("kultura", "mlodziez"): 1,
    }
    assert by_group.row_totals[by_group.rows.index("pomoc_spoleczna")] == 1  # one need
    assert by_group.total == 4


def test_community_answers_of_interviews(crafted):
    assert nonzero(agg.volunteering(crafted)) == {"tak": 1, "nie": 1, "brak_odpowiedzi": 1}
    assert nonzero(agg.services_rating(crafted)) == {
        "raczej_zle": 1, "raczej_dobrze": 1, "brak_odpowiedzi": 1,
    }
    gaps = agg.community_gaps(crafted)
    assert nonzero(gaps) == {"kultura": 2, "zdrowie": 1}
    assert gaps.total == 3


def test_needs_by_locality(crafted, demo):
    table = agg.needs_by_locality(crafted)
    counts = dict(zip(table.row_labels, (row[0] for row in table.counts), strict=True))
    assert counts["Wiązowna Kościelna"] == 3 and counts["Majdan"] == 1
    assert sum(counts.values()) == 4


def test_report_gives_the_same_tables_as_the_single_functions(crafted):
    report = agg.report(crafted)
    assert report.summary == agg.summary(crafted)
    for key, table in report.tables.items():
        assert getattr(agg, key)(crafted) == table, key


def test_filter_by_locality(crafted):
    table = agg.needs_by_locality(crafted)
    majdan = table.rows[table.row_labels.index("Majdan")]
    locality = ReportFilter(crafted.campaign_id, locality_id=int(majdan))
    assert agg.summary(locality).visits == 2
    assert agg.summary(locality).needs == 1


def test_filter_by_date_in_warsaw_time(crafted):
    until_may = ReportFilter(crafted.campaign_id, date_to=date(2026, 5, 31))
    assert agg.summary(until_may).visits == 5
    june = ReportFilter(crafted.campaign_id, date_from=date(2026, 6, 1))
    assert agg.summary(june).visits == 1
    assert agg.summary(june).needs == 0


def test_filter_by_campaign_and_gmina(crafted):
    assert agg.summary(ReportFilter(crafted.campaign_id + 1000)).visits == 0
    assert agg.summary(ReportFilter(None, gmina_code="141708")).visits == 6
    assert agg.summary(ReportFilter(None, gmina_code="020101")).visits == 0


def test_empty_campaign_gives_zero_tables(demo):
    report = agg.report(ReportFilter(demo.campaign_id))
    assert report.summary.visits == 0 and report.summary.response_rate is None
    assert all(table.total == 0 for table in report.tables.values())


def test_a_synced_interview_is_counted(demo, interview):
    user = db.session.scalar(db.select(User).where(User.role == "researcher"))
    locality = db.session.scalars(db.select(Locality.id).order_by(Locality.id)).first()
    record = interview(data={"campaign_id": demo.campaign_id, "locality_id": locality})
    assert not apply_record(record, user, "device", "batch").errors
    db.session.commit()
    f = ReportFilter(demo.campaign_id)
    assert nonzero(agg.needs_by_area(f)) == {"pomoc_spoleczna": 1, "edukacja": 1, "zdrowie": 1}
    assert nonzero(agg.volunteering(f)) == {"moze": 1}
    assert nonzero(agg.community_gaps(f)) == {"kultura": 1, "sport_turystyka": 1, "zdrowie": 1}
