"""Migrations: one head, an empty database upgrades, and the models match them."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from researcher.extensions import db
from researcher.gminas.services import load_gminas


def test_migrations_have_a_single_head(app_context):
    config = app_context.extensions["migrate"].migrate.get_config()
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_models_match_the_migrations(app_context):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        assert compare_metadata(context, db.metadata) == []


def test_downgrade_to_empty_and_upgrade_again(app_context):
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {"users", "gminas", "localities", "campaigns", "campaign_researchers"} <= tables
    load_gminas()
    db.session.commit()


def test_migrating_a_database_with_interviews_keeps_every_need(demo, interview):
    from datetime import date

    from researcher.auth.models import User
    from researcher.interviews.models import Need
    from researcher.interviews.sync import apply_record

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    # 23:30 UTC on 31 May is 1 June in Poland: the day the migration must compute.
    record = interview(recorded_at="2026-05-31T23:30:00+00:00")
    assert not apply_record(record, researcher, "device", "batch").errors
    db.session.commit()
    db.session.remove()

    # Down past the revision that adds the day columns and up again: SQLite rebuilds the
    # tables of visits and needs, which must not cascade-delete the needs.
    downgrade(revision="9b9e52b57197")
    upgrade()
    days = db.session.execute(db.select(Need.recorded_on, Need.updated_at)).all()
    assert len(days) == 3
    assert {day for day, _ in days} == {date(2026, 6, 1)}
    assert all(updated is not None for _, updated in days)
