"""Column types that store a visit in fewer bytes while every reader sees the same values.

Issue 16 asked for ≤ 3 kB an interview on PostgreSQL. Three columns of `visits` held more bytes
than their values need; each type below converts on the way in and out, so Python code (the
sync, the readers in `interviews.answers`, exports, rights, retention) reads and compares the
same strings and dicts as before:

- `ANSWER_KEYS_DATA`: `visits.data` with each known question key written as a short code
  (`"respondent_situation"` → `"15"`): the keys were ~180 of the ~510 bytes of an interview's
  JSON. The table of codes is frozen (append only: stored rows are decoded with it forever).
- `VISIT_UUID`: PostgreSQL's own `uuid` type (16 bytes instead of 37, in the row and in its
  unique index); SQLite keeps the text.
- `DIGEST`: the SHA-256 content hash as its 32 bytes (`bytea`) instead of 64 hex characters on
  PostgreSQL; SQLite keeps the text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, LargeBinary, String, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

#: The keys `visits.data` holds, coded by their place here ("0", "1", …). Append only: a key's
#: code is its index, and stored rows are decoded with this table (migration 3b8d41f07c2e
#: holds a frozen copy). Keys not listed are stored as they are.
STORED_KEYS = (
    "campaign_id", "locality_id", "visit_outcome", "leaflet_given", "consent_interview",
    "adult", "consent_health", "interview_mode", "age_band", "gender", "household_size",
    "household_members", "daily_help_needed", "informal_carer", "household_type",
    "respondent_situation", "areas", "areas_other", "top_areas", "needs", "services_rating",
    "community_gaps", "volunteering", "info_sources", "contact_requested", "contact",
    "researcher_note", "respondent_code",
)  # fmt: skip
_CODE = {key: str(i) for i, key in enumerate(STORED_KEYS)}
_KEY = {code: key for key, code in _CODE.items()}
#: Prefix of a stored key that is not in the table but looks like a code (or starts with it).
ESCAPE = "~"


def coded_keys(data: Any) -> Any:
    """`data` with its known keys as codes (anything but a dict as it is)."""
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        code = _CODE.get(key)
        if code is None:
            code = ESCAPE + key if key in _KEY or key.startswith(ESCAPE) else key
        out[code] = value
    return out


def named_keys(stored: Any) -> Any:
    """What `coded_keys` was given back."""
    if not isinstance(stored, dict):
        return stored
    return {
        _KEY.get(code) or (code[len(ESCAPE):] if code.startswith(ESCAPE) else code): value
        for code, value in stored.items()
    }


class CodedKeysJSON(TypeDecorator):
    """JSON whose top-level keys are stored as the codes of `STORED_KEYS`."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return coded_keys(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return named_keys(value)


class HexDigest(TypeDecorator):
    """A hex digest (str) stored as its bytes."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | None:
        return None if value is None else bytes.fromhex(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> str | None:
        return None if value is None else bytes(value).hex()


ANSWER_KEYS_DATA = CodedKeysJSON()
VISIT_UUID = String(36).with_variant(Uuid(as_uuid=False), "postgresql")
DIGEST = String(64).with_variant(HexDigest(), "postgresql")
