"""Where the server's time goes in a sync: in-process, on SQLite, no HTTP; prints figures.

CPU per interview of each step alone (JSON, validation and its parts, content hash, the
whole `sync_batch` for new and for unchanged records, with the garbage collector on and paused
as the API does), SQL statements per new interview, and cProfile of `sync_batch` with the top
functions. Companion of `bench/sync.py`, with the same generated interviews (three needs
each). Never run by `make test`.

    .venv/bin/python bench/sync_profile.py [--interviews 2000] [--batch 500]
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import demo_database  # noqa: E402
from researcher.demo.generator import generate_records  # noqa: E402


def batch_body(records: list[dict[str, Any]], device_id: str) -> bytes:
    payload = {"device_id": device_id, "batch_id": str(uuid.uuid4()), "records": records}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _cpu_ms(label: str, n: int, step: Any) -> None:
    t0 = time.process_time()
    step()
    print(f"{label:52} {(time.process_time() - t0) / n * 1000:8.3f}")


def profile(args: argparse.Namespace) -> None:
    """In-process, SQLite: CPU of each step of a sync alone, SQL statements per interview, and
    cProfile of `sync_batch` (top functions)."""
    import cProfile
    import pstats

    from sqlalchemy import event

    from forms.questionnaire import get_questionnaire
    from forms.rules import check_answers
    from forms.schema import (
        pii_warnings,
        record_data_schema,
        sync_record_schema,
        validate_sync_record,
    )
    from researcher import create_app
    from researcher.extensions import db
    from researcher.gminas.models import Locality
    from researcher.interviews.sync import content_hash, gc_paused, sync_batch

    tmp = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    url = args.database_url or f"sqlite:///{tmp / 'profile.sqlite'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "CONTACT_KEY":
                      "Y" * 43 + "=", "DEMO_ACCOUNTS_FILE": str(tmp / "demo.txt")})
    n, size = args.interviews, args.batch
    with app.app_context():
        demo, user = demo_database()
        campaign_id = demo.campaign_id
        ids = list(db.session.scalars(db.select(Locality.id).order_by(Locality.id)))

        def make(seed: int) -> list[dict[str, Any]]:
            return generate_records(n, campaign_id=campaign_id, locality_ids=ids, seed=seed,
                                    needs=3)

        def batches(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{"device_id": str(uuid.uuid4()), "batch_id": str(uuid.uuid4()),
                     "records": records[i:i + size]} for i in range(0, n, size)]

        records = make(1)
        schema = record_data_schema("2026.1")
        questionnaire = get_questionnaire("2026.1")
        bodies = [batch_body(records[i:i + size], "d") for i in range(0, n, size)]
        print(f"\n## CPU per interview ({n} interviews x 3 needs), ms, each step alone")
        _cpu_ms("json.loads of the request bodies, GC on", n,
                lambda: [json.loads(b) for b in bodies])

        def parse_paused() -> None:
            with gc_paused():  # as `POST /api/v1/sync` parses
                for body in bodies:
                    json.loads(body)

        _cpu_ms("json.loads of the request bodies, GC paused", n, parse_paused)
        _cpu_ms("validate_sync_record, all of it", n,
                lambda: [validate_sync_record(r) for r in records])
        _cpu_ms("  envelope: sync_record_schema.load", n,
                lambda: [sync_record_schema.load(r) for r in records])
        _cpu_ms("  data: record_data_schema.load (fields + rules)", n,
                lambda: [schema.load(r["data"]) for r in records])
        _cpu_ms("    of which rules: check_answers", n,
                lambda: [check_answers(questionnaire, r["data"]) for r in records])
        _cpu_ms("  pii_warnings", n, lambda: [pii_warnings(r["data"]) for r in records])
        _cpu_ms("content_hash", n, lambda: [content_hash(r) for r in records])

        def paused(payloads: list[dict[str, Any]]) -> None:
            for payload in payloads:
                with gc_paused():  # as `POST /api/v1/sync` does
                    sync_batch(payload, user)

        _cpu_ms("sync_batch, everything (new records), GC on", n,
                lambda: [sync_batch(p, user) for p in batches(records)])
        _cpu_ms("sync_batch, the same records again (unchanged)", n,
                lambda: [sync_batch(p, user) for p in batches(records)])
        fresh = batches(make(3))
        _cpu_ms("sync_batch, new records, GC paused as in the API", n, lambda: paused(fresh))
        statements: Counter[str] = Counter()
        event.listen(db.engine, "before_cursor_execute",
                     lambda *a: statements.update([a[2].split(None, 1)[0].upper()]))
        payloads = batches(make(2))
        # Wall-clock timer: reading the CPU clock costs about a microsecond per call in a VM,
        # which would inflate the call-heavy parts (validation) several times.
        profiler = cProfile.Profile()
        profiler.enable()
        paused(payloads)
        profiler.disable()
        print("SQL statements per new interview: " + ", ".join(
            f"{k} {v / n:.2f}" for k, v in statements.most_common()))
        for order, limit in (("tottime", 30), ("cumulative", 45)):
            print(f"\n## cProfile of sync_batch ({n} new interviews): top by {order}")
            pstats.Stats(profiler, stream=sys.stdout).sort_stats(order).print_stats(limit)
        db.session.remove()
        db.engine.dispose()
    shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--database-url", help="an EMPTY database (default: SQLite in /tmp)")
    args = parser.parse_args()
    print("$ " + " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]))
    profile(args)


if __name__ == "__main__":
    main()
