"""Fixtures for residents' requests: a stored interview under a known code, and a handler."""

from __future__ import annotations

import pytest

from researcher.auth.models import User
from researcher.auth.permissions import Permission
from researcher.auth.services import grant_permission
from researcher.extensions import db
from researcher.interviews.sync import apply_record
from tests.conftest import log_in

CODE = "K7M4QX"


@pytest.fixture
def stored(demo, interview):  # noqa: F811
    """stored(code=CODE, **changes) → the Visit of a synced interview with that code."""
    from researcher.interviews.models import Visit

    researcher = db.session.scalar(db.select(User).where(User.role == "researcher"))

    def store(code: str = CODE, **changes):
        record = interview(**changes)
        record["data"]["respondent_code"] = code
        result = apply_record(record, researcher, "device", "batch")
        assert not result.errors, result.errors
        db.session.commit()
        return db.session.scalar(db.select(Visit).where(Visit.uuid == record["uuid"]))

    return store


@pytest.fixture
def handler(client, make_user):
    """handler(*permissions) → a manager holding „wnioski RODO” (and more), logged in."""

    def make(*extra: Permission) -> User:
        admin = make_user("admin")
        user = make_user("manager")
        for permission in (Permission.RIGHTS_REQUESTS, *extra):
            grant_permission(user, permission, by=admin)
        db.session.commit()
        log_in(client, user)
        return user

    return make
