"""Sessions that end: logout, a password change, deactivation and an admin's reset end every
other session of the account; new passwords are shown once and never kept in the cookie;
only same-site paths are followed after login; the proxy's address is trusted only when
configured."""

from __future__ import annotations

import pytest
from flask import Flask

from researcher import create_app
from researcher.extensions import db
from tests.conftest import PASSWORD, log_in


def _post_login(client, email, next_=None):
    url = "/logowanie" + (f"?next={next_}" if next_ else "")
    return client.post(url, data={"email": email, "password": PASSWORD})


@pytest.fixture
def second_device(app_context):
    return app_context.test_client()


def test_a_cookie_captured_before_logout_is_worthless_after(client, make_user, second_device):
    user = make_user("manager")
    _post_login(client, user.email)
    captured = client.get_cookie("session").value
    client.post("/wyloguj")
    second_device.set_cookie("session", captured)
    assert second_device.get("/").status_code == 302


def test_logout_ends_the_sessions_on_other_devices(client, make_user, second_device):
    user = make_user("researcher")
    log_in(second_device, user)
    log_in(client, user)
    client.post("/wyloguj")
    assert second_device.get("/moje-wizyty").status_code == 302


def test_a_password_change_logs_out_other_devices_but_not_this_one(
    client, make_user, second_device
):
    user = make_user("manager")
    log_in(client, user)
    log_in(second_device, user)
    response = client.post("/haslo", data={"current": PASSWORD, "new": "nowe-haslo-12345",
                                           "confirm": "nowe-haslo-12345"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert second_device.get("/").status_code == 302


def test_deactivation_and_reset_end_the_accounts_sessions(client, make_user, second_device):
    admin, user = make_user("admin"), make_user("manager")
    log_in(second_device, user)
    log_in(client, admin)
    client.post(f"/admin/uzytkownicy/{user.id}/reset-hasla")
    assert second_device.get("/").status_code == 302
    log_in(second_device, db.session.get(type(user), user.id))
    client.post(f"/admin/uzytkownicy/{user.id}/aktywnosc")
    assert second_device.get("/").status_code == 302


def test_a_reset_password_is_shown_once_and_never_stored_in_the_cookie(client, make_user):
    admin, user = make_user("admin"), make_user("manager")
    log_in(client, admin)
    response = client.post(f"/admin/uzytkownicy/{user.id}/reset-hasla")
    assert response.status_code == 200
    assert "Nowe hasło dla" in response.text
    with client.session_transaction() as session:
        assert "_flashes" not in session
    assert "Nowe hasło dla" not in client.get("/admin/uzytkownicy").text


def test_a_new_accounts_password_is_not_stored_in_the_cookie(client, make_user):
    log_in(client, make_user("admin"))
    response = client.post("/admin/uzytkownicy", data={
        "email": "nowa@example.org", "full_name": "Nowa", "role": "researcher"})
    assert response.status_code == 200
    assert "Hasło jednorazowe" in response.text
    with client.session_transaction() as session:
        assert "_flashes" not in session


@pytest.mark.parametrize("target", [
    "/%09/evil.example", "//evil.example", "/\\\\evil.example", "https://evil.example/",
    "%2F%2Fevil.example", "/%0a/evil.example", "javascript:alert(1)", "/ /evil.example",
])
def test_login_never_redirects_off_site(client, make_user, target):
    user = make_user("manager")
    location = _post_login(client, user.email, next_=target).headers["Location"]
    assert location == "/"


def test_login_follows_a_same_site_path(client, make_user):
    user = make_user("manager")
    location = _post_login(client, user.email, next_="/panel%3Fkampania%3D1").headers["Location"]
    assert location == "/panel?kampania=1"


def _remote_addr(app: Flask, forwarded: str) -> str:
    seen = {}

    @app.get("/_addr")
    def addr():  # a probe route, only in this test's app
        from flask import request

        seen["addr"] = request.remote_addr
        return ""

    addr.access = frozenset({"*"})
    app.test_client().get("/_addr", headers={"X-Forwarded-For": forwarded})
    return seen["addr"]


def test_forwarded_addresses_are_ignored_unless_proxies_are_trusted(app):
    plain = create_app({**app.config, "TESTING": True})
    assert _remote_addr(plain, "203.0.113.7") == "127.0.0.1"
    behind_proxy = create_app({**app.config, "TESTING": True, "TRUSTED_PROXIES": 1})
    assert _remote_addr(behind_proxy, "203.0.113.7") == "203.0.113.7"
