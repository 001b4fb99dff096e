"""Published date ranges are whole months: two dashboard totals one day apart cannot reveal
a one-day count by subtraction."""

from __future__ import annotations

import re
from datetime import date, datetime

from researcher.reports.periods import published_range


def test_a_range_is_widened_to_whole_months():
    assert published_range(date(2026, 5, 14), date(2026, 6, 3)) == (
        date(2026, 5, 1), date(2026, 6, 30))
    assert published_range(None, date(2026, 2, 10)) == (None, date(2026, 2, 28))
    assert published_range(None, None) == (None, None)


def _visits_shown(html: str) -> str:
    return re.search(r"<dt>Wizyty</dt><dd>([^<]*)</dd>", html).group(1)


def test_ranges_one_day_apart_show_the_same_totals(client, login, add_visit):
    for day in range(1, 12):  # enough in May to publish, and 2 visits on 14 May alone
        add_visit(when=datetime(2026, 5, day, 10), needs=[{"area": "zdrowie"}])
    add_visit(when=datetime(2026, 5, 14, 10))
    add_visit(when=datetime(2026, 5, 14, 11))
    login("manager")
    before = client.get("/panel?kampania=1&od=2026-05-01&do=2026-05-13").text
    after = client.get("/panel?kampania=1&od=2026-05-01&do=2026-05-14").text
    assert _visits_shown(before) == _visits_shown(after) == "13"
    assert "rozszerzono do pełnych miesięcy" in after
