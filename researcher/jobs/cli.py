"""`flask jobs work`: a job worker process, for one more machine or a web tier without threads.

    flask jobs work            # run jobs until stopped (Ctrl-C, SIGTERM)
    flask jobs work --once     # run what is waiting, then exit (cron, tests)
"""

from __future__ import annotations

import signal
import threading

import click
from flask import current_app

from researcher.jobs.worker import work

jobs = click.Group("jobs", help="Zadania w tle: analizy, eksporty.")


@jobs.command("work")
@click.option("--once", is_flag=True, help="Wykonaj oczekujące zadania i zakończ.")
def work_command(once: bool) -> None:
    """Claim and run jobs; safe to start on many hosts against one PostgreSQL database."""
    stop = threading.Event()
    # SIGTERM (systemd, docker stop) ends the loop after the current job instead of mid-way.
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    poll = current_app.config["JOBS_POLL_SECONDS"]
    try:
        done = work(stop=stop, once=once, poll=poll)
    except KeyboardInterrupt:
        done = 0
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo(f"Wykonano zadań: {done}.")
