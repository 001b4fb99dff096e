"""Migrations: one head, an empty database upgrades, and the models match them."""

from datetime import datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from researcher.extensions import db, include_in_autogenerate
from researcher.gminas.services import load_gminas
from tests.interviews.conftest import demo, interview  # noqa: F401  (fixtures)


def test_migrations_have_a_single_head(app_context):
    config = app_context.extensions["migrate"].migrate.get_config()
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_models_match_the_migrations(app_context):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True,
                  "include_object": include_in_autogenerate},
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


def test_migrating_a_database_with_interviews_keeps_every_need(demo, interview):  # noqa: F811
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


def test_migration_seals_contact_data_kept_in_the_quarantine_and_versions(demo):  # noqa: F811
    from sqlalchemy import text

    from researcher.auth.models import User
    from researcher.interviews.contacts import unseal_record
    from researcher.interviews.models import QuarantinedRecord, VisitVersion

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    contact = {"name": "Halina", "phone_or_email": "601234567"}
    db.session.remove()
    downgrade(revision="fca6cf6ef803")
    with db.engine.begin() as connection:  # as an older version stored them: in clear
        connection.execute(QuarantinedRecord.__table__.insert().values(
            researcher_id=researcher.id, source="sync", status="nowy", errors={},
            received_at=datetime(2026, 5, 1),
            payload={"uuid": "u", "data": {"contact": contact, "adult": "tak"}}))
        connection.execute(VisitVersion.__table__.insert().values(
            visit_uuid="u", revision=2, kind="conflict", form_version="2026.1",
            content_hash="0" * 64, recorded_at=datetime(2026, 5, 1), researcher_id=researcher.id,
            stored_at=datetime(2026, 5, 1), data={"contact": contact, "adult": "tak"}))
    upgrade()
    for table, column in (("quarantine", "payload"), ("visit_versions", "data")):
        stored = " ".join(str(v) for v in db.session.execute(
            text(f"SELECT {column} FROM {table}")).scalars())
        assert "Halina" not in stored and "601234567" not in stored
    payload = db.session.scalar(db.select(QuarantinedRecord.payload))
    assert unseal_record(payload)["data"]["contact"] == contact
