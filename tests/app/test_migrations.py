"""Migrations: one head, an empty database upgrades, and the models match them."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import JSON, bindparam, inspect

from researcher.extensions import db
from researcher.gminas.services import load_gminas
from tests.interviews.conftest import demo, interview  # noqa: F401  (fixtures)


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


def test_migrating_masks_personal_data_already_stored_in_free_text(demo, interview):  # noqa: F811
    from researcher.auth.models import User
    from researcher.interviews.models import Need, QuarantinedRecord, Visit, VisitVersion
    from researcher.interviews.sync import apply_record

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    researcher_id = researcher.id
    record = interview()
    assert not apply_record(record, researcher, "device", "batch").errors
    db.session.commit()
    db.session.remove()
    downgrade(revision="fca6cf6ef803")  # before masking at ingestion: store text as it came
    secret = "Dzwonić 601 234 567, PESEL 44051401359"
    # The models already have this revision's columns: write with plain SQL.
    run = db.session.execute

    def sql(statement: str):
        return db.text(statement).bindparams(bindparam("d", type_=JSON))

    data = run(db.select(db.column("data", JSON)).select_from(db.table("visits"))).scalar()
    run(sql("UPDATE visits SET data = :d"), {"d": {**data, "areas_other": secret}})
    run(db.text("UPDATE needs SET description = :s, service_type = 'opieka 601234567' "
                "WHERE position = 1"), {"s": secret})
    run(sql("INSERT INTO visit_versions (visit_uuid, revision, kind, form_version, "
            "content_hash, recorded_at, data, researcher_id, stored_at) SELECT uuid, 1, "
            "'replaced', form_version, 'x', recorded_at, :d, researcher_id, recorded_at "
            "FROM visits"), {"d": {"researcher_note": secret}})
    run(sql("INSERT INTO quarantine (received_at, researcher_id, source, payload, errors, "
            "status) VALUES (CURRENT_TIMESTAMP, :r, 'sync', :d, '{}', 'nowy')"),
        {"r": researcher_id, "d": {"data": {"x": secret}}})
    db.session.commit()
    db.session.remove()
    upgrade()
    masked = "Dzwonić [TELEFON], PESEL [PESEL]"
    assert db.session.scalar(db.select(Visit.data))["areas_other"] == masked
    need = db.session.scalar(db.select(Need).where(Need.position == 1))
    assert (need.description, need.service_type) == (masked, "opieka [TELEFON]")
    assert db.session.scalar(db.select(VisitVersion.data))["researcher_note"] == masked
    assert db.session.scalar(db.select(QuarantinedRecord.payload))["data"]["x"] == masked
