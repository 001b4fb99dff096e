"""What several benchmarks share: the demo database they start from, and a wall-clock timer.

Imported as `bench.harness` by scripts that put the project root on sys.path (they all do).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def demo_database() -> tuple[Any, Any]:
    """In an app context on an empty database: migrate, load the gminas, seed the demo and
    commit. (the demo's DemoReport, its researcher account)."""
    from flask_migrate import upgrade

    from researcher.auth.models import User
    from researcher.demo.services import seed_demo
    from researcher.extensions import db
    from researcher.gminas.services import load_gminas

    upgrade()
    load_gminas()
    demo = seed_demo()
    db.session.commit()
    return demo, db.session.scalar(db.select(User).where(User.role == "researcher"))


@contextmanager
def fresh_demo_database(
    database: Path, make_app: Callable[[Path], Any]
) -> Iterator[tuple[Any, Any]]:
    """Build `database` anew with the demo seeded: the block fills it in an app context, given
    (the DemoReport, its researcher). It is built as `….partial` and renamed when the block
    ends, so an interrupted build is never taken for a finished one."""
    from researcher.extensions import db

    database.parent.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    partial = database.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    app = make_app(partial)
    with app.app_context():
        yield demo_database()
        db.session.remove()
        db.engine.dispose()
    partial.rename(database)


def timed(function: Callable[[], Any], runs: int) -> tuple[float, float]:
    """(first run, median of `runs` further runs), in milliseconds."""
    start = time.perf_counter()
    function()
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(samples)
