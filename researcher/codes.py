"""Code sets (statuses and the like): one `StrEnum` per set, kept beside the model that uses it.

The pattern, in three lines a newcomer can copy (see `interviews.models.NeedStatus`):

    class NeedStatus(StrEnum):            # the values are what the database stores
        NEW = "nowa"
    NEED_STATUS_LABELS = {NeedStatus.NEW: _l("Nowa")}          # labels right next to it
    __table_args__ = (check_in("status", NeedStatus),)          # ck_needs_status in the database

Members compare equal to their strings, so stored values and old literals keep working.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint


def check_in(column: str, codes: type[StrEnum], name: str | None = None) -> CheckConstraint:
    """A CHECK that `column` holds one of `codes`, named ck_<table>_<name> by the convention
    (`name` defaults to the column's; older sets are named `<column>_known`)."""
    values = ", ".join(f"'{code.value}'" for code in codes)
    return CheckConstraint(f"{column} IN ({values})", name=name or column)
