"""`flask export …`: the gmina exports from the command line, for automation.

    flask export diagnosis --campaign 1 --variant ops --format xlsx --output diagnoza.xlsx
    flask export card --campaign 1 --format pdf --output karta.pdf

Each run is logged as an ExportJob with no user, like an export from the web page, and
built by this process as a job of `researcher.jobs`.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from researcher.exports import services
from researcher.exports.card import CARD_FORMATS
from researcher.exports.models import ExportJob, ExportStatus
from researcher.extensions import db
from researcher.interviews.models import Channel
from researcher.jobs.worker import run_now

export = click.Group("export", help="Eksporty dla gminy: diagnoza i karta usług.")

OUTPUT = click.Path(dir_okay=False, writable=True, path_type=Path)


def _run(kind: str, campaign: int, fmt: str, variant: str | None, output: Path, **params) -> None:
    try:
        job = services.create_job(kind, campaign, fmt, variant, None, current_app.config, params)
    except services.ExportError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    run_now(services.enqueue(job, output))  # this process builds it, whatever JOBS_WORKER says
    job = db.session.get(ExportJob, job.id, populate_existing=True)
    if job.status != ExportStatus.READY:
        raise click.ClickException(f"Eksport nr {job.id} nie powiódł się: {job.error}")
    click.echo(f"Eksport nr {job.id} (k = {job.k}) zapisano w {output}.")


@export.command("diagnosis")
@click.option("--campaign", type=int, required=True, help="Id kampanii (demo: 1).")
@click.option("--variant", type=click.Choice(services.VARIANTS), default="cus", show_default=True)
@click.option("--format", "fmt", type=click.Choice(services.FORMATS["diagnosis"]), required=True)
@click.option("--output", type=OUTPUT, required=True, help="Ścieżka pliku wynikowego.")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), default=None,
              help="Tylko potrzeby z jednego kanału (domyślnie wszystkie).")  # fmt: skip
def diagnosis(campaign: int, variant: str, fmt: str, output: Path, channel: str | None) -> None:
    """The NGO's contribution to the gmina's diagnosis, in variant CUS or OPS."""
    _run("diagnosis", campaign, fmt, variant, output, **({"channel": channel} if channel else {}))


@export.command("card")
@click.option("--campaign", type=int, required=True, help="Id kampanii (demo: 1).")
@click.option("--format", "fmt", type=click.Choice(CARD_FORMATS), required=True)
@click.option("--output", type=OUTPUT, required=True, help="Ścieżka pliku wynikowego.")
@click.option("--card", "card_id", type=int, default=None, help="Id karty (domyślnie najnowsza).")
def card(campaign: int, fmt: str, output: Path, card_id: int | None) -> None:
    """The Karta usług i kryteriów dostępu of the campaign."""
    params = {"card_id": card_id} if card_id is not None else {}
    _run("card", campaign, fmt, None, output, **params)
