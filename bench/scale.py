"""Benchmark of issue 16 (many campaigns, many interviews); prints the issue's table.

The database is built **through the sync service** (`researcher.interviews.sync.sync_batch`,
the code behind POST /api/v1/sync, batches of 500 records): the migrations, the TERC gminas
(data/teryt), the demo accounts, one campaign per gmina (2,479, each with one locality, made
with one INSERT as an admin would make them one by one), a 100k-need campaign (the demo
campaign: `--big-needs` / 3 interviews of 3 needs), and the rest of `--interviews` spread over
the other campaigns. Every interview is a completed one with 3 needs.

Measured (median of `--runs` after one warm-up; statements counted with an SQLAlchemy
`before_cursor_execute` listener): GET /panel/kampanie (the whole country: voivodeships;
one voivodeship: its powiats; one powiat: its campaigns), after the count jobs the sync queued
have run as the app's worker runs them (timed too),
GET /panel for the big campaign, GET /potrzeby/ (default,
every campaign) and with a word search, the analysis run of the big campaign in a fresh
process (its wall time and peak memory, ru_maxrss; and the run's own seconds from start to
commit, as the app's worker spends them, with its stages: load needs, prepare, vectors,
choose_k, cluster, stability, naming, store), and the database's bytes per interview
(on PostgreSQL per table and per index).

    .venv/bin/python bench/scale.py [--interviews 100000] [--big-needs 100000] [--runs 5]
    bash .ci/with-postgres.sh bash -c \\
        '.venv/bin/python bench/scale.py --database-url "$DATABASE_URL"'
    bash .ci/with-postgres.sh bash -c \\
        '.venv/bin/python bench/scale.py --million --database-url "$DATABASE_URL"'  # the big run
    .venv/bin/python bench/scale.py --interviews 40000 --reuse --skip-pages  # the analysis again
    bash .ci/with-postgres.sh bash -c \\
        '.venv/bin/python bench/scale.py --storage-only --database-url "$DATABASE_URL"'

Without `--database-url` it builds a SQLite file under bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import demo_database, timed  # noqa: E402

OUT = ROOT / "bench" / "out"
NEEDS_PER_INTERVIEW = 3
BATCH = 500  # the sync API's limit
SEARCH_WORD = "opieki"
VOIVODESHIP = "14"  # mazowieckie: the most gminas (314), its powiats side by side
POWIAT = "1412"  # a powiat of it with several gminas, its campaigns side by side
MILLION = 1_000_000


def make_app(url: str):
    from researcher import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                       "WTF_CSRF_ENABLED": False})  # fmt: skip


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _campaigns(demo_campaign_id: int) -> list[tuple[int, int]]:
    """One campaign (and one locality) per gmina besides the demo's: [(campaign, locality)]."""
    from sqlalchemy import insert

    from researcher.campaigns.models import Campaign
    from researcher.extensions import db
    from researcher.gminas.models import Gmina, Locality

    demo = db.session.get(Campaign, demo_campaign_id)
    codes = db.session.scalars(
        db.select(Gmina.code).where(Gmina.code != demo.gmina_code).order_by(Gmina.code)
    ).all()
    db.session.execute(insert(Locality), [
        {"gmina_code": code, "name": "Centrum", "kind": "miejscowosc"} for code in codes
    ])  # fmt: skip
    db.session.execute(insert(Campaign), [
        {"name": f"Diagnoza potrzeb {i + 1}", "gmina_code": code, "starts_on": demo.starts_on,
         "ends_on": demo.ends_on, "status": "aktywna",
         "questionnaire_version": demo.questionnaire_version, "open_to_all_researchers": True}
        for i, code in enumerate(codes)
    ])  # fmt: skip
    db.session.commit()
    localities = dict(db.session.execute(
        db.select(Locality.gmina_code, Locality.id).where(Locality.gmina_code.in_(codes))
    ).all())  # fmt: skip
    rows = db.session.execute(
        db.select(Campaign.id, Campaign.gmina_code).where(Campaign.id != demo_campaign_id)
    )
    return [(campaign_id, localities[code]) for campaign_id, code in rows]


