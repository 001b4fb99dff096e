"""Fixtures for follow-ups: synced interviews whose respondents asked to be contacted."""

from __future__ import annotations

import uuid

import pytest

from researcher.auth.models import User
from researcher.auth.permissions import Permission, UserPermission
from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.interviews.sync import apply_record

PHONE = "600 700 800"


@pytest.fixture
def consenting(app_context, demo, interview, make_user):  # noqa: F811
    """consenting(contact=True, **need_changes) → the needs of one synced interview.

    With `contact`, the respondent asked to be contacted and left a name and PHONE.
    """
    researcher = make_user("researcher")

    def make(contact: bool = True, recorded_at: str | None = None, **need_changes) -> list[Need]:
        record = interview()
        record["data"]["contact_requested"] = contact
        if contact:
            record["data"]["contact"] = {"name": "Halina", "phone_or_email": PHONE}
        if recorded_at:
            record["recorded_at"] = recorded_at
        for need in record["data"]["needs"]:
            need.update(need_changes)
        apply_record(record, researcher, str(uuid.uuid4()), None)
        db.session.commit()
        stmt = db.select(Need).where(Need.visit.has(uuid=record["uuid"])).order_by(Need.position)
        return list(db.session.scalars(stmt))

    return make


def grant(user: User, permission: Permission = Permission.CONTACTS) -> User:
    db.session.add(UserPermission(user_id=user.id, permission=permission))
    db.session.commit()
    db.session.refresh(user)
    return user
