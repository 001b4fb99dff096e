"""Migrations: one head, an empty database upgrades, and the models match them."""

import json
from datetime import datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import JSON, bindparam, inspect

from researcher.extensions import db, include_in_autogenerate
from researcher.gminas.services import load_gminas


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


def test_channel_migration_keeps_every_existing_need_as_a_visit(demo, interview):  # noqa: F811
    from researcher.auth.models import User
    from researcher.interviews.models import Need
    from researcher.interviews.sync import apply_record

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    assert not apply_record(interview(), researcher, "device", "batch").errors
    db.session.commit()
    before = db.session.execute(db.select(Need.id, Need.visit_id).order_by(Need.id)).all()
    db.session.remove()

    downgrade(revision="a1c3e5f7b901")  # before needs had a channel
    upgrade()
    after = db.session.execute(
        db.select(Need.id, Need.visit_id, Need.channel).order_by(Need.id)
    ).all()
    assert [(i, v) for i, v, _ in after] == [tuple(row) for row in before]
    assert len(after) == 3 and {channel for *_, channel in after} == {"wizyta"}
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


def test_needs_stored_once_moves_the_needs_out_of_the_visit_data_and_back(demo, interview):
    """cf36fa8fd7ef: down, every visit's data holds its needs (D5.inna too) and the answers
    copied to columns; up, only needs that are their rows exactly leave `data` (a visit whose
    rows differ keeps its list), and the copies of columns."""
    from sqlalchemy import text

    from researcher.auth.models import User
    from researcher.interviews.answers import visit_answers
    from researcher.interviews.models import Visit
    from researcher.interviews.sync import apply_record

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    same, differs = interview(), interview()
    for record in (same, differs):
        record["data"]["needs"][1]["target_groups"] = ["dzieci", "inna"]
        record["data"]["needs"][1]["target_groups_other"] = "dzieci z gospodarstw"
        assert apply_record(record, researcher, "device", "batch").status == "created"
    db.session.commit()
    db.session.remove()

    downgrade(revision="fed8e4f421c9")
    data_of = {}
    with db.engine.begin() as connection:
        for uuid, data in connection.execute(text("SELECT uuid, data FROM visits")):
            data_of[uuid] = json.loads(data) if isinstance(data, str) else data
        # A row an older version changed without its copy in `data` (it must not be lost).
        connection.execute(text(
            "UPDATE needs SET description = 'inny opis' WHERE position = 1 AND visit_id = "
            "(SELECT id FROM visits WHERE uuid = :uuid)"), {"uuid": differs["uuid"]})
    assert data_of[same["uuid"]] == same["data"]
    assert data_of[differs["uuid"]] == differs["data"]

    upgrade()
    visits = {v.uuid: v for v in db.session.scalars(db.select(Visit))}
    assert "needs" not in visits[same["uuid"]].data
    assert "visit_outcome" not in visits[same["uuid"]].data  # a copy of its column
    assert visits[same["uuid"]].needs[1].target_groups_other == "dzieci z gospodarstw"
    assert visit_answers(visits[same["uuid"]]) == same["data"]
    assert visits[differs["uuid"]].data["needs"] == differs["data"]["needs"]
    assert visit_answers(visits[differs["uuid"]]) == differs["data"]


def test_visits_in_fewer_bytes_codes_the_data_keys_and_back(demo, interview):
    """3b8d41f07c2e: down, `visits.data` holds the questions' names and each need has a
    `created_at` (its visit's reception); up, the names are codes and read back the same."""
    from sqlalchemy import text

    from researcher.auth.models import User
    from researcher.interviews.answers import visit_answers
    from researcher.interviews.models import Visit
    from researcher.interviews.stored_types import STORED_KEYS
    from researcher.interviews.sync import apply_record

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    sent = interview()
    assert apply_record(sent, researcher, "device", "batch").status == "created"
    db.session.commit()
    before = db.session.scalar(db.select(Visit).where(Visit.uuid == sent["uuid"]))
    stored_before = dict(before.data)
    db.session.remove()

    downgrade(revision="cf36fa8fd7ef")
    with db.engine.begin() as connection:
        raw = connection.execute(text("SELECT data, received_at FROM visits")).one()
        created = connection.execute(text("SELECT created_at FROM needs")).scalars().all()
    assert (json.loads(raw.data) if isinstance(raw.data, str) else raw.data) == stored_before
    assert created == [raw.received_at] * 3

    upgrade()
    with db.engine.begin() as connection:
        raw = connection.execute(text("SELECT data FROM visits")).scalar_one()
    raw = json.loads(raw) if isinstance(raw, str) else raw
    assert set(raw) == {str(STORED_KEYS.index(k)) for k in stored_before}
    visit = db.session.scalar(db.select(Visit).where(Visit.uuid == sent["uuid"]))
    assert visit.data == stored_before
    assert visit_answers(visit) == sent["data"]
