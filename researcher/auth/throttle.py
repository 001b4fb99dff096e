"""Login throttling: a hard, growing lock per account; a soft delay per address.

The lock is keyed on the account: five wrong passwords lock that account for 30 s, then 60 s …
up to the cap. Failures from one address (behind a reverse proxy or a mobile carrier's NAT
many people share one) never lock anybody out; they only slow that address's answers down.
"""

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
    max_delay_seconds: float = 3.0  # the longest an address's answers are slowed down

    def lock_for(self, failures: int) -> timedelta:
        """Doubles with every failure past the limit: 30 s, 60 s, 120 s … up to the cap."""
        extra = failures - self.max_failures
        return timedelta(seconds=min(self.max_seconds, self.base_seconds * 2**extra))


def account_key(email: str) -> str:
    return f"account:{email.strip().lower()}"[:300]


def address_key(address: str) -> str:
    return f"address:{address}"[:300]


def seconds_locked(key: str, now: datetime | None = None) -> int:
    """How long (whole seconds, rounded up) the lock on `key` still lasts."""
    now = now or utcnow()
    row = db.session.get(LoginThrottle, key)
    if row is None or row.locked_until is None or row.locked_until <= now:
        return 0
    return int(-(-(row.locked_until - now).total_seconds() // 1))


def failure_delay(key: str, policy: ThrottlePolicy) -> float:
    """Seconds to slow down an answer for `key`: a quarter second per failure past the limit."""
    row = db.session.get(LoginThrottle, key)
    extra = (row.failures - policy.max_failures + 1) if row else 0
    return min(policy.max_delay_seconds, 0.25 * extra) if extra > 0 else 0.0


def record_failure(
    key: str, policy: ThrottlePolicy, hard: bool = True, now: datetime | None = None
) -> bool:
    """Count a failure for `key`; `hard` keys (accounts) get locked past the limit.
    True when this failure locked the key."""
    now = now or utcnow()
    row = db.session.get(LoginThrottle, key) or LoginThrottle(key=key, failures=0)
    row.failures += 1
    row.last_failure_at = now
    locked = hard and row.failures >= policy.max_failures
    if locked:
        row.locked_until = now + policy.lock_for(row.failures)
    db.session.add(row)
    db.session.flush()
    return locked


def record_success(key: str) -> None:
    db.session.execute(db.delete(LoginThrottle).where(LoginThrottle.key == key))
