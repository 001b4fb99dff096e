"""`flask retention run`: what is due (dry run by default) and, with --apply, its removal."""

from __future__ import annotations

import click
from flask import current_app

from researcher.extensions import db, utcnow
from researcher.retention.services import RULES, run_retention

retention = click.Group("retention", help="Usuwanie danych po okresie przechowywania.")

RULE_LABELS = {
    "contacts": "dane kontaktowe",
    "closed_followup_contacts": "dane kontaktowe po zamknięciu działań następczych",
    "visit_log": "dziennik wizyt (godziny, urządzenie, notatki)",
    "anonymised_interviews": "wywiady zamkniętych kampanii do anonimizacji",
    "export_files": "pliki eksportów",
    "quarantine": "kwarantanna",
    "access_log": "dziennik dostępu",
}


@retention.command("run")
@click.option("--apply", is_flag=True, help="Usuń naprawdę (bez tego: tylko pokaż).")
def run(apply: bool) -> None:
    """Show what the retention rules would remove; remove it with --apply."""
    result = run_retention(current_app.config, utcnow(), apply=apply, app=current_app)
    db.session.commit()
    click.echo("Usunięto:" if apply else "Do usunięcia (próba, nic nie zmieniono; --apply usuwa):")
    for rule in RULES:
        click.echo(f"  {RULE_LABELS[rule]}: {result.counts[rule]}")
