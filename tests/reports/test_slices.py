"""The counts kept per slice (campaign × locality × day) follow every change of the data."""

from __future__ import annotations

from datetime import date, datetime

from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.models import Need, Visit
from researcher.interviews.sync import apply_record
from researcher.needs import services as review
from researcher.reports import aggregates as agg
from researcher.reports.aggregates import ReportFilter
from researcher.reports.models import ReportSlice


def fresh_count(f: ReportFilter) -> agg.Report:
    """The report counted from the rows alone, with no slice kept."""
    db.session.execute(db.delete(ReportSlice))
    db.session.commit()
    return agg.report(f)


def needs_in_area(f: ReportFilter, area: str) -> int:
    table = agg.table(f, "needs_by_area")
    return table.counts[table.rows.index(area)][0]


def kept() -> set[tuple[int, date, str]]:
    return {(s.locality_key, s.day, s.period) for s in db.session.scalars(db.select(ReportSlice))}


def test_a_whole_campaign_report_keeps_one_slice_per_locality_and_month(crafted, demo):
    agg.report(crafted)
    first = min(k for k, _, _ in kept() if k)
    # Two localities in May; the visit with no locality (key 0) is on 1 June, Warsaw time.
    months = {k for k in kept() if k[2] == "M"}
    assert months == {(first, date(2026, 5, 1), "M"), (first + 1, date(2026, 5, 1), "M"),
                      (0, date(2026, 6, 1), "M")}  # fmt: skip
    # …added up from day slices, kept too, so a new day recounts only itself.
    assert {k for k in kept() if k[2] == "D"} == {
        (first, date(2026, 5, 10), "D"), (first + 1, date(2026, 5, 10), "D"),
        (0, date(2026, 6, 1), "D"),
    }


def test_a_report_on_part_of_a_month_keeps_day_slices(crafted):
    f = ReportFilter(crafted.campaign_id, date_from=date(2026, 5, 10), date_to=date(2026, 6, 30))
    report = agg.report(f)
    assert {(day, period) for _, day, period in kept()} == {
        (date(2026, 5, 10), "D"), (date(2026, 6, 1), "D"), (date(2026, 6, 1), "M")
    }
    assert report.summary.visits == 6
    assert report == fresh_count(f)


def test_the_kept_slices_give_the_same_report_as_a_fresh_count(crafted):
    kept = agg.report(crafted)
    assert db.session.scalar(db.select(db.func.count()).select_from(ReportSlice)) > 0
    assert agg.report(crafted) == kept == fresh_count(crafted)


def test_a_visit_added_after_the_slices_were_kept_is_counted(crafted, add_visit):
    before = agg.summary(crafted)
    add_visit(needs=[{"area": "edukacja"}])
    after = agg.summary(crafted)
    assert (after.visits, after.needs) == (before.visits + 1, before.needs + 1)


def test_a_managers_review_is_counted_after_the_slices_were_kept(crafted):
    manager = db.session.scalar(db.select(User).where(User.role == "manager"))
    assert needs_in_area(crafted, "edukacja") == 1
    need = db.session.scalar(db.select(Need).where(Need.area == "edukacja"))
    review.correct(need, manager, "kultura", need.target_groups)
    db.session.commit()
    assert needs_in_area(crafted, "edukacja") == 0
    review.set_status(need, manager, "odrzucona", "Powtórzona potrzeba")
    db.session.commit()
    assert needs_in_area(crafted, "kultura") == 1  # the other one, never rejected
    assert agg.report(crafted) == fresh_count(crafted)


def test_a_correction_moving_a_visit_to_another_day_recounts_both_days(demo, interview):
    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    record = interview(recorded_at="2026-05-10T10:00:00+02:00")
    assert not apply_record(record, researcher, "device", "batch").errors
    db.session.commit()
    tenth = ReportFilter(demo.campaign_id, date_from=date(2026, 5, 10), date_to=date(2026, 5, 10))
    twelfth = ReportFilter(demo.campaign_id, date_from=date(2026, 5, 12))
    assert (agg.summary(tenth).needs, agg.summary(twelfth).needs) == (3, 0)

    corrected = {**record, "revision": 2, "recorded_at": "2026-05-12T09:00:00+02:00"}
    assert apply_record(corrected, researcher, "device", "batch").status == "updated"
    db.session.commit()
    assert (agg.summary(tenth).needs, agg.summary(twelfth).needs) == (0, 3)


def test_a_deleted_visit_is_no_longer_counted(crafted):
    before = agg.summary(crafted).visits
    db.session.delete(db.session.scalar(db.select(Visit).where(Visit.visit_outcome == "odmowa")))
    db.session.commit()
    assert agg.summary(crafted).visits == before - 1


def test_a_slice_with_a_stale_signature_is_recounted(crafted):
    kept = agg.report(crafted)
    db.session.execute(
        db.update(ReportSlice).values(signature="stale", counts={"visits": [["nikt", False, 99]]})
    )
    db.session.commit()
    assert agg.report(crafted) == kept


def test_the_day_of_a_visit_is_its_day_in_poland(demo, add_visit):
    visit = add_visit(when=datetime(2026, 5, 31, 22, 30))  # 00:30 on 1 June in Warsaw
    assert visit.recorded_on == date(2026, 6, 1)


def test_a_kept_slice_is_stored_compressed_and_reads_back_whole(crafted):
    from researcher.extensions import compact_json
    from researcher.reports.packed import unpack

    agg.report(crafted)
    raw = db.session.execute(db.text("SELECT counts FROM report_slices WHERE period = 'M'")).all()
    documents = [unpack(stored) for (stored,) in raw]
    assert documents and all(d["visits"] for d in documents)
    stored = sum(len(bytes(s)) for (s,) in raw)
    assert stored < sum(len(compact_json(d)) for d in documents) / 2
    months = db.session.scalars(db.select(ReportSlice).where(ReportSlice.period == "M"))
    assert sorted(map(compact_json, (s.counts for s in months))) == sorted(
        map(compact_json, documents)
    )


def test_a_packed_document_names_its_dictionary():
    import pytest

    from researcher.reports.packed import pack, unpack

    document = {"needs": [["wizyta", "zdrowie", "3m", "brak", 2]], "gaps": [["nowe_slowo", 1]]}
    assert unpack(pack(document)) == document  # a word outside the dictionary too
    with pytest.raises(ValueError, match="unknown dictionary"):
        unpack(b"\x02" + pack(document)[1:])
