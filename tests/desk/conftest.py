"""Fixtures for the manager's desk: a campaign with synced interviews."""

from __future__ import annotations

import uuid

import pytest

from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.interviews.sync import apply_record


@pytest.fixture
def synced(app_context, demo, interview, make_user):
    """synced(n) → n copies of the fixture interview applied for one researcher; their needs."""
    researcher = make_user("researcher")

    def make(n: int = 1, **changes) -> list[Need]:
        for _ in range(n):
            apply_record(interview(**changes), researcher, str(uuid.uuid4()), None)
        db.session.commit()
        return list(db.session.scalars(db.select(Need).order_by(Need.id)))

    return make


@pytest.fixture
def manager(login) -> User:
    return login("manager")
