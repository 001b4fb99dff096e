"""Configuration as data: defaults in one mapping, overrides from the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

#: Every setting the app reads, with its safe default. README.md documents each one.
DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_DATABASE_URI": None,  # None → SQLite file in instance/ (set in load_config)
    "SECRET_KEY": None,  # None → generated once and kept in instance/secret_key
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,  # set REKONESANS_SECURE_COOKIES=1 when served over HTTPS
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 12 * 3600,  # a researcher's working day
    "WTF_CSRF_TIME_LIMIT": None,  # tokens live as long as the session: an offline day must sync
    # Forms; the sync API and the backup upload set their own caps (forms.schema.MAX_RECORD_BYTES)
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "BABEL_DEFAULT_LOCALE": "pl",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Warsaw",
    # How long the phone offers "Cofnij zapis" after a new visit is saved (sync waits for it).
    "FIELD_UNDO_SECONDS": 10,
    # Quality signals on "Postęp badania" (neutral, for review): an interview shorter than
    # this (opened → saved on the phone), this many single-choice answers in a row at the same
    # position of their lists, this many "nikt nie otworzył" in a row by one researcher.
    "QUALITY_SHORT_INTERVIEW_SECONDS": 300,
    "QUALITY_SAME_ANSWERS_RUN": 8,
    "QUALITY_NOBODY_RUN": 12,
    "LANGUAGES": ("pl", "en"),
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_LOCK_BASE_SECONDS": 30,
    "LOGIN_LOCK_MAX_SECONDS": 15 * 60,
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto to trust (0: none, so
    # a client cannot fake its address; 1 behind one nginx/Caddy). Werkzeug's ProxyFix.
    "TRUSTED_PROXIES": 0,
    "PASSWORD_MIN_LENGTH": 10,
    "CONTACT_KEY": None,  # None → generated once into instance/contact_key
    "DISCLOSURE_K": 5,  # minimum published count (DOMAIN §3); refused below 3
    "EXPORTS_DIR": None,  # None → instance/exports/
    "TEMPLATE_CACHE_DIR": None,  # None → instance/templates-compiled/; "" → compile in memory only
    "EXPORTS_KEEP_DAYS": 30,  # export files are deleted this many days after they were made
    "EXPORTS_OPS_UNITS": None,  # None → exports/units.py: area → gmina unit (OPS variant)
    # Retention (DOMAIN §3.6), applied by `flask retention run --apply` (README: schedule it).
    "RETENTION_CONTACT_MONTHS": 12,  # contact data, from when they were given
    "RETENTION_CONTACT_AFTER_CLOSE_DAYS": 0,  # contact data, from when all follow-ups closed
    "RETENTION_VISIT_LOG_MONTHS": 3,  # visit log details, from the campaign's end
    "RETENTION_QUARANTINE_DAYS": 90,  # rejected records, from their arrival
    "RETENTION_ACCESS_LOG_DAYS": 730,  # the access log itself (2 years)
    "JOBS_WORKER": "thread",  # thread (in each web process) | external (flask jobs work) | inline
    "JOBS_LEASE_SECONDS": 300,  # a job not heard from for this long is taken over by another worker
    "JOBS_MAX_ATTEMPTS": 3,  # after this many workers died on a job, it is recorded as failed
    "JOBS_POLL_SECONDS": 2.0,  # how often an idle worker looks for jobs enqueued elsewhere
    "DEMO_ACCOUNTS_FILE": None,  # None → instance/demo-accounts.txt (never committed)
}

MIN_DISCLOSURE_K = 3
JOB_WORKERS = ("thread", "external", "inline")

#: Environment variables that override a setting, and how to read them.
ENVIRONMENT: dict[str, tuple[str, Any]] = {
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "REKONESANS_SECURE_COOKIES": ("SESSION_COOKIE_SECURE", lambda v: v.lower() in {"1", "true"}),
    "REKONESANS_DISCLOSURE_K": ("DISCLOSURE_K", int),
    "CONTACT_KEY": ("CONTACT_KEY", str),
    "REKONESANS_TRUSTED_PROXIES": ("TRUSTED_PROXIES", int),
    "REKONESANS_JOBS_WORKER": ("JOBS_WORKER", str),
    "REKONESANS_QUALITY_SHORT_INTERVIEW_SECONDS": ("QUALITY_SHORT_INTERVIEW_SECONDS", int),
    "REKONESANS_QUALITY_SAME_ANSWERS_RUN": ("QUALITY_SAME_ANSWERS_RUN", int),
    "REKONESANS_QUALITY_NOBODY_RUN": ("QUALITY_NOBODY_RUN", int),
    # Retention periods (DOMAIN §3.6): an NGO's own register of processing may set shorter ones.
    "REKONESANS_RETENTION_CONTACT_MONTHS": ("RETENTION_CONTACT_MONTHS", int),
    "REKONESANS_RETENTION_CONTACT_AFTER_CLOSE_DAYS": ("RETENTION_CONTACT_AFTER_CLOSE_DAYS", int),
    "REKONESANS_RETENTION_VISIT_LOG_MONTHS": ("RETENTION_VISIT_LOG_MONTHS", int),
    "REKONESANS_RETENTION_QUARANTINE_DAYS": ("RETENTION_QUARANTINE_DAYS", int),
    "REKONESANS_RETENTION_ACCESS_LOG_DAYS": ("RETENTION_ACCESS_LOG_DAYS", int),
    "REKONESANS_EXPORTS_KEEP_DAYS": ("EXPORTS_KEEP_DAYS", int),
}


def _database_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _secret_key(instance: Path) -> str:
    # Written on first run so sessions survive restarts without a key ever living in the code.
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load_config(instance: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the environment, then `overrides` (tests pass a dict)."""
    config = dict(DEFAULTS)
    for variable, (key, parse) in ENVIRONMENT.items():
        if os.environ.get(variable):
            config[key] = parse(os.environ[variable])
    config.update(overrides or {})
    if config["SECRET_KEY"] is None:
        config["SECRET_KEY"] = _secret_key(instance)
    if config["SQLALCHEMY_DATABASE_URI"] is None:
        instance.mkdir(parents=True, exist_ok=True)
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'rekonesans.sqlite'}"
    config["SQLALCHEMY_DATABASE_URI"] = _database_url(config["SQLALCHEMY_DATABASE_URI"])
    if int(config["DISCLOSURE_K"]) < MIN_DISCLOSURE_K:
        # Publishing counts of 1 or 2 would identify people in a small village: refuse to start.
        raise ValueError(
            f"DISCLOSURE_K={config['DISCLOSURE_K']}: must be at least {MIN_DISCLOSURE_K}"
        )
    if config["JOBS_WORKER"] not in JOB_WORKERS:
        raise ValueError(f"JOBS_WORKER={config['JOBS_WORKER']}: one of {', '.join(JOB_WORKERS)}")
    return config
