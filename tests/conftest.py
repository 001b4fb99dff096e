"""Fixtures: one app per session on a migrated database, emptied between tests.

The database is SQLite in a temporary file, or the server named by TEST_DATABASE_URL
(CI sets it to a throw-away PostgreSQL). Never point TEST_DATABASE_URL at real data:
every test empties the tables.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from itertools import count

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from werkzeug.security import generate_password_hash

from researcher import create_app
from researcher.auth.models import User
from researcher.extensions import db
from researcher.gminas.models import Gmina
from researcher.gminas.services import load_gminas

PASSWORD = "haslo-testowe-123"
# Hashing is deliberately slow; hash the shared test password once.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt")
KEEP_TABLES = {"gminas", "alembic_version"}


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
        session["_user_id"] = str(user.id)
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
