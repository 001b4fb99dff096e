"""Permissions granted to named accounts, on top of their role.

RODO asks that some data be seen by named people, never by a whole role: a researcher may hold
"kontakt z mieszkańcami" for the follow-ups assigned to them, a manager may not. Each
permission is a row in `user_permissions`; the set of permissions is this enum, defined once,
with its labels beside it and a CheckConstraint in the database.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from researcher.codes import check_in
from researcher.extensions import db, utcnow


class Permission(StrEnum):
    CONTACTS = "kontakt_z_mieszkancami"  # read respondents' contact data, one record at a time
    RIGHTS_REQUESTS = "wnioski_rodo"  # look a respondent code up, export, erase (art. 15-20)


PERMISSION_LABELS = {
    Permission.CONTACTS: _l("Kontakt z mieszkańcami"),
    Permission.RIGHTS_REQUESTS: _l("Wnioski RODO"),
}


class UserPermission(db.Model):
    __tablename__ = "user_permissions"
    __table_args__ = (check_in("permission", Permission, name="permission_known"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    permission: Mapped[str] = mapped_column(String(40), primary_key=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
