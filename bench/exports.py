"""Benchmark of the needs dashboard (issue 5, item 8) for 100,000 needs; prints a table.

Data: a SQLite database under bench/out/ (git-ignored), built once and reused: the migrations,
the gminas, the demo campaign, then `researcher.demo.generator.generate_records(…, needs=3)`
records — every one a completed interview with 3 needs, so 33,334 interviews give 100,002
needs — applied **in-process through `researcher.interviews.sync.apply_record`**, the same
path a phone's sync takes (validation, visit and need rows). Building takes a few minutes
the first time; `--rebuild` forces it.

Timed (median of `--runs` runs after one warm-up run, which is reported too):

* `aggregates.report()` counted from scratch, with no slice stored (once after an import or
  a migration), then from the stored slices (`researcher.reports.slices`);
* `dashboard.services.build_panel(cached=False)` — the same plus disclosure control and the
  SVG charts;
* GET /panel through the Flask test client, logged in as the demo manager (the whole page).
  Its first run counts from the slices; the next ones reuse the published figures kept for
  the unchanged data (see `researcher.dashboard.services`), checking the data version;
* GET /panel right after 100 new interviews (300 needs) were synced for today — the usual
  "first load after new data": today's slices are recounted, the rest is read;
* GET /panel with a locality and a date range never asked for before (day slices).

The runs work on a copy of the database (`…-work.sqlite`), migrated to the current schema.

Target: the page < 300 ms.

    .venv/bin/python bench/exports.py [--needs 100000] [--runs 10] [--rebuild]

* the full diagnosis export (XLSX + DOCX) in variants CUS and OPS, each in its own process
  (bench/export_files.py --measure), with its peak memory (ru_maxrss). Targets: < 20 s,
  < 500 MB.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import fresh_demo_database, timed  # noqa: E402

OUT = ROOT / "bench" / "out"
DASHBOARD_TARGET_MS = 300.0
EXPORT_TARGET_MS = 20_000.0
EXPORT_TARGET_MB = 500.0
NEEDS_PER_INTERVIEW = 3
BATCH = 2000


@dataclass(frozen=True)
class Row:
    """One line of the printed table."""

    name: str
    median_ms: float
    first_ms: float
    target_ms: float | None = None

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return ""
        return "OK" if self.median_ms < self.target_ms else "ZA WOLNO"


def make_app(database: Path):
    """The app on `database` (SQLite file)."""
    from researcher import create_app

    return create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": "bench",
         "WTF_CSRF_ENABLED": False}
    )  # fmt: skip


def build_database(database: Path, needs: int, seed: int = 0) -> None:
    """A fresh database with the demo campaign and `needs` needs, via apply_record."""
    from researcher.demo.generator import generate_records
    from researcher.extensions import db
    from researcher.gminas.models import Locality
    from researcher.interviews.sync import apply_record

    with fresh_demo_database(database, make_app) as (demo, researcher):
        campaign_id = demo.campaign_id
        localities = db.session.scalars(db.select(Locality.id).order_by(Locality.id)).all()
        interviews = -(-needs // NEEDS_PER_INTERVIEW)
        records = generate_records(
            interviews, campaign_id=campaign_id, locality_ids=localities, seed=seed,
            needs=NEEDS_PER_INTERVIEW,
        )  # fmt: skip
        started = time.perf_counter()
        for start in range(0, len(records), BATCH):
            for record in records[start : start + BATCH]:
                result = apply_record(record, researcher, "bench-device", "bench")
                if result.errors:
                    raise SystemExit(f"record rejected: {result.errors}")
            db.session.commit()
            done = min(start + BATCH, len(records))
            rate = done / (time.perf_counter() - started)
            print(f"  {done:>6} / {len(records)} records ({rate:.0f}/s)", file=sys.stderr)


def add_interviews(campaign_id: int, researcher_id: int, n: int, seed: int) -> None:
    """`n` new interviews recorded today, through the sync service (a researcher's day)."""
    from datetime import UTC, datetime

    from researcher.auth.models import User
    from researcher.demo.generator import generate_records
    from researcher.extensions import db
    from researcher.gminas.models import Locality
    from researcher.interviews.sync import apply_record

    researcher = db.session.get(User, researcher_id)
    localities = db.session.scalars(db.select(Locality.id).order_by(Locality.id)).all()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for record in generate_records(
        n, campaign_id=campaign_id, locality_ids=localities[:1], seed=seed,
        needs=NEEDS_PER_INTERVIEW,
    ):  # fmt: skip
        record["recorded_at"] = now
        assert not apply_record(record, researcher, "bench-device", "bench").errors
    db.session.commit()


def dashboard_section(app, runs: int) -> list[Row]:
    """Time the aggregation, the panel service and the whole GET /panel page."""
    from datetime import date

    from researcher.auth.models import User
    from researcher.campaigns.models import Campaign
    from researcher.dashboard.services import build_panel
    from researcher.extensions import db
    from researcher.interviews.models import Need, Visit
    from researcher.reports.aggregates import ReportFilter, report
    from researcher.reports.models import ReportSlice

    with app.app_context():
        campaign = db.session.scalars(db.select(Campaign).order_by(Campaign.id)).first()
        manager = db.session.scalar(db.select(User).where(User.role == "manager"))
        researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
        needs = db.session.scalar(db.select(db.func.count()).select_from(Need))
        first_day, locality = db.session.execute(
            db.select(db.func.min(Visit.recorded_on), db.func.min(Visit.locality_id))
        ).one()
        report_filter = ReportFilter(campaign.id, gmina_code=campaign.gmina_code)
        print(f"Kampania {campaign.id}: {needs} potrzeb", file=sys.stderr)

        def from_scratch() -> None:
            db.session.execute(db.delete(ReportSlice))
            db.session.commit()
            report(report_filter)

        _, scratch = timed(from_scratch, min(runs, 3))
        first_a, median_a = timed(lambda: report(report_filter), runs)
        first_p, median_p = timed(lambda: build_panel(report_filter, 5, cached=False), runs)
        manager_key, researcher_id, campaign_id = manager.get_id(), researcher.id, campaign.id

    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = manager_key  # "id:session_version", as Flask-Login stores it
        session["_fresh"] = True

    def page(query: str = "") -> None:
        response = client.get(f"/panel?kampania={campaign_id}{query}")
        assert response.status_code == 200, response.status_code

    first_g, median_g = timed(page, runs)

    # A new day's work arrives before each load: the figures kept in the process no longer
    # apply, and the slices of today are recounted.
    after_sync = []
    for run in range(runs):
        with app.app_context():
            add_interviews(campaign_id, researcher_id, 100, seed=1000 + run)
        start = time.perf_counter()
        page()
        after_sync.append((time.perf_counter() - start) * 1000)

    # Filters nobody asked for before: a locality and part of a month, counted from the slices.
    filtered = []
    for run in range(runs):
        day = date.fromordinal(first_day.toordinal() + 3 + run)
        start = time.perf_counter()
        page(f"&miejscowosc={locality}&od={first_day.isoformat()}&do={day.isoformat()}")
        filtered.append((time.perf_counter() - start) * 1000)
    return [
        Row("report() liczone od zera (bez zapisanych wycinków)", scratch, scratch),
        Row("aggregates.report() – z wycinków", median_a, first_a),
        Row("build_panel(cached=False) – + ochrona + SVG", median_p, first_p),
        Row("GET /panel – cała strona", median_g, first_g, DASHBOARD_TARGET_MS),
        Row("GET /panel po synchronizacji 100 wywiadów", statistics.median(after_sync),
            after_sync[0], DASHBOARD_TARGET_MS),
        Row("GET /panel, miejscowość + nowy zakres dat", statistics.median(filtered),
            filtered[0], DASHBOARD_TARGET_MS),
    ]  # fmt: skip


def export_section(app, database: Path) -> list[Row]:
    """The full diagnosis export (XLSX then DOCX, as `flask export diagnosis` makes them) in
    both variants, each in a fresh process (bench/export_files.py --measure) so that its peak
    memory is its own. One run each: the row's median and first run are the same figure."""
    import json
    import subprocess

    from researcher.campaigns.models import Campaign
    from researcher.extensions import db

    with app.app_context():
        campaign_id = db.session.scalars(db.select(Campaign.id).order_by(Campaign.id)).first()
    rows = []
    for variant in ("cus", "ops"):
        command = [
            sys.executable, str(ROOT / "bench" / "export_files.py"), "--measure", str(database),
            "--campaign", str(campaign_id), "--variant", variant, "--formats", "xlsx,docx",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        f = json.loads(result.stdout.strip().splitlines()[-1])
        memory = "OK" if f["peak_mb"] < EXPORT_TARGET_MB else "ZA DUŻO"
        cpu, peak = f["cpu_seconds"], f["peak_mb"]
        name = f"{variant.upper()} XLSX+DOCX, CPU {cpu:.1f} s, {peak:.0f} MB {memory}"
        ms = f["seconds"] * 1000
        rows.append(Row(name, ms, ms, EXPORT_TARGET_MS))
    return rows


def print_table(title: str, rows: list[Row]) -> None:
    """A plain-text table: name, median, first run, target, verdict."""
    print(f"\n{title}")
    print(f"{'pomiar':<50} {'mediana ms':>11} {'1. ms':>9} {'cel ms':>8}  wynik")
    for row in rows:
        target = f"{row.target_ms:.0f}" if row.target_ms is not None else ""
        print(
            f"{row.name:<50} {row.median_ms:>11.1f} {row.first_ms:>9.1f} {target:>8}  "
            f"{row.verdict}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args(argv)

    database = OUT / f"dashboard-{args.needs}-seed{args.seed}.sqlite"
    if args.rebuild or not database.exists():
        print(f"Buduję {database} …", file=sys.stderr)
        started = time.perf_counter()
        build_database(database, args.needs, args.seed)
        print(f"Zbudowano w {time.perf_counter() - started:.0f} s", file=sys.stderr)
    # The dashboard part adds interviews: it works on a copy, migrated to the current schema.
    work = database.with_name(database.stem + "-work.sqlite")
    for journal in ("-wal", "-shm"):  # a former copy's journal would be replayed into this one
        work.with_name(work.name + journal).unlink(missing_ok=True)
    shutil.copyfile(database, work)
    app = make_app(work)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()

    print(" ".join([".venv/bin/python", "bench/exports.py", *(argv or sys.argv[1:])]))
    print(f"{platform.platform()}, Python {platform.python_version()}, SQLite, "
          f"{args.needs} potrzeb, mediana z {args.runs} przebiegów")  # fmt: skip

    # --- Section 1: dashboard ------------------------------------------------------------------
    print_table("Panel potrzeb (dashboard)", dashboard_section(app, args.runs))

    # --- Section 2: full export (XLSX + DOCX) --------------------------------------------------
    print_table("Pełny eksport dla gminy (XLSX + DOCX)", export_section(app, work))


if __name__ == "__main__":
    main()
