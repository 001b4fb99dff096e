"""Polish by default, English on request."""


def test_default_language_is_polish(client):
    assert "Logowanie" in client.get("/logowanie").text


def test_language_switch_to_english(client):
    client.post("/jezyk", data={"lang": "en", "next": "/logowanie"})
    page = client.get("/logowanie").text
    assert 'lang="en"' in page
    assert "Log in" in page


def test_unknown_language_is_ignored(client):
    client.post("/jezyk", data={"lang": "xx"})
    assert 'lang="pl"' in client.get("/logowanie").text
