"""The date ranges published figures may cover: whole calendar months.

Two published totals whose ranges differ by one day reveal that day's count by subtraction,
however small (a range ending on the 14th minus one ending on the 13th). With ranges widened
to whole months, a difference is at least a month's count; together with the suppression of
small cells this keeps one-day counts of 1–4 out of reach.
"""

from __future__ import annotations

import calendar
from datetime import date


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    # monthrange, not "next month minus a day": December 9999 has no next month.
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def published_range(
    date_from: date | None, date_to: date | None
) -> tuple[date | None, date | None]:
    """The range a published table may cover: `date_from`..`date_to` widened to whole months."""
    return (
        month_start(date_from) if date_from else None,
        month_end(date_to) if date_to else None,
    )
