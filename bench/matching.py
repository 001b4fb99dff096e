"""Benchmark of matching (issue 13): suggestions for 10,000 needs × 2,000 resources; prints times.

Data: a SQLite database under bench/out/ (git-ignored), built once and reused: the migrations,
the gminas, the demo campaign, `researcher.demo.generator.generate_records(…, needs=3)`
interviews applied through `apply_record` (the sync path), and `--resources` active resources
of the demo gmina made by `researcher.resources.services.create` from a fixed seed (areas,
groups, localities, capacities and descriptions drawn from the needs' own vocabulary).

Timed (median of `--runs` runs after one warm-up run, which is reported too):

* `researcher.matching.services.match_campaign` — load the campaign's needs and the register
  from SQLite, count capacity in use, and rank the top 5 resources for every need;
* `analysis.matching.rank` alone on the loaded items;
* `researcher.matching.services.gap_table` — gaps per area × locality with capacity shared out.

Target: match_campaign < 2 s.

    .venv/bin/python bench/matching.py [--needs 10000] [--resources 2000] [--runs 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import fresh_demo_database  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGET_MS = 2000.0
NEEDS_PER_INTERVIEW = 3
KINDS = ("wolontariusz", "pomoc_sasiedzka", "bank_czasu", "organizacja", "instytucja", "usluga")


def make_app(database: Path):
    from researcher import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                       "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})


def build_database(database: Path, needs: int, resources: int, seed: int = 0) -> None:
    from forms.vocabulary import AREA_KEYS, TARGET_GROUPS
    from researcher.campaigns.models import Campaign
    from researcher.demo.generator import generate_records
    from researcher.extensions import db
    from researcher.gminas.models import Locality
    from researcher.interviews.models import Need
    from researcher.interviews.sync import apply_record
    from researcher.resources.services import ResourceInput, create

    with fresh_demo_database(database, make_app) as (demo, researcher):
        campaign_id = demo.campaign_id
        campaign = db.session.get(Campaign, campaign_id)
        localities = db.session.scalars(
            db.select(Locality.id).where(Locality.gmina_code == campaign.gmina_code)
        ).all()
        records = generate_records(-(-needs // NEEDS_PER_INTERVIEW), campaign_id=campaign_id,
                                   locality_ids=localities, seed=seed, needs=NEEDS_PER_INTERVIEW)
        for i, record in enumerate(records, 1):
            if apply_record(record, researcher, "bench-device", "bench").errors:
                raise SystemExit("record rejected")
            if i % 2000 == 0:
                db.session.commit()
                print(f"  {i} / {len(records)} interviews", file=sys.stderr)
        db.session.commit()
        texts = list(db.session.scalars(db.select(Need.description).limit(5000)))
        rng = random.Random(seed)
        groups = [g.key for g in TARGET_GROUPS]
        for i in range(resources):
            words = rng.choice(texts).split()
            create(ResourceInput(
                gmina_code=campaign.gmina_code, kind=rng.choice(KINDS), name=f"Zasób {i}",
                description=" ".join(rng.sample(words, min(len(words), 12))),
                areas=rng.sample(AREA_KEYS, rng.choice((1, 1, 2))),
                target_groups=rng.sample(groups, rng.choice((0, 1, 2))),
                locality_ids=rng.sample(list(localities), rng.choice((0, 0, 1, 2))),
                capacity_per_month=rng.choice((None, 2, 5, 10, 20)),
            ), None)
        db.session.commit()


def timed(function, runs: int) -> tuple[float, float, float]:
    """(first run, median wall time, median CPU time of this process), in milliseconds.

    The CPU time says what the work costs when the machine is shared (wall time then grows
    with the load average; on an idle machine the two are close)."""
    start = time.perf_counter()
    function()
    first = (time.perf_counter() - start) * 1000
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return first, statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--resources", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    database = OUT / f"matching-{args.needs}-{args.resources}.sqlite"
    if args.rebuild or not database.exists():
        print(f"building {database.name} …", file=sys.stderr)
        build_database(database, args.needs, args.resources)

    from analysis.matching import rank
    from researcher.campaigns.models import Campaign
    from researcher.extensions import db
    from researcher.matching import services

    app = make_app(database)
    with app.app_context():
        campaign = db.session.scalar(db.select(Campaign))
        resources, used = services._register(campaign.gmina_code)
        needs = services.campaign_need_items(campaign)
        items = [services.resource_item(r, used) for r in resources]
        print(f"{len(needs)} needs × {len(items)} resources, SQLite, "
              f"Python {platform.python_version()}, {platform.machine()}")
        rows = [
            ("match_campaign (load + rank top 5)", lambda: services.match_campaign(campaign),
             TARGET_MS),
            ("analysis.matching.rank alone", lambda: rank(needs, items, top=5), None),
            ("gap_table (gaps, capacity shared)", lambda: services.gap_table(campaign), None),
        ]
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"{'':40} {'first ms':>9} {'median ms':>10} {'CPU ms':>8}  target (median)")
        for name, function, target in rows:
            db.session.expire_all()
            first, median, cpu = timed(function, args.runs)
            verdict = "" if target is None else ("OK" if median < target else "ZA WOLNO")
            shown = "" if target is None else f"< {target:.0f} ms {verdict}"
            print(f"{name:40} {first:9.0f} {median:10.0f} {cpu:8.0f}  {shown}")


if __name__ == "__main__":
    main()
