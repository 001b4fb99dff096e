"""Every aggregation against numbers counted by hand on a small crafted data set.

Runs on SQLite and, in CI, on PostgreSQL (TEST_DATABASE_URL): the JSON lists are unnested with
each database's own function.
"""

from __future__ import annotations

from datetime import date

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


def test_visits_by_outcome_and_summary(crafted):
    table = agg.table(crafted, "visits_by_outcome")
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
    table = agg.table(crafted, "needs_by_area")
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
    table = agg.table(crafted, "needs_by_target_group")
    assert nonzero(table) == {
        "seniorzy": 1, "osoby_niepelnosprawne": 2, "dzieci": 1, "mlodziez": 1,
    }
    assert table.total == 4 and table.multi_valued and table.sensitive


def test_needs_by_urgency_and_met_status(crafted):
    assert nonzero(agg.table(crafted, "needs_by_urgency")) == {
        "pilna": 1, "3m": 1, "12m": 1, "dlugofalowa": 1,
    }
    assert nonzero(agg.table(crafted, "needs_by_met_status")) == {
        "pelne": 1, "czesciowe": 1, "brak": 1, "nie_wiem": 1,
    }


def test_multi_select_need_answers(crafted):
    met_by = agg.table(crafted, "needs_by_met_by")
    assert nonzero(met_by) == {"rodzina": 2, "ops_cus": 1}
    assert met_by.total == 2  # needs met fully or partly
    barriers = agg.table(crafted, "needs_by_barrier")
    assert nonzero(barriers) == {"koszt": 2, "dojazd": 1}
    assert barriers.total == 4
    forms = agg.table(crafted, "needs_by_preferred_form")
    assert nonzero(forms) == {"w_domu": 2, "zajecia_grupowe": 2, "dowoz": 1}


def test_cross_tables(crafted):
    by_urgency = agg.table(crafted, "area_by_urgency")
    assert nonzero(by_urgency) == {
        ("pomoc_spoleczna", "pilna"): 1, ("edukacja", "12m"): 1,
        ("niepelnosprawnosc", "3m"): 1, ("kultura", "dlugofalowa"): 1,
    }
    assert sum(by_urgency.row_totals) == 4 and by_urgency.column_totals == [1, 1, 1, 1]
    by_met = agg.table(crafted, "area_by_met_status")
    assert nonzero(by_met) == {
        ("pomoc_spoleczna", "czesciowe"): 1, ("edukacja", "brak"): 1,
        ("niepelnosprawnosc", "pelne"): 1, ("kultura", "nie_wiem"): 1,
    }
    by_group = agg.table(crafted, "area_by_target_group")
    assert nonzero(by_group) == {
        ("pomoc_spoleczna", "seniorzy"): 1, ("pomoc_spoleczna", "osoby_niepelnosprawne"): 1,
        ("edukacja", "dzieci"): 1, ("niepelnosprawnosc", "osoby_niepelnosprawne"): 1,
        ("kultura", "mlodziez"): 1,
    }
    assert by_group.row_totals[by_group.rows.index("pomoc_spoleczna")] == 1  # one need
    assert by_group.total == 4


def test_community_answers_of_interviews(crafted):
    assert nonzero(agg.table(crafted, "volunteering")) == {"tak": 1, "nie": 1, "brak_odpowiedzi": 1}
    assert nonzero(agg.table(crafted, "services_rating")) == {
        "raczej_zle": 1, "raczej_dobrze": 1, "brak_odpowiedzi": 1,
    }
    gaps = agg.table(crafted, "community_gaps")
    assert nonzero(gaps) == {"kultura": 2, "zdrowie": 1}
    assert gaps.total == 3


def test_needs_by_locality(crafted, demo):
    table = agg.table(crafted, "needs_by_locality")
    counts = dict(zip(table.row_labels, (row[0] for row in table.counts), strict=True))
    assert counts["Wiązowna Kościelna"] == 3 and counts["Majdan"] == 1
    assert sum(counts.values()) == 4


def test_filter_by_locality(crafted):
    table = agg.table(crafted, "needs_by_locality")
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
    assert nonzero(agg.table(f, "needs_by_area")) == {
        "pomoc_spoleczna": 1, "edukacja": 1, "zdrowie": 1
    }
    assert nonzero(agg.table(f, "volunteering")) == {"moze": 1}
    assert nonzero(agg.table(f, "community_gaps")) == {
        "kultura": 1, "sport_turystyka": 1, "zdrowie": 1
    }
