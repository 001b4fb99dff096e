"""Flask extensions, created unbound; `create_app` binds them with `init_app`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import has_request_context, request
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def compact_json(value: object) -> str:
    """JSON columns without the spaces `json.dumps` puts after `,` and `:` (PostgreSQL's
    `json` keeps the text as given: ~50 bytes an interview). Non-ASCII stays escaped, so text
    no encoding can hold still reaches the database as plain ASCII."""
    return json.dumps(value, separators=(",", ":"))


db = SQLAlchemy(model_class=Base, engine_options={"json_serializer": compact_json})
#: Indexes a migration creates on one kind of database only (PostgreSQL's `pg_trgm` index of
#: the needs search): not in the models' metadata, so autogenerate leaves them alone by name.
DATABASE_ONLY_INDEXES = frozenset({"ix_needs_search_trgm"})


def include_in_autogenerate(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    """Alembic's `include_object`: everything but the database-only indexes."""
    return not (type_ == "index" and name in DATABASE_ONLY_INDEXES)


migrate = Migrate(render_as_batch=True, compare_type=True, include_object=include_in_autogenerate)
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()


def utcnow() -> datetime:
    """Now in UTC, without tzinfo: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


#: The calendar of our users: report dates and filters are days in Poland.
LOCAL_TIME = ZoneInfo("Europe/Warsaw")


def local_day(utc: datetime) -> date:
    """The calendar day in Poland of a naive UTC time as stored (`utcnow`, `recorded_at`)."""
    try:
        return utc.replace(tzinfo=UTC).astimezone(LOCAL_TIME).date()
    except OverflowError:  # the last hours of year 9999 (a stored date no rule would accept)
        return utc.date()


def local_today(now: datetime | None = None) -> date:
    """Today in Poland: from 23:00 (22:00 in summer) UTC it is already tomorrow there."""
    return local_day(now or utcnow())


SQLITE_BUSY_TIMEOUT_MS = 20_000
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Write endpoints that take the lock themselves, when they are ready to write (the sync
#: service, after parsing and validating a batch): loading the user must not hold it.
SELF_LOCKING_ENDPOINTS = frozenset({"api.sync"})


def _is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    # WAL lets the sync endpoint write while pages read; SQLite leaves foreign keys off by default.
    if _is_sqlite(dbapi_connection):
        # Let SQLAlchemy emit BEGIN itself (below): the driver's own handling breaks SAVEPOINT.
        dbapi_connection.isolation_level = None
        # Unicode-aware lower() for searching Polish text (SQLite's own is ASCII-only).
        dbapi_connection.create_function(
            "pl_lower", 1, lambda s: s.lower() if isinstance(s, str) else s, deterministic=True
        )
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Long enough to queue behind a few sync batches (each holds the lock ~0.3 s).
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection) -> None:
    # A transaction that reads, then writes fails at once ("database is locked") when another
    # writer committed in between: SQLite does not wait for a stale snapshot. So every write
    # request (any method but GET/HEAD/OPTIONS: logins, forms, sync) and whoever asks with
    # `sqlite_begin="IMMEDIATE"` takes the write lock up front and waits its turn instead;
    # page views read without it.
    if connection.dialect.name == "sqlite":
        mode = connection.get_execution_options().get("sqlite_begin", "")
        if (
            not mode
            and has_request_context()
            and request.method not in _READ_METHODS
            and request.endpoint not in SELF_LOCKING_ENDPOINTS
        ):
            mode = "IMMEDIATE"
        connection.exec_driver_sql(f"BEGIN {mode}".strip())
