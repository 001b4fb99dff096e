"""The access log: what is logged (accounts, permissions, exports), the admin page, the CSV."""

from __future__ import annotations

from datetime import datetime

from researcher.audit.models import AccessAction, AccessLogEntry
from researcher.audit.services import record_access
from researcher.auth.permissions import Permission
from researcher.extensions import db


def entries(action=None):
    query = db.select(AccessLogEntry).order_by(AccessLogEntry.id)
    if action:
        query = query.where(AccessLogEntry.action == action)
    return db.session.scalars(query).all()


def test_creating_an_account_is_logged_without_its_password(client, login):
    admin = login("admin")
    response = client.post("/admin/uzytkownicy", data={
        "email": "nowa@example.org", "full_name": "Nowa", "role": "manager"})
    assert response.status_code == 200  # the page shows the one-time password
    [entry] = entries(AccessAction.ACCOUNT_CHANGE)
    assert (entry.actor_id, entry.detail) == (admin.id, {"change": "created", "role": "manager"})


def test_deactivating_and_resetting_a_password_are_logged(client, login, make_user):
    login("admin")
    other = make_user("researcher")
    client.post(f"/admin/uzytkownicy/{other.id}/aktywnosc")
    client.post(f"/admin/uzytkownicy/{other.id}/reset-hasla")
    changes = [(e.target_id, e.detail["change"]) for e in entries(AccessAction.ACCOUNT_CHANGE)]
    assert changes == [(str(other.id), "deactivated"), (str(other.id), "password_reset")]


def test_admin_grants_and_revokes_a_permission_on_the_users_page(client, login, make_user):
    login("admin")
    manager = make_user("manager")
    html = client.get("/admin/uzytkownicy").get_data(as_text=True)
    assert "Nadaj: Wnioski RODO" in html
    client.post(f"/admin/uzytkownicy/{manager.id}/uprawnienia",
                data={"permission": Permission.RIGHTS_REQUESTS, "grant": "1"})
    db.session.refresh(manager)
    assert manager.has_permission(Permission.RIGHTS_REQUESTS)
    assert "Odbierz: Wnioski RODO" in client.get("/admin/uzytkownicy").get_data(as_text=True)
    client.post(f"/admin/uzytkownicy/{manager.id}/uprawnienia",
                data={"permission": Permission.RIGHTS_REQUESTS, "grant": "0"})
    db.session.refresh(manager)
    assert not manager.has_permission(Permission.RIGHTS_REQUESTS)
    granted = [e.detail["granted"] for e in entries(AccessAction.PERMISSION_CHANGE)]
    assert granted == [True, False]


def test_an_export_is_logged_with_what_variant_and_k(app_context, make_user):
    from researcher.demo.services import seed_demo
    from researcher.exports import services

    seed_demo()
    manager = make_user("manager")
    job = services.create_job("diagnosis", 1, "csv", "ops", manager, {"DISCLOSURE_K": 7})
    [entry] = entries(AccessAction.EXPORT)
    assert (entry.actor_id, entry.target_kind) == (manager.id, "export")
    assert entry.target_id == str(job.id)
    assert entry.detail == {"kind": "diagnosis", "variant": "ops", "format": "csv", "k": 7,
                            "campaign_id": 1}


def test_the_log_page_filters_by_action_actor_and_day(client, login, make_user):
    admin = login("admin")
    other = make_user("manager")
    record_access(AccessAction.CODE_LOOKUP, other.id, "respondent", None, found=1)
    old = record_access(AccessAction.ERASURE, admin.id, "respondent", None, visits=1)
    old.at = datetime(2026, 1, 10, 12, 0)
    db.session.commit()
    page = client.get("/admin/dziennik-dostepu?action=code_lookup").get_data(as_text=True)
    assert "Wyszukanie kodu respondenta" in page and "visits=1" not in page
    page = client.get(f"/admin/dziennik-dostepu?actor={admin.id}").get_data(as_text=True)
    assert "visits=1" in page and "found=1" not in page
    page = client.get("/admin/dziennik-dostepu?since=2026-01-10&until=2026-01-10")
    assert "visits=1" in page.get_data(as_text=True)
    assert "found=1" not in page.get_data(as_text=True)


def test_the_csv_holds_the_filtered_entries_and_its_download_is_logged(client, login, make_user):
    admin = login("admin")
    record_access(AccessAction.CONTACT_READ, admin.id, "visit", 5)
    record_access(AccessAction.CODE_LOOKUP, admin.id, "respondent", None, found=0)
    db.session.commit()
    response = client.get("/admin/dziennik-dostepu/dziennik.csv?action=contact_read")
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "id,at_utc,actor_id,action,target_kind,target_id,detail"
    assert len(lines) == 2 and ",contact_read,visit,5," in lines[1]
    [download] = entries(AccessAction.LOG_DOWNLOAD)
    assert download.detail["rows"] == 1


def test_a_holder_of_the_rights_permission_does_not_see_the_log(client, make_user):
    from researcher.auth.services import grant_permission
    from tests.conftest import log_in

    admin = make_user("admin")
    manager = make_user("manager")
    grant_permission(manager, Permission.RIGHTS_REQUESTS, by=admin)
    db.session.commit()
    log_in(client, manager)
    assert client.get("/admin/dziennik-dostepu").status_code == 403
