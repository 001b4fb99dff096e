"""`flask backup create` makes a consistent copy while the app runs; `flask backup check`
reads it; a restored copy holds every visit and need."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.models import Need, Visit
from researcher.interviews.sync import apply_record


@pytest.fixture
def synced(demo, interview):  # noqa: F811
    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    for _ in range(5):
        assert not apply_record(interview(), researcher, "device", "batch").errors
    db.session.commit()
    return {
        "visits": set(db.session.scalars(db.select(Visit.uuid))),
        "needs": db.session.scalar(db.select(db.func.count()).select_from(Need)),
    }


def _is_sqlite() -> bool:
    return db.engine.url.get_backend_name() == "sqlite"


@pytest.mark.sqlite
def test_backup_create_then_restore_finds_every_visit_and_need(app_context, synced, tmp_path):
    runner = app_context.test_cli_runner()
    path = tmp_path / "kopia.sqlite"
    result = runner.invoke(args=["backup", "create", str(path)])
    assert result.exit_code == 0, result.output
    assert "CONTACT_KEY" in result.output and "SECRET_KEY" in result.output
    restored = create_engine(f"sqlite:///{path}")
    with restored.connect() as connection:
        uuids = set(connection.execute(text("SELECT uuid FROM visits")).scalars())
        needs = connection.execute(text("SELECT count(*) FROM needs")).scalar_one()
    restored.dispose()
    assert uuids == synced["visits"] and needs == synced["needs"] == 15


@pytest.mark.postgresql
def test_backup_create_on_postgresql_writes_a_dump_pg_restore_can_read(
    app_context, synced, tmp_path
):
    runner = app_context.test_cli_runner()
    path = tmp_path / "kopia.dump"
    result = runner.invoke(args=["backup", "create", str(path)])
    assert result.exit_code == 0, result.output
    assert "pg_dump" in result.output and "CONTACT_KEY" in result.output


def test_backup_check_reports_what_the_copy_holds(app_context, synced, tmp_path):
    runner = app_context.test_cli_runner()
    path = tmp_path / ("kopia.sqlite" if _is_sqlite() else "kopia.dump")
    runner.invoke(args=["backup", "create", str(path)])
    result = runner.invoke(args=["backup", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "Kopia poprawna" in result.output
    if _is_sqlite():
        assert "visits: 5" in result.output and "needs: 15" in result.output


def test_backup_check_refuses_a_file_that_is_not_a_backup(app_context, tmp_path):
    path = tmp_path / "nie-kopia.sqlite"
    path.write_bytes(b"to nie jest baza danych" * 100)
    result = app_context.test_cli_runner().invoke(args=["backup", "check", str(path)])
    assert result.exit_code != 0
    assert "To nie jest kopia" in result.output
