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


def test_every_message_in_the_code_has_an_english_translation(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "N_", "--no-location", "-o", str(pot), "."],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open(encoding="utf-8") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    assert len(wanted) > 500  # the extraction really read the code
    po = root / "researcher" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
    with po.open(encoding="utf-8") as handle:
        english = {m.id: m for m in read_po(handle) if m.id}
    missing = sorted(
        str(i) for i in wanted
        if i not in english or not english[i].string or english[i].fuzzy
    )
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing[:10])
