"""Account operations: create, authenticate (with lock-out), change and reset passwords."""

from __future__ import annotations

import secrets

from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import ROLES, User
from researcher.auth.permissions import Permission, UserPermission
from researcher.auth.throttle import (
    ThrottlePolicy,
    account_key,
    address_key,
    failure_delay,
    record_failure,
    record_success,
    seconds_locked,
)
from researcher.extensions import db, utcnow

# Werkzeug's scrypt: memory-hard, no extra dependency.
HASH_METHOD = "scrypt"
# Checked against when the e-mail is unknown, so both paths cost the same time.
_DUMMY_HASH = generate_password_hash("rekonesans-dummy", method=HASH_METHOD)


class AccountError(Exception):
    """A rule about accounts was broken; the message is for the user."""


class LockedOut(AccountError):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, role: str, password: str, full_name: str = "") -> User:
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(_("Nieznana rola: %(role)s", role=role))
    if "@" not in email:
        raise AccountError(_("Podaj poprawny adres e-mail."))
    if db.session.scalar(db.select(User).where(User.email == email)):
        raise AccountError(_("Konto z tym adresem e-mail już istnieje."))
    user = User(email=email, role=role, full_name=full_name.strip(), password_hash="")
    set_password(user, password)
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user: User, password: str, min_length: int = 10) -> None:
    """Set a new password; every session of the account opened before ends."""
    if len(password) < min_length:
        raise AccountError(_("Hasło musi mieć co najmniej %(n)d znaków.", n=min_length))
    user.password_hash = generate_password_hash(password, method=HASH_METHOD)
    if user.id is not None:
        end_sessions(user)


def end_sessions(user: User) -> None:
    """End every session of `user`, on every device (logout, new password, deactivation)."""
    user.session_version = (user.session_version or 1) + 1


def set_active(user: User, active: bool, by: User) -> None:
    """Activate or deactivate an account; nobody can lock themselves out."""
    if user.id == by.id and not active:
        raise AccountError(_("Nie możesz dezaktywować własnego konta."))
    user.active = active
    if not active:
        end_sessions(user)


def generate_password() -> str:
    """A password to hand over once (demo accounts, resets): 16 URL-safe characters."""
    return secrets.token_urlsafe(12)


def authenticate(
    email: str, password: str, address: str | None, policy: ThrottlePolicy
) -> User | None:
    """The active user with these credentials, or None. Raises LockedOut while the account is
    locked. Failures from the address are counted too, but only slow it down (`address_delay`):
    a shared address (a proxy, a carrier's NAT) must not lock out everyone behind it."""
    account = account_key(email)
    user = db.session.scalar(db.select(User).where(User.email == normalise_email(email)))
    # The log names a known account by id, never by the e-mail typed (that may be anything).
    user_id = user.id if user else None
    locked = seconds_locked(account)
    if locked:
        record_access(AccessAction.LOGIN_FAILED, user_id, "account", user_id, locked=True)
        raise LockedOut(locked)
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if not (user and valid and user.active):
        if address:
            record_failure(address_key(address), policy, hard=False)
        record_access(AccessAction.LOGIN_FAILED, user_id, "account", user_id)
        if record_failure(account, policy, hard=True):
            record_access(AccessAction.LOCKOUT, None, "account", user_id)
        return None
    record_success(account)
    user.last_login_at = utcnow()
    record_access(AccessAction.LOGIN, user.id, "account", user.id)
    return user


def address_delay(address: str | None, policy: ThrottlePolicy) -> float:
    """Seconds to wait before answering a login from `address` (0 until it failed often)."""
    return failure_delay(address_key(address), policy) if address else 0.0


def change_password(user: User, current: str, new: str, min_length: int) -> None:
    if not check_password_hash(user.password_hash, current):
        raise AccountError(_("Obecne hasło jest nieprawidłowe."))
    set_password(user, new, min_length)


def grant_permission(user: User, permission: Permission, by: User) -> None:
    """Give `user` a permission (idempotent); logged in the access log."""
    if user.has_permission(permission):
        return
    user.permission_rows.append(
        UserPermission(user_id=user.id, permission=permission, granted_by_id=by.id)
    )
    record_access(AccessAction.PERMISSION_CHANGE, by.id, "user", user.id,
                  permission=str(permission), granted=True)


def revoke_permission(user: User, permission: Permission, by: User) -> None:
    """Take a permission away (idempotent); logged in the access log."""
    rows = [r for r in user.permission_rows if r.permission == permission]
    for row in rows:
        user.permission_rows.remove(row)
    if rows:
        record_access(AccessAction.PERMISSION_CHANGE, by.id, "user", user.id,
                      permission=str(permission), granted=False)
