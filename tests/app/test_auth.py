"""Logging in and out, lock-out, CSRF, deactivated accounts, changing a password."""

from tests.conftest import PASSWORD, log_in


def post_login(client, email, password=PASSWORD, **kwargs):
    return client.post("/logowanie", data={"email": email, "password": password}, **kwargs)


def test_login_page_is_polish(client):
    page = client.get("/logowanie")
    assert page.status_code == 200
    assert 'lang="pl"' in page.text
    assert "Zaloguj się" in page.text


def test_good_password_logs_in_and_redirects_home(client, make_user):
    user = make_user("manager")
    response = post_login(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_email_is_case_insensitive(client, make_user):
    user = make_user("manager")
    assert post_login(client, user.email.upper()).status_code == 302


def test_bad_password_is_refused_with_a_message(client, make_user):
    user = make_user("manager")
    response = post_login(client, user.email, "zle-haslo-000")
    assert response.status_code == 401
    assert "Nieprawidłowy e-mail lub hasło" in response.text
    assert client.get("/").status_code == 302


def test_unknown_email_gets_the_same_message(client):
    response = post_login(client, "nikt@example.org")
    assert response.status_code == 401
    assert "Nieprawidłowy e-mail lub hasło" in response.text


def test_deactivated_account_cannot_log_in(client, make_user):
    user = make_user("researcher", active=False)
    assert post_login(client, user.email).status_code == 401


def test_deactivated_account_loses_its_session(client, make_user):
    from researcher.extensions import db

    user = make_user("researcher")
    log_in(client, user)
    user.active = False
    db.session.commit()
    assert client.get("/").status_code == 302


def test_five_failures_lock_the_account_even_with_the_right_password(client, make_user):
    user = make_user("manager")
    for _ in range(5):
        post_login(client, user.email, "zle-haslo-000")
    response = post_login(client, user.email)
    assert response.status_code == 429
    assert "Zbyt wiele nieudanych prób logowania" in response.text


def test_failures_from_a_shared_address_never_lock_out_a_correct_password(client, make_user):
    user = make_user("manager")
    for i in range(6):  # made-up e-mails from the proxy's (or the carrier's) one address
        post_login(client, f"proba{i}@example.org", "zle-haslo-000")
    assert post_login(client, user.email).status_code == 302


def test_failures_from_one_address_slow_its_answers_down(app_context):
    from researcher.auth.services import address_delay
    from researcher.auth.throttle import ThrottlePolicy, address_key, record_failure
    from researcher.extensions import db

    policy = ThrottlePolicy()
    assert address_delay("203.0.113.9", policy) == 0
    for _ in range(7):
        record_failure(address_key("203.0.113.9"), policy, hard=False)
    db.session.commit()
    assert address_delay("203.0.113.9", policy) == 0.75
    assert address_delay("198.51.100.1", policy) == 0


def test_lock_grows_with_every_further_failure():
    from researcher.auth.throttle import ThrottlePolicy

    policy = ThrottlePolicy(max_failures=5, base_seconds=30, max_seconds=900)
    assert [policy.lock_for(n).total_seconds() for n in (5, 6, 7)] == [30, 60, 120]
    assert policy.lock_for(20).total_seconds() == 900


def test_lock_expires(client, make_user):
    from datetime import timedelta

    from researcher.auth.models import LoginThrottle
    from researcher.extensions import db

    user = make_user("manager")
    for _ in range(5):
        post_login(client, user.email, "zle-haslo-000")
    for row in db.session.scalars(db.select(LoginThrottle)):
        if row.locked_until:
            row.locked_until -= timedelta(hours=1)
    db.session.commit()
    assert post_login(client, user.email).status_code == 302


def test_login_without_csrf_token_is_rejected(client, make_user, csrf_enabled):
    user = make_user("manager")
    response = post_login(client, user.email)
    assert response.status_code == 400
    assert "CSRF" in response.text


def test_login_with_csrf_token_from_the_page_works(client, make_user, csrf_enabled):
    import re

    user = make_user("manager")
    page = client.get("/logowanie").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/logowanie", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_logout_ends_the_session(client, login):
    login("manager")
    assert client.post("/wyloguj").status_code == 302
    assert client.get("/").status_code == 302


def test_change_password_needs_the_current_one(client, login):
    login("researcher")
    response = client.post(
        "/haslo", data={"current": "zle", "new": "nowe-haslo-12345", "confirm": "nowe-haslo-12345"}
    )
    assert response.status_code == 200
    assert "Obecne hasło jest nieprawidłowe" in response.text


def test_change_password_then_log_in_with_the_new_one(client, login):
    user = login("researcher")
    response = client.post(
        "/haslo",
        data={"current": PASSWORD, "new": "nowe-haslo-12345", "confirm": "nowe-haslo-12345"},
    )
    assert response.status_code == 302
    client.post("/wyloguj")
    assert post_login(client, user.email, "nowe-haslo-12345").status_code == 302


def test_change_password_rejects_short_or_mismatched(client, login):
    login("researcher")
    response = client.post("/haslo", data={"current": PASSWORD, "new": "krotkie", "confirm": "x"})
    assert "co najmniej 10 znaków" in response.text
    assert "Hasła nie są takie same" in response.text


def test_next_parameter_only_redirects_locally(client, make_user):
    user = make_user("manager")
    response = post_login(client, user.email, query_string={"next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_passwords_are_stored_with_scrypt(app_context):
    from researcher.auth.services import create_user

    user = create_user("nowy@example.org", "manager", "dlugie-haslo-123")
    assert user.password_hash.startswith("scrypt:")
    assert "dlugie-haslo-123" not in user.password_hash
