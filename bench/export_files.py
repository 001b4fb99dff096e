"""Benchmark of the full diagnosis export for the gmina (issue 5, item 8); prints figures.

Builds a fresh SQLite database in a temporary directory (migrations, gminas, demo campaign)
and fills it with visits from `researcher.demo.generator` (a realistic mix of outcomes) until
the campaign holds `--needs` needs (default 100,000), inserted in bulk; adds a finished
analysis run with 40 themes and a 12-row service card whose rows stand on up to 3,000 needs
each. Then, each in a fresh process so that its peak memory (ru_maxrss) is its own, runs
the export exactly as `flask export diagnosis` does (ExportJob + its job, run in this process) for:

* the full export: XLSX then DOCX, variant CUS, and again variant OPS;
* each other format once (PDF, CSV, JSON), for information.

Targets: full export (XLSX + DOCX) < 20 s, peak memory < 500 MB.

    .venv/bin/python bench/export_files.py [--needs 100000] [--keep DIR]

`--measure DB --campaign ID --variant cus|ops --formats xlsx,docx` measures one process on an
existing database and prints JSON: bench/exports.py uses it for its "full export" section on
its own 100,000-need database. Never run by `make test` (not under tests/). Needs no network
and nothing outside the repo.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import demo_database  # noqa: E402

TARGET_SECONDS = 20.0
TARGET_MB = 500.0
BATCH = 5000


def _app(database: Path):
    from researcher import create_app

    return create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": "bench",
         "EXPORTS_DIR": str(database.parent / "exports")}
    )  # fmt: skip


def populate(database: Path, needs: int, seed: int = 0) -> dict[str, Any]:
    """A fresh database with the demo campaign, `needs` needs, themes and a service card."""
    from sqlalchemy import insert

    from researcher.auth.models import User
    from researcher.card.models import ServiceCard, ServiceCardRow, card_row_needs
    from researcher.demo.generator import generate_records
    from researcher.extensions import db
    from researcher.gminas.models import Locality
    from researcher.interviews.models import Need, Visit
    from researcher.themes.models import AnalysisRun, Theme

    app = _app(database)
    started = time.perf_counter()
    with app.app_context():
        demo, researcher = demo_database()
        campaign_id = demo.campaign_id
        manager = db.session.scalar(db.select(User).where(User.role == "manager"))
        localities = db.session.scalars(db.select(Locality.id).order_by(Locality.id)).all()
        visit_id = need_count = visit_count = batch = 0
        while need_count < needs:
            records = generate_records(
                BATCH, campaign_id=campaign_id, locality_ids=localities, seed=seed + batch
            )
            batch += 1
            visits, rows = [], []
            for record in records:
                visit_id += 1
                visit, its_needs = _rows(record, visit_id, researcher.id)
                visits.append(visit)
                rows.extend(its_needs[: needs - need_count - len(rows)])
            db.session.execute(insert(Visit), visits)
            if rows:
                db.session.execute(insert(Need), rows)
            db.session.commit()
            visit_count += len(visits)
            need_count += len(rows)
        run = AnalysisRun(campaign_id=campaign_id, created_by_id=manager.id, status="gotowa")
        run.themes = [
            Theme(number=i, label=f"temat {i}", name=f"Temat potrzeb nr {i}",
                  size=max(2, need_count // (i + 2) // 8))
            for i in range(40)
        ]  # fmt: skip
        card = ServiceCard(
            campaign_id=campaign_id, title="Karta usług i kryteriów dostępu",
            prepared_on=datetime(2026, 4, 30).date(), prepared_by_name="Piotr Wiśniewski",
            created_by_id=manager.id,
        )  # fmt: skip
        areas = [a for (a,) in db.session.execute(db.select(Need.area).distinct().limit(12))]
        card.rows = [
            ServiceCardRow(position=i + 1, name=f"Usługa w obszarze {area}", area=area,
                           offered=i % 2 == 0, new=i % 2 == 1, criterion="powszechnosc",
                           target_groups=["ogol"], provider="ngo_pes")
            for i, area in enumerate(areas)
        ]  # fmt: skip
        db.session.add_all([run, card])
        db.session.flush()
        for row in card.rows:
            ids = db.session.scalars(
                db.select(Need.id).where(Need.area == row.area).limit(3000)
            ).all()
            links = [{"row_id": row.id, "need_id": i} for i in ids]
            db.session.execute(insert(card_row_needs), links)
        db.session.commit()
    return {
        "campaign_id": campaign_id,
        "visits": visit_count,
        "needs": need_count,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _rows(record: dict[str, Any], visit_id: int, researcher_id: int):
    """The visit and need rows the sync service would store for `record` (no validation)."""
    from forms.vocabulary import AREAS_BY_KEY, SENSITIVE_GROUP_KEYS

    data = dict(record["data"])
    data.pop("contact", None)
    when = datetime.fromisoformat(record["recorded_at"]).astimezone(UTC).replace(tzinfo=None)
    interview = (
        data["visit_outcome"] in ("zrealizowany", "przerwany")
        and data.get("consent_interview") == "tak"
        and data.get("adult") == "tak"
    )
    visit = {
        "id": visit_id, "uuid": record["uuid"], "revision": 1, "form_version": "2026.1",
        "content_hash": uuid.uuid4().hex * 2, "recorded_at": when, "researcher_id": researcher_id,
        "device_id": "bench", "campaign_id": data["campaign_id"],
        "locality_id": data.get("locality_id"), "visit_outcome": data["visit_outcome"],
        "is_interview": interview, "consent_health": data.get("consent_health") == "tak",
        "contact_requested": bool(data.get("contact_requested")),
        "respondent_code": data.get("respondent_code"), "data": data,
    }  # fmt: skip
    needs = []
    for position, answers in enumerate(data.get("needs") or [], start=1):
        area = AREAS_BY_KEY.get(answers.get("area", ""))
        groups = list(answers.get("target_groups") or [])
        needs.append({
            "visit_id": visit_id, "position": position, "campaign_id": data["campaign_id"],
            "locality_id": data.get("locality_id"), "researcher_id": researcher_id,
            "description": answers.get("description", ""), "area": answers.get("area", ""),
            "service_type": answers.get("service_type"), "beneficiary": answers["beneficiary"],
            "target_groups": groups, "urgency": answers["urgency"],
            "met_status": answers["met_status"], "met_by": answers.get("met_by") or [],
            "barriers": answers.get("barriers") or [],
            "preferred_forms": answers.get("preferred_forms") or [],
            "frequency": answers.get("frequency"), "access_view": answers.get("access_view"),
            "sensitive": bool(area and area.health_related)
            or bool(SENSITIVE_GROUP_KEYS & set(groups)),
            "consent_art9": visit["consent_health"], "recorded_at": when, "status": "nowa",
        })  # fmt: skip
    return visit, needs


def measure(database: Path, campaign_id: int, variant: str, formats: list[str]) -> dict[str, Any]:
    """In this process: export `formats` one after another, as the CLI does; time and memory."""
    from researcher.exports import services
    from researcher.exports.models import ExportJob, ExportStatus
    from researcher.extensions import db
    from researcher.jobs.worker import run_now

    app = _app(database)
    timings: dict[str, float] = {}
    sizes: dict[str, int] = {}
    started = time.perf_counter()
    cpu = time.process_time()
    with app.app_context():
        for fmt in formats:
            t = time.perf_counter()
            job = services.create_job("diagnosis", campaign_id, fmt, variant, None, app.config)
            run_now(services.enqueue(job))
            job = db.session.get(ExportJob, job.id, populate_existing=True)
            if job.status != ExportStatus.READY:
                raise SystemExit(f"export failed: {job.error}")
            timings[fmt] = round(time.perf_counter() - t, 2)
            sizes[fmt] = services.job_path(app, job).stat().st_size
    return {
        "variant": variant,
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "per_format": timings,
        "bytes": sizes,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _child(database: Path, campaign_id: int, variant: str, formats: list[str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", str(database), "--campaign",
               str(campaign_id), "--variant", variant, "--formats", ",".join(formats)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the database in DIR and keep it")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--campaign", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="cus", help=argparse.SUPPRESS)
    parser.add_argument("--formats", default="xlsx,docx", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        figures = measure(args.measure, args.campaign, args.variant, args.formats.split(","))
        print(json.dumps(figures))
        return
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        database = folder / "bench.sqlite"
        data = populate(database, args.needs)
        print(f"Database: {data['visits']} visits, {data['needs']} needs ({data['seconds']} s).")
        print("\nFull export (XLSX + DOCX), each run in a fresh process:")
        print(
            f"{'variant':8} {'total s':>8} {'cpu s':>6} {'xlsx s':>7} {'docx s':>7} {'peak MB':>8}"
        )
        for variant in ("cus", "ops"):
            f = _child(database, data["campaign_id"], variant, ["xlsx", "docx"])
            ok = f["seconds"] < TARGET_SECONDS and f["peak_mb"] < TARGET_MB
            print(
                f"{variant:8} {f['seconds']:8.2f} {f['cpu_seconds']:6.2f} "
                f"{f['per_format']['xlsx']:7.2f} {f['per_format']['docx']:7.2f} "
                f"{f['peak_mb']:8.1f}  {'OK' if ok else 'OVER TARGET'}"
            )
        print(f"(targets: < {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MB)")
        print("\nOther formats (variant CUS), one process each:")
        for fmt in ("pdf", "csv", "json"):
            f = _child(database, data["campaign_id"], "cus", [fmt])
            print(
                f"{fmt:5} {f['seconds']:6.2f} s  peak {f['peak_mb']:6.1f} MB  {f['bytes'][fmt]} B"
            )


if __name__ == "__main__":
    main()
