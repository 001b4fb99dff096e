"""Times are stored as naive UTC and shown in Polish local time (BABEL_DEFAULT_TIMEZONE)."""

from __future__ import annotations

from datetime import datetime

from researcher.extensions import db
from researcher.interviews.models import QuarantinedRecord


def test_a_quarantined_record_received_at_2330_utc_shows_0030_the_next_day(
    client, login, make_user
):
    researcher = make_user("researcher")
    db.session.add(QuarantinedRecord(
        researcher_id=researcher.id, record_uuid="x", payload={}, errors={},
        received_at=datetime(2026, 1, 15, 23, 30),
    ))
    db.session.commit()
    login("admin")
    page = client.get("/admin/kwarantanna").text
    assert "2026-01-16 00:30" in page
    assert "2026-01-15 23:30" not in page
