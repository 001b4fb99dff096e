"""User accounts and the login-failure counters behind the lock-out."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.auth.permissions import Permission, UserPermission
from researcher.extensions import db, utcnow

RESEARCHER = "researcher"
MANAGER = "manager"
ADMIN = "admin"
ROLES = (RESEARCHER, MANAGER, ADMIN)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the session cookie: raising it ends every session of the account (logout,
    # password change, deactivation, an admin's reset).
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    # RODO: contact data and respondents' requests only for named people, never by role alone.
    permission_rows: Mapped[list[UserPermission]] = relationship(
        foreign_keys=[UserPermission.user_id], cascade="all, delete-orphan", lazy="selectin"
    )

    def has_permission(self, permission: Permission) -> bool:
        return any(row.permission == permission for row in self.permission_rows)

    def get_id(self) -> str:
        # The session cookie names the account and its session version: raising the version
        # (`auth.services.end_sessions`) makes every cookie issued before worthless.
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def display_name(self) -> str:
        return self.full_name or self.email


class LoginThrottle(db.Model):
    """Failed logins per key: `account:<email>` and `address:<ip>`."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_failure_at: Mapped[datetime | None]
