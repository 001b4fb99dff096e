"""Fixtures: one app per session on a migrated database, emptied between tests.

The database is SQLite in a temporary file, or the server named by TEST_DATABASE_URL
(CI sets it to a throw-away PostgreSQL). Never point TEST_DATABASE_URL at real data:
every test empties the tables.
"""

from __future__ import annotations

import copy
import json
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from werkzeug.security import generate_password_hash

from researcher import create_app
from researcher.auth.models import User
from researcher.demo.services import DemoReport, seed_demo
from researcher.extensions import db
from researcher.gminas.models import Gmina, Locality
from researcher.gminas.services import load_gminas
from researcher.interviews.models import Need, Visit

PASSWORD = "haslo-testowe-123"
# Hashing is deliberately slow; hash the shared test password once.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt")
KEEP_TABLES = {"gminas", "alembic_version"}
INTERVIEW = Path(__file__).resolve().parent / "fixtures" / "sync" / "interview.json"


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, hence its own `g` and database session.

    Tests hold an app context for direct database access; without this, requests would
    share it and Flask-Login's cached user in `g` would leak from one request to the next.
    """

    def open(self, *args, **kwargs):
        # End the test's own transaction, so it sees what the request commits (SQLite keeps
        # a snapshot for the whole transaction).
        if has_app_context():
            db.session.commit()
        with self.application.app_context():
            return super().open(*args, **kwargs)


def reset_schema() -> None:
    """Drop everything, then build the schema from the migrations (not create_all)."""
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    upgrade()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    url = os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    )
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            # Jobs run inside the request that queued them, so a test sees the result at once;
            # tests of the worker thread and of `flask jobs work` start those themselves.
            "JOBS_WORKER": "inline",
        }
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        reset_schema()
        load_gminas()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def empty_tables() -> None:
    """Delete every row but the gminas; ids start at 1 again (the demo campaign is id 1)."""
    db.session.rollback()
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in KEEP_TABLES]
    if db.session.get_bind().dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(db.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:  # SQLite reuses max(rowid) + 1, so an empty table starts at 1
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app_context(app: Flask) -> Iterator[Flask]:
    """An app context on an empty database (the gminas stay loaded)."""
    with app.app_context():
        empty_tables()
        yield app
        db.session.rollback()
        db.session.remove()


@pytest.fixture
def client(app_context: Flask) -> FlaskClient:
    return app_context.test_client()


@pytest.fixture
def csrf_enabled(app: Flask) -> Iterator[None]:
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


_emails = count(1)


@pytest.fixture
def make_user(app_context: Flask) -> Callable[..., User]:
    """Factory: make_user(role="researcher", active=True, email=None) → a committed User."""

    def make(role: str = "researcher", *, active: bool = True, email: str | None = None) -> User:
        user = User(
            email=email or f"{role}{next(_emails)}@example.org",
            role=role,
            full_name=f"Test {role}",
            password_hash=PASSWORD_HASH,
            active=active,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


def log_in(client: FlaskClient, user: User) -> FlaskClient:
    """Log `user` in without the slow password check (the auth tests use the real form)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def login(client: FlaskClient, make_user: Callable[..., User]) -> Callable[[str], User]:
    """login("manager") → creates a user with that role and logs the test client in as it."""

    def do(role: str) -> User:
        user = make_user(role)
        log_in(client, user)
        return user

    return do


@pytest.fixture
def demo_gmina(app_context: Flask) -> Gmina:
    return db.session.get(Gmina, "141708")


@pytest.fixture
def demo(app_context: Flask) -> DemoReport:
    """The demo gmina, its localities, campaign 1 (open to all researchers) and accounts."""
    report = seed_demo()
    db.session.commit()
    return report


@pytest.fixture
def interview() -> Callable[..., dict[str, Any]]:
    """interview(**changes) → a fresh copy of the valid sync record (three needs), new uuid.

    The one record factory: its data name campaign 1 and locality 1, the demo's (`demo`).
    """
    template = json.loads(INTERVIEW.read_text(encoding="utf-8"))

    def make(**changes: Any) -> dict[str, Any]:
        record = copy.deepcopy(template)
        record["uuid"] = str(uuid.uuid4())
        data_changes = changes.pop("data", {})
        record.update(changes)
        record["data"].update(data_changes)
        return record

    return make


def _need(**answers: Any) -> dict[str, Any]:
    need = {
        "area": "pomoc_spoleczna",
        "target_groups": ["seniorzy"],
        "urgency": "3m",
        "met_status": "brak",
        "met_by": [],
        "barriers": [],
        "preferred_forms": ["w_domu"],
    }
    need.update(answers)
    return need


@pytest.fixture
def add_visit(demo: DemoReport) -> Callable[..., Visit]:
    """add_visit(outcome="zrealizowany", locality=0, needs=[{...}], when=..., **answers).

    Inserts a visit and its needs directly (no validation), for hand-computed counts.
    `locality` is an index into the demo gmina's localities (by id), or None.
    """
    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))
    localities = db.session.scalars(db.select(Locality).order_by(Locality.id)).all()

    def add(
        outcome: str = "zrealizowany",
        *,
        locality: int | None = 0,
        needs: list[dict[str, Any]] | None = None,
        when: datetime = datetime(2026, 5, 10, 10, 0),
        campaign_id: int | None = None,
        **answers: Any,
    ) -> Visit:
        held = outcome in ("zrealizowany", "przerwany")
        visit = Visit(
            uuid=str(uuid.uuid4()),
            revision=1,
            form_version="2026.1",
            content_hash="0" * 64,
            recorded_at=when,
            researcher_id=researcher.id,
            device_id="d",
            campaign_id=campaign_id or demo.campaign_id,
            locality_id=localities[locality].id if locality is not None else None,
            visit_outcome=outcome,
            is_interview=held,
            data=dict(answers),
            services_rating=answers.get("services_rating"),
            volunteering=answers.get("volunteering"),
            community_gaps=answers.get("community_gaps"),
        )
        for position, answers_of_need in enumerate(needs or [], start=1):
            need = _need(**answers_of_need)
            status = need.pop("status", "nowa")
            reviewed_area = need.pop("reviewed_area", None)
            reviewed_groups = need.pop("reviewed_target_groups", None)
            visit.needs.append(
                Need(
                    position=position,
                    campaign_id=visit.campaign_id,
                    locality_id=visit.locality_id,
                    researcher_id=researcher.id,
                    description="opis",
                    beneficiary="respondent",
                    recorded_at=when,
                    status=status,
                    reviewed_area=reviewed_area,
                    reviewed_target_groups=reviewed_groups,
                    **need,
                )
            )
        db.session.add(visit)
        db.session.commit()
        return visit

    return add


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of one database's own behaviour (marked `postgresql` or `sqlite`) are deselected,
    not skipped, on the other: CI runs the suite once on each, so each runs exactly once."""
    url = os.environ.get("TEST_DATABASE_URL") or "sqlite"
    other = "sqlite" if url.startswith("postgresql") else "postgresql"
    kept = [item for item in items if other not in item.keywords]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if other in i.keywords])
        items[:] = kept