def build(url: str, interviews: int, big_needs: int) -> dict[str, Any]:
    """Migrate an empty database and fill it through `sync_batch`; what was built."""
    from researcher.campaigns.models import Campaign
    from researcher.demo.generator import generate_records
    from researcher.extensions import db
    from researcher.gminas.models import Locality
    from researcher.interviews.sync import sync_batch

    app = make_app(url)
    with app.app_context():
        demo, researcher = demo_database()
        big_gmina = db.session.get(Campaign, demo.campaign_id).gmina_code
        big_localities = db.session.scalars(
            db.select(Locality.id).where(Locality.gmina_code == big_gmina).order_by(Locality.id)
        ).all()
        others = _campaigns(demo.campaign_id)
        big = min(interviews, -(-big_needs // NEEDS_PER_INTERVIEW))
        rest = interviews - big
        plan = [(demo.campaign_id, list(big_localities), big, 0)]
        for i, (campaign_id, locality_id) in enumerate(others):
            n = rest // len(others) + (1 if i < rest % len(others) else 0)
            if n:
                plan.append((campaign_id, [locality_id], n, i + 1))
        started, done, pending = time.perf_counter(), 0, []

        def send(records: list[dict[str, Any]]) -> None:
            nonlocal done
            answer = sync_batch({"device_id": str(uuid.uuid4()), "batch_id": str(uuid.uuid4()),
                                 "records": records}, researcher)  # fmt: skip
            bad = [r for r in answer["results"] if r["status"] != "created"]
            if bad:
                raise SystemExit(f"records not created: {bad[:3]}")
            done += len(records)
            if done % 10_000 < len(records):
                rate = done / (time.perf_counter() - started)
                log(f"  {done:>8} / {interviews} interviews ({rate:.0f}/s)")

        for campaign_id, locality_ids, n, seed in plan:
            # One campaign's records at a time (2,479 × generate_records would not fit at 1M);
            # a batch of 500 may hold several small campaigns, as a busy phone's would.
            for first in range(0, n, 20_000):
                pending += generate_records(
                    min(20_000, n - first), campaign_id=campaign_id, locality_ids=locality_ids,
                    seed=seed * 1_000 + first // 20_000, needs=NEEDS_PER_INTERVIEW,
                )  # fmt: skip
                while len(pending) >= BATCH:
                    send(pending[:BATCH])
                    del pending[:BATCH]
        if pending:
            send(pending)
        seconds = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    return {"campaign_id": demo.campaign_id, "campaigns": len(plan), "build_s": seconds}


def count_in_background(url: str) -> tuple[int, float]:
    """Run the count jobs the sync queued (`reports.jobs`), as the app's worker would after the
    build; (jobs, seconds). The pages measured next find their counts stored."""
    from researcher.extensions import db
    from researcher.jobs.worker import work

    app = make_app(url)
    with app.app_context():
        started = time.perf_counter()
        done = work(once=True)
        seconds = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    return done, seconds


def existing(url: str) -> dict[str, Any]:
    """What `build` returns, read from a database it built earlier (`--reuse`)."""
    from researcher.campaigns.models import Campaign
    from researcher.demo.services import DEMO_CAMPAIGN
    from researcher.extensions import db
    from researcher.interviews.models import Visit

    app = make_app(url)
    with app.app_context():
        campaign_id = db.session.scalar(
            db.select(Campaign.id).where(Campaign.name == DEMO_CAMPAIGN)
        )
        campaigns = db.session.scalar(db.select(db.func.count(db.distinct(Visit.campaign_id))))
        db.session.remove()
        db.engine.dispose()
    return {"campaign_id": campaign_id, "campaigns": campaigns, "build_s": float("nan")}


def pages(url: str, campaign_id: int, runs: int) -> list[tuple[str, int, float, float, int]]:
    """(page, statements, first ms, median ms, bytes) of each page, as the demo manager."""
    from sqlalchemy import event

    from researcher.auth.models import User
    from researcher.extensions import db

    app = make_app(url)
    with app.app_context():
        manager = db.session.scalar(db.select(User).where(User.role == "manager"))
        session_id = manager.get_id()
        engine = db.engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))  # fmt: skip
    out = []
    for name, path in (
        # Without the background count, the first request here would count every campaign.
        ("/panel/kampanie (whole country)", "/panel/kampanie"),
        (f"/panel/kampanie?woj={VOIVODESHIP} (its powiats side by side)",
         f"/panel/kampanie?woj={VOIVODESHIP}"),
        (f"/panel/kampanie?powiat={POWIAT} (its campaigns side by side)",
         f"/panel/kampanie?woj={VOIVODESHIP}&powiat={POWIAT}"),
        ("/panel (one campaign)", f"/panel?kampania={campaign_id}"),
        ("/postep (the big campaign: coverage and quality signals)",
         f"/postep?kampania={campaign_id}"),
        ("/potrzeby/ default", "/potrzeby/"),
        (f"/potrzeby/ word search ({SEARCH_WORD})", f"/potrzeby/?q={SEARCH_WORD}"),
        ("/potrzeby/ one campaign, page 2", None),
    ):
        if path is None:  # the "Następna" link of the campaign's first page
            first = client.get(f"/potrzeby/?campaign={campaign_id}").text
            token = first.split("po=", 1)[1].split('"', 1)[0].replace("&amp;", "&")
            path = f"/potrzeby/?campaign={campaign_id}&po={token}"

        def get(path: str = path) -> int:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return len(response.data)

        first_ms, median_ms = timed(get, runs)
        statements.clear()
        size = get()
        out.append((name, len(statements), first_ms, median_ms, size))
    return out


