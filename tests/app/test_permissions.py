"""Named permissions on top of roles, and the append-only access log."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from researcher.audit.models import AccessAction, AccessLogEntry
from researcher.audit.services import record_access
from researcher.auth.permissions import Permission, UserPermission
from researcher.auth.services import grant_permission, revoke_permission
from researcher.extensions import db


def test_a_new_account_holds_no_permission(make_user):
    user = make_user("manager")
    assert not user.has_permission(Permission.CONTACTS)


def test_granting_a_permission_is_logged_without_personal_data(make_user):
    admin, user = make_user("admin"), make_user("researcher")
    grant_permission(user, Permission.CONTACTS, by=admin)
    db.session.commit()
    assert user.has_permission(Permission.CONTACTS)
    entry = db.session.scalar(db.select(AccessLogEntry))
    assert (entry.action, entry.actor_id, entry.target_id) == (
        AccessAction.PERMISSION_CHANGE, admin.id, str(user.id))
    assert entry.detail == {"permission": "kontakt_z_mieszkancami", "granted": True}


def test_revoking_a_permission_takes_it_away(make_user):
    admin, user = make_user("admin"), make_user("manager")
    grant_permission(user, Permission.RIGHTS_REQUESTS, by=admin)
    revoke_permission(user, Permission.RIGHTS_REQUESTS, by=admin)
    db.session.commit()
    assert not user.has_permission(Permission.RIGHTS_REQUESTS)
    assert db.session.scalar(db.select(db.func.count()).select_from(AccessLogEntry)) == 2


def test_the_database_rejects_an_unknown_permission(make_user):
    user = make_user("manager")
    db.session.add(UserPermission(user_id=user.id, permission="wszystko"))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_the_access_log_cannot_be_edited(make_user):
    user = make_user("admin")
    entry = record_access(AccessAction.CODE_LOOKUP, user.id, "respondent", "abc")
    db.session.commit()
    entry.target_id = "xyz"
    with pytest.raises(PermissionError):
        db.session.flush()
