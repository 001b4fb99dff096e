"""Security headers, cookies, error pages and the JSON error shape under /api/."""


def test_pages_carry_security_headers(client):
    headers = client.get("/logowanie").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script(client, login):
    login("admin")
    for url in ("/logowanie", "/", "/admin/uzytkownicy", "/admin/kampanie"):
        text = client.get(url).text
        assert "<script>" not in text and "onclick=" not in text, url


def test_session_cookie_is_httponly_and_lax(client, make_user):
    from tests.conftest import PASSWORD

    user = make_user("manager")
    response = client.post("/logowanie", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_page_is_a_polish_404(client):
    response = client.get("/nie-ma-takiej-strony")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.text


def test_forbidden_page_is_a_polish_403(client, login):
    login("researcher")
    response = client.get("/admin/uzytkownicy")
    assert response.status_code == 403
    assert "Nie masz dostępu" in response.text


def test_api_errors_are_json_in_one_shape(client):
    response = client.get("/api/nie-ma")
    assert response.status_code == 404
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "fields"}


def test_unexpected_error_is_a_polish_500_page(tmp_path):
    from researcher import create_app
    from researcher.access import public

    url = f"sqlite:///{tmp_path}/a.db"  # no tables: no job worker thread either
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url, "JOBS_WORKER": "inline"})

    @app.get("/_boom")
    @public
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/_boom")
    assert response.status_code == 500
    assert "Wystąpił błąd serwera" in response.text


def test_static_files_come_from_the_project(client):
    assert client.get("/static/css/app.css").status_code == 200


def test_text_responses_are_gzipped_when_the_client_accepts_it(client):
    import gzip

    response = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b".button" in gzip.decompress(response.get_data())
    page = client.get("/logowanie", headers={"Accept-Encoding": "gzip"})
    assert b"Zaloguj" in gzip.decompress(page.get_data())


def test_no_gzip_without_accept_encoding(client):
    response = client.get("/static/css/app.css")
    assert "Content-Encoding" not in response.headers
    assert b".button" in response.get_data()


def test_login_session_lasts_the_working_day(client, make_user):
    from tests.conftest import PASSWORD

    user = make_user("researcher")
    response = client.post("/logowanie", data={"email": user.email, "password": PASSWORD})
    assert "Expires=" in response.headers["Set-Cookie"]