def analysis(url: str, campaign_id: int, dense: bool) -> dict[str, Any]:
    """The analysis run of `campaign_id` in a fresh process: its wall seconds and peak MB, the
    run's own seconds (start to commit, as the app's worker spends them) and its stages."""
    load = os.getloadavg()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--analysis-of", str(campaign_id),
                           "--database-url", url, *(["--dense"] if dense else [])],
                          check=True, stdout=subprocess.PIPE, text=True)  # fmt: skip
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"process_s": seconds, "peak_mb": peak_kb / 1024, "load": load,
            **json.loads(done.stdout.strip().splitlines()[-1])}  # fmt: skip


def run_analysis(url: str, campaign_id: int, dense: bool) -> None:
    """The run as the app does it (`THEMES_INLINE`): start, execute, commit.

    Without `--dense` the optional dense encoder is left out even when installed: its first
    run encodes every need once (minutes for 100k on 2 cores), later runs reuse the vectors.
    """
    from researcher.auth.models import User
    from researcher.extensions import db
    from researcher.themes import services

    if not dense:
        services.dense_available = lambda: False

    app = make_app(url)
    with app.app_context():
        manager = db.session.scalar(db.select(User).where(User.role == "manager"))
        started = time.perf_counter()
        run = services.start_run(campaign_id, manager)
        db.session.commit()
        services.execute_run(run)
        db.session.commit()
        seconds = time.perf_counter() - started
        log(f"  analysis: {run.n_needs} needs, k={run.k}, status {run.status}, "
            f"{seconds:.1f} s in the run; {run.timings}")
        print(json.dumps({"run_s": seconds, "timings": run.timings, "k": run.k,
                          "stability": run.stability, "needs": run.n_needs}))  # fmt: skip


