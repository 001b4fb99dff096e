"""Backups of the whole database that an NGO's admin can make while the app runs.

SQLite: the online backup API copies a consistent snapshot page by page while others keep
writing. PostgreSQL: `pg_dump --format=custom` (a consistent snapshot too), restored with
`pg_restore`. Either way the file is useless without the keys: contact data are encrypted with
CONTACT_KEY and sessions signed with SECRET_KEY — keep both with the backup, apart from it.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from researcher.extensions import db

#: Tables whose row counts a check reports (and a restore must show again).
COUNTED = ("visits", "needs", "contacts", "users", "campaigns")
KEYS_REMINDER = (
    "Przechowuj razem z kopią (osobno od niej) klucze CONTACT_KEY i SECRET_KEY "
    "(instance/contact_key, instance/secret_key): bez CONTACT_KEY dane kontaktowe są nie do "
    "odczytania."
)


class BackupFailed(Exception):
    """The backup could not be made or read; the message is for the admin."""


@dataclass
class BackupCheck:
    path: Path
    kind: str  # "sqlite" | "pg_dump"
    schema_revision: str | None
    counts: dict[str, int] = field(default_factory=dict)


def create_backup(target: Path) -> BackupCheck:
    """Write a consistent copy of the app's database to `target` and check it."""
    url = db.engine.url
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database)
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise BackupFailed("Brak programu pg_dump (pakiet postgresql-client).")
        plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        done = subprocess.run([pg_dump, "--format=custom", "--file", str(target), plain],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupFailed(f"pg_dump: {done.stderr.strip()}")
    else:
        raise BackupFailed(f"Nieobsługiwana baza: {url.get_backend_name()}.")
    return check_backup(target)


def check_backup(path: Path) -> BackupCheck:
    """Open a backup file and report what it holds; raises BackupFailed when unreadable."""
    if not path.is_file():
        raise BackupFailed(f"Nie ma pliku {path}.")
    if path.read_bytes()[:5] == b"PGDMP":
        return _check_pg_dump(path)
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            status = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise BackupFailed(f"Plik uszkodzony: {status}")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in COUNTED}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupFailed(f"To nie jest kopia bazy Rekonesansu: {error}") from None
    return BackupCheck(path, "sqlite", revision[0] if revision else None, counts)


def _check_pg_dump(path: Path) -> BackupCheck:
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise BackupFailed("Brak programu pg_restore (pakiet postgresql-client).")
    listed = subprocess.run([pg_restore, "--list", str(path)], capture_output=True, text=True)
    if listed.returncode != 0:
        raise BackupFailed(f"pg_restore: {listed.stderr.strip()}")
    tables = {line.split()[-2] for line in listed.stdout.splitlines() if " TABLE DATA " in line}
    missing = [t for t in COUNTED if t not in tables]
    if missing:
        raise BackupFailed(f"W kopii brak danych tabel: {', '.join(missing)}.")
    return BackupCheck(path, "pg_dump", None, {})
