"""Login lock-out: after N failures for an account or an address, a growing lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from researcher.auth.models import LoginThrottle
from researcher.extensions import db, utcnow


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5
    base_seconds: int = 30
    max_seconds: int = 900

    def lock_for(self, failures: int) -> timedelta:
        """Doubles with every failure past the limit: 30 s, 60 s, 120 s … up to the cap."""
        extra = failures - self.max_failures
        return timedelta(seconds=min(self.max_seconds, self.base_seconds * 2**extra))


def throttle_keys(email: str, address: str | None) -> list[str]:
    keys = [f"account:{email.strip().lower()}"]
    if address:
        keys.append(f"address:{address}")
    return keys


def seconds_locked(keys: list[str], now: datetime | None = None) -> int:
    """How long (whole seconds, rounded up) the longest lock among `keys` still lasts."""
    now = now or utcnow()
    remaining = 0.0
    for row in db.session.scalars(db.select(LoginThrottle).where(LoginThrottle.key.in_(keys))):
        if row.locked_until and row.locked_until > now:
            remaining = max(remaining, (row.locked_until - now).total_seconds())
    return int(-(-remaining // 1))


def record_failure(keys: list[str], policy: ThrottlePolicy, now: datetime | None = None) -> None:
    now = now or utcnow()
    for key in keys:
        row = db.session.get(LoginThrottle, key) or LoginThrottle(key=key, failures=0)
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= policy.max_failures:
            row.locked_until = now + policy.lock_for(row.failures)
        db.session.add(row)
    db.session.flush()


def record_success(keys: list[str]) -> None:
    db.session.execute(db.delete(LoginThrottle).where(LoginThrottle.key.in_(keys)))
