"""Contact data: only named holders, one record at a time, after a reason, every read logged."""

import pytest

from researcher.audit.models import AccessLogEntry
from researcher.auth.models import ROLES
from researcher.extensions import db
from researcher.followups.models import Followup
from tests.conftest import log_in
from tests.followups.conftest import PHONE, grant

REASON = "Umówienie wizyty opiekunki"


def logged_reads() -> list[AccessLogEntry]:
    return list(db.session.scalars(
        db.select(AccessLogEntry).where(AccessLogEntry.action == "contact_read")
    ))


def test_a_holder_reads_the_contact_after_stating_a_reason(client, consenting, make_user):
    need = consenting()[0]
    manager = grant(make_user("manager"))
    log_in(client, manager)
    url = f"/kontakty/potrzeba/{need.id}/kontakt"
    assert PHONE not in client.get(url).get_data(as_text=True)
    page = client.post(url, data={"reason": REASON})
    assert PHONE in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    [entry] = logged_reads()
    assert (entry.actor_id, entry.target_kind) == (manager.id, "need")
    assert entry.target_id == str(need.id)
    assert entry.detail["reason"] == REASON
    assert PHONE not in str(entry.detail)


def test_every_read_is_logged_again(client, consenting, make_user):
    need = consenting()[0]
    log_in(client, grant(make_user("manager")))
    for _ in range(2):
        client.post(f"/kontakty/potrzeba/{need.id}/kontakt", data={"reason": REASON})
    assert len(logged_reads()) == 2


def test_no_reason_no_contact_and_no_read(client, consenting, make_user):
    need = consenting()[0]
    log_in(client, grant(make_user("manager")))
    page = client.post(f"/kontakty/potrzeba/{need.id}/kontakt", data={"reason": "bo tak"})
    assert PHONE not in page.get_data(as_text=True)
    assert logged_reads() == []


def test_the_log_cannot_be_edited(client, consenting, make_user):
    need = consenting()[0]
    log_in(client, grant(make_user("manager")))
    client.post(f"/kontakty/potrzeba/{need.id}/kontakt", data={"reason": REASON})
    [entry] = logged_reads()
    entry.detail = {"reason": "inny"}
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()


def test_a_researcher_holder_reads_only_contacts_of_follow_ups_assigned_to_them(
    client, consenting, make_user
):
    mine, other, _ = consenting()
    researcher = grant(make_user("researcher"))
    db.session.add(Followup(need_id=mine.id, assigned_to_id=researcher.id))
    db.session.commit()
    log_in(client, researcher)
    ok = client.post(f"/kontakty/potrzeba/{mine.id}/kontakt", data={"reason": REASON})
    refused = client.post(f"/kontakty/potrzeba/{other.id}/kontakt", data={"reason": REASON})
    assert PHONE in ok.get_data(as_text=True)
    assert refused.status_code == 404 and PHONE not in refused.get_data(as_text=True)
    assert len(logged_reads()) == 1


@pytest.mark.parametrize("role", [None, *ROLES])
@pytest.mark.parametrize("holder", [False, True])
def test_route_walk_nobody_else_reads_a_contact(app, client, consenting, make_user, role, holder):
    """Every route, GET and POST with a reason, for every role with and without the permission:
    the phone number appears only for a holder with the right to this follow-up, and each time
    it does, one read is logged."""
    need = consenting()[0]
    user = make_user(role) if role else None
    if user and holder:
        grant(user)
    shown = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = url.replace(f"<int:{arg}>", str(need.id)).replace(f"<{arg}>", "x")
        for method in sorted(rule.methods & {"GET", "POST"}):
            if user:
                log_in(client, user)
            response = client.open(url, method=method, data={"reason": REASON})
            if PHONE in response.get_data().decode("utf-8", "replace"):  # files too
                shown += 1
    may = holder and role in ("manager", "admin")
    assert shown == (1 if may else 0)
    assert len(logged_reads()) == shown
