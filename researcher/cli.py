"""`flask` commands: thin wrappers over the services."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click
from flask import Flask, current_app

from researcher.auth.models import ROLES
from researcher.auth.services import AccountError, create_user
from researcher.campaigns.models import Campaign
from researcher.database_backup import (
    KEYS_REMINDER,
    BackupCheck,
    BackupFailed,
    check_backup,
    create_backup,
)
from researcher.demo.services import DEMO_VISITS, DemoError, seed_demo
from researcher.exports.cli import export
from researcher.extensions import db
from researcher.gminas.services import TERC_FILE, load_gminas
from researcher.jobs.cli import jobs
from researcher.reports.jobs import run_counts
from researcher.reports.rollups import Scope, refresh
from researcher.retention.cli import retention

users = click.Group("users", help="Konta użytkowników.")
backup = click.Group("backup", help="Kopie zapasowe bazy danych.")
gminas = click.Group("gminas", help="Gminy z urzędowego wykazu TERC.")
reports = click.Group("reports", help="Liczby do zestawień.")


@reports.command("rollups")
def reports_rollups() -> None:
    """Bring the counts across campaigns up to date (after a bulk import, or from cron), so
    the first view of /panel/kampanie need not count every campaign."""
    recounted = refresh(Scope()).recounted
    click.echo(f"Kampanie przeliczone: {recounted}.")


@reports.command("count")
def reports_count() -> None:
    """Count every campaign now, as the job a sync queues does (after a restore, or after a
    migration emptied the kept counts), so no manager waits for the first count."""
    ids = db.session.scalars(db.select(Campaign.id).order_by(Campaign.id)).all()
    for done, campaign_id in enumerate(ids, start=1):
        run_counts({"campaign_id": campaign_id}, lambda percent: None)
        db.session.commit()
        if done % 100 == 0 or done == len(ids):
            click.echo(f"Kampanie policzone: {done} z {len(ids)}.")


def _read_password() -> str:
    # Interactive: hidden prompt with confirmation; piped (scripts, CI): first line of stdin.
    if sys.stdin.isatty():
        return click.prompt("Hasło", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\n")


@users.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", default="", help="Imię i nazwisko.")
def users_create(email: str, role: str, name: str) -> None:
    """Create an account; the password comes from a prompt or from stdin."""
    password = _read_password()
    try:
        user = create_user(email, role, password, name)
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Utworzono konto {user.email} (rola: {user.role}).")


@gminas.command("load")
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=TERC_FILE,
    show_default=True,
)
def gminas_load(path: Path) -> None:
    """Load or refresh the gminas from a TERC CSV (idempotent)."""
    report = load_gminas(path)
    db.session.commit()
    click.echo(
        f"Gminy: {report.total} w pliku; nowe {report.created}, zmienione {report.updated}, "
        f"bez zmian {report.unchanged}."
    )


@click.command("seed-demo")
@click.option("--visits", default=DEMO_VISITS, show_default=True,
              help="Ile wizyt demo utworzyć, gdy kampania demo nie ma jeszcze wizyt (0: żadnych).")
def seed_demo_command(visits: int) -> None:
    """Create the demo gmina localities, campaign, accounts and visits (keeps existing data)."""
    try:
        report = seed_demo(visits=visits)
    except DemoError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Kampania demo: id {report.campaign_id}.")
    if report.visits_created:
        click.echo(f"Wizyty demo: utworzono {report.visits_created} (przez usługę synchronizacji).")
    else:
        click.echo("Wizyty demo: nic nie dodano (kampania ma już wizyty albo --visits 0).")
    if report.channels_added:
        click.echo("Spotkanie, potrzeby z importu (telefon, media społecznościowe), cytaty i "
                   "rekomendacje demo: dodano.")
    if report.resources_created or report.followups_created:
        click.echo(f"Zasoby demo: {report.resources_created}; "
                   f"sprawy do kontaktu demo: {report.followups_created}.")
    if report.steering_added:
        click.echo("Przydziały, cele miejscowości i jedno pytanie „do wyjaśnienia” demo: dodano.")
    if report.new_passwords:
        click.echo("Konta demo (hasła pokazywane tylko teraz):")
        for email, password in report.new_passwords.items():
            click.echo(f"  {email}  hasło: {password}")
        _remember_demo_passwords(report.new_passwords)
    for email in report.existing_accounts:
        click.echo(f"  {email}  (konto już istnieje; hasło bez zmian)")


def _remember_demo_passwords(passwords: dict[str, str]) -> None:
    # Kept beside the SQLite file (never committed) so a second `make run` can remind the user.
    path = Path(
        current_app.config.get("DEMO_ACCOUNTS_FILE")
        or Path(current_app.instance_path) / "demo-accounts.txt"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        for email, password in passwords.items():
            handle.write(f"{email}\t{password}\n")
    path.chmod(0o600)
    click.echo(f"Hasła zapisano też w {path}.")


def _describe(check: BackupCheck) -> str:
    counts = ", ".join(f"{table}: {n}" for table, n in check.counts.items())
    revision = f"; schemat {check.schema_revision}" if check.schema_revision else ""
    return f"{check.path} ({check.kind}{revision}) {counts}".rstrip()


def _backup_step(step: Callable[[Path], BackupCheck], path: Path, done: str) -> None:
    # Both backup commands: a failure is a clean command-line error, success says what it holds.
    try:
        check = step(path)
    except BackupFailed as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{done}: {_describe(check)}")
    click.echo(KEYS_REMINDER)


@backup.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_create(path: Path) -> None:
    """Write a consistent copy of the database to PATH (while the app runs)."""
    _backup_step(create_backup, path, "Kopia zapisana")


@backup.command("check")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_check(path: Path) -> None:
    """Check that PATH is a readable backup and show what it holds."""
    _backup_step(check_backup, path, "Kopia poprawna")


def register_cli(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(backup)
    app.cli.add_command(gminas)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(export)
    app.cli.add_command(retention)
    app.cli.add_command(jobs)
    app.cli.add_command(reports)