def storage(url: str, path: Path | None) -> tuple[int, int, dict[str, int]]:
    """(interviews, database bytes, bytes per table and index) — tables on PostgreSQL only."""
    from researcher.extensions import db
    from researcher.interviews.models import Visit

    app = make_app(url)
    with app.app_context():
        visits = db.session.scalar(db.select(db.func.count()).select_from(Visit))
        parts: dict[str, int] = {}
        if db.engine.dialect.name == "postgresql":
            total = db.session.scalar(db.text("SELECT pg_database_size(current_database())"))
            # Heap (with TOAST) of every table above 1 MB, its TOAST apart, then its indexes.
            rows = db.session.execute(db.text(
                "SELECT c.relname, pg_table_size(c.oid), c.oid, "
                "coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r' "
                "AND pg_total_relation_size(c.oid) > 1000000 "
                "ORDER BY pg_total_relation_size(c.oid) DESC"
            )).all()  # fmt: skip
            for name, size, oid, toast in rows:
                parts[name] = size
                if toast > 16384:  # an empty TOAST table and its index take 16 kB
                    parts[f"  {name} (of it TOAST)"] = toast
                for index, index_size in db.session.execute(db.text(
                    "SELECT i.relname, pg_relation_size(i.oid) FROM pg_index x "
                    "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = :oid "
                    "ORDER BY 2 DESC"
                ), {"oid": oid}):  # fmt: skip
                    parts[f"  {name}.{index}"] = index_size
        else:
            files = [path, path.with_name(path.name + "-wal")] if path else []
            total = sum(f.stat().st_size for f in files if f.exists())
    return visits, total, parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--million", action="store_true",
                        help="1,000,000 interviews (most of an hour on PostgreSQL)")
    parser.add_argument("--big-needs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", help="an EMPTY database (default: SQLite file)")
    parser.add_argument("--dense", action="store_true", help="use the dense encoder if installed")
    parser.add_argument("--reuse", action="store_true",
                        help="measure a database an earlier run built (no build)")
    parser.add_argument("--skip-pages", action="store_true",
                        help="measure only the analysis run and the storage (with --reuse)")
    parser.add_argument("--storage-only", action="store_true",
                        help="build (or --reuse) and print only the bytes per table and index")
    parser.add_argument("--analysis-of", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.million:
        args.interviews = MILLION
    if args.analysis_of:
        run_analysis(args.database_url, args.analysis_of, args.dense)
        return
    path = None
    url = args.database_url
    if not url:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"scale-{args.interviews}.sqlite"
        url = f"sqlite:///{path}"
    if args.reuse:
        built = existing(url)
    else:
        if path is not None:
            path.unlink(missing_ok=True)
        log(f"building {args.interviews} interviews on {url.split('@')[-1]} …")
        built = build(url, args.interviews, args.big_needs)
        log(f"built in {built['build_s']:.0f} s")
    if not args.storage_only:
        jobs, counting_s = count_in_background(url)
        log(f"{jobs} count jobs run in {counting_s:.0f} s")
        measured = [] if args.skip_pages else pages(url, built["campaign_id"], args.runs)
        log("pages measured")
        run = analysis(url, built["campaign_id"], args.dense)
    visits, total, tables = storage(url, path)
    dialect = url.split(":", 1)[0]
    print(f"\n## bench/scale.py — {date.today()}, {dialect}, {visits} interviews "
          f"({visits * NEEDS_PER_INTERVIEW} needs), {built['campaigns']} campaigns with data, "
          f"big campaign {min(visits, -(-args.big_needs // 3)) * 3} needs")
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}, built in {built['build_s']:.0f} s "
          f"through sync_batch{' (earlier run)' if args.reuse else ''}\n")  # fmt: skip
    if not args.storage_only:
        print(head_note(jobs, counting_s))
        print_pages(measured, run, args.dense)
    print(f"\ndatabase: {total / 1e6:.1f} MB, {total / max(visits, 1):.0f} bytes per interview")
    if tables:
        print("\n| table (heap + TOAST) / index | MB | bytes per interview |")
        print("|---|---:|---:|")
    for name, size in tables.items():
        print(f"| {name} | {size / 1e6:.1f} | {size / max(visits, 1):.0f} |")


def head_note(jobs: int, counting_s: float) -> str:
    return (f"Counting in the background after the build (`reports.jobs`, as the app's worker "
            f"runs it): {jobs} jobs, {counting_s:.0f} s; the pages below find their counts "
            f"stored.\n")  # fmt: skip


def print_pages(measured: list[tuple[str, int, float, float, int]], run: dict[str, Any],
                dense: bool) -> None:
    """The pages' and the analysis run's rows of the table."""
    print("| what | SQL statements | first (ms) | median (ms) | HTML bytes |")
    print("|---|---:|---:|---:|---:|")
    for name, count, first_ms, median_ms, size in measured:
        print(f"| {name} | {count} | {first_ms:.0f} | {median_ms:.0f} | {size:,} |")
    encoder = "with" if dense else "without"
    print(f"| analysis run of the big campaign (fresh process: imports, app, run; {encoder} "
          f"the dense encoder) | | {run['process_s'] * 1000:.0f} | peak {run['peak_mb']:.0f} MB "
          f"| |")  # fmt: skip
    stages = ", ".join(f"{k} {v:.1f}" for k, v in run["timings"].items() if k != "total")
    print(f"| the run itself, as the app's worker spends it (load needs, cluster, name, store, "
          f"commit; {run['needs']} needs, k = {run['k']}, stability {run['stability']}) | | "
          f"{run['run_s'] * 1000:.0f} | s: {stages} | |")  # fmt: skip
    print(f"\nload average when the analysis started: "
          f"{' '.join(f'{x:.2f}' for x in run['load'])} (/proc/loadavg)")


if __name__ == "__main__":
    main()
