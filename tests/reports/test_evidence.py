"""The deliverable's evidence tables: D12, D9, the universality gap, D11, D10 and channels."""

from __future__ import annotations

from datetime import date

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.intake.services import NeedEntry, create_need
from researcher.reports import evidence
from researcher.reports.disclosure import publish
from researcher.reports.evidence import EvidenceFilter


def _cell(table, row, column="n"):
    return table.counts[table.rows.index(row)][table.columns.index(column)]


def _phone_need(area="pomoc_spoleczna"):
    campaign = db.session.scalar(db.select(Campaign))
    manager = db.session.scalar(db.select(User))
    create_need(campaign, NeedEntry("telefon", date(2026, 5, 1), "Telefon w sprawie opieki",
                                    area, ["seniorzy"]), manager)  # fmt: skip
    db.session.commit()


def test_access_tables_count_visit_needs_by_area(demo, add_visit):
    add_visit(needs=[
        {"area": "pomoc_spoleczna", "access_view": "powszechna", "barriers": ["kryteria"],
         "target_groups": ["seniorzy", "opiekunowie"], "frequency": "co_tydzien"},
        {"area": "pomoc_spoleczna", "access_view": "powszechna", "barriers": ["koszt"]},
        {"area": "edukacja", "access_view": "selekcyjna", "barriers": ["kryteria"]},
    ])  # fmt: skip
    add_visit(needs=[{"area": "pomoc_spoleczna", "barriers": ["kryteria"], "status": "odrzucona"}])
    _phone_need()  # other channels have no D9/D12: not in these tables
    f = EvidenceFilter(demo.campaign_id)

    d12 = evidence.access_view_by_area(f)
    assert _cell(d12, "pomoc_spoleczna", "powszechna") == 2
    assert _cell(d12, "edukacja", "selekcyjna") == 1 and d12.total == 3
    d9 = evidence.criteria_barrier_by_area(f)
    assert (_cell(d9, "pomoc_spoleczna"), _cell(d9, "edukacja"), d9.total) == (1, 1, 2)
    by_group = evidence.criteria_barrier_by_group(f)
    assert _cell(by_group, "opiekunowie") == 1 and _cell(by_group, "seniorzy") == 2
    assert by_group.total == 2 and by_group.multi_valued
    gap = evidence.universal_gap_by_area(f)
    assert _cell(gap, "pomoc_spoleczna", "powszechna") == 2
    assert _cell(gap, "pomoc_spoleczna", "powszechna_kryteria") == 1
    frequency = evidence.frequency_by_area(f)
    assert _cell(frequency, "pomoc_spoleczna", "co_tydzien") == 1
    assert _cell(frequency, "pomoc_spoleczna", "brak_odpowiedzi") == 1


def test_preferred_forms_are_multi_valued_by_area(demo, add_visit):
    add_visit(needs=[{"area": "zdrowie", "preferred_forms": ["w_domu", "dowoz"]},
                     {"area": "zdrowie", "preferred_forms": ["dowoz"]}])  # fmt: skip
    table = evidence.preferred_forms_by_area(EvidenceFilter(demo.campaign_id))
    assert _cell(table, "zdrowie", "dowoz") == 2 and _cell(table, "zdrowie", "w_domu") == 1
    assert table.row_totals[table.rows.index("zdrowie")] == 2 and table.multi_valued


def test_needs_by_channel_counts_every_channel_and_filters_by_one(demo, add_visit):
    add_visit(needs=[{"area": "zdrowie"}, {"area": "edukacja"}])
    _phone_need()
    table = evidence.needs_by_channel(EvidenceFilter(demo.campaign_id))
    assert (_cell(table, "wizyta"), _cell(table, "telefon"), table.total) == (2, 1, 3)
    phone = evidence.needs_by_channel(EvidenceFilter(demo.campaign_id, channel="telefon"))
    assert phone.total == 1


def test_every_evidence_table_is_under_disclosure_control(demo, add_visit):
    add_visit(needs=[{"area": "zdrowie", "access_view": "powszechna", "barriers": ["kryteria"],
                      "frequency": "codziennie", "preferred_forms": ["w_domu"]}])  # fmt: skip
    _phone_need()
    f = EvidenceFilter(demo.campaign_id)
    for build in (*evidence.ACCESS_TABLES, *evidence.SERVICE_TABLES, evidence.needs_by_channel):
        published = publish(build(f), 5)
        shown = [c for row in published.cells for c in row] + published.row_totals + [
            *published.column_totals, published.total
        ]  # fmt: skip
        assert all(c.value is None or c.value == 0 or c.value >= 5 for c in shown), build


def test_service_types_are_grouped_by_their_words(demo, add_visit):
    add_visit(needs=[{"service_type": "usługi opiekuńcze"}, {"service_type": "Usługa opiekuńcza"},
                     {"service_type": "usługi opiekuńcze"}, {"service_type": "dowóz do lekarza"}])
    table = evidence.service_types_grouped(EvidenceFilter(demo.campaign_id))
    assert table.row_labels == ["usługi opiekuńcze", "dowóz do lekarza"]
    assert [row[0] for row in table.counts] == [3, 1] and table.total == 4
