"""The field pages: offline app shell, service worker, manifest, token, "Moje wizyty"."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from forms.questionnaire import CURRENT_VERSION, RESPONDENT_CODE_ALPHABET
from researcher.extensions import db
from researcher.field.strings import field_strings
from researcher.interviews.sync import apply_record

STATIC = Path(__file__).resolve().parents[2] / "static"


def bootstrap(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="field-bootstrap">(.*?)</script>', html, re.S
    )
    return json.loads(found.group(1))


def test_field_app_hands_its_data_to_the_page_as_json(client, login, demo):
    user = login("researcher")
    html = client.get("/teren").get_data(as_text=True)
    data = bootstrap(html)
    assert data["researcher_id"] == user.id
    [campaign] = data["campaigns"]
    assert campaign["id"] == demo.campaign_id
    assert len(campaign["localities"]) == 8
    assert CURRENT_VERSION in data["definitions"]
    assert data["respondent_code"]["alphabet"] == RESPONDENT_CODE_ALPHABET
    assert data["urls"]["login"] == "/logowanie?next=/teren"
    assert data["strings"]["session_expired"] == "Sesja wygasła — zaloguj się ponownie"


def test_field_pages_have_no_inline_script(client, login, demo):
    login("researcher")
    for url in ("/teren", "/moje-wizyty"):
        html = client.get(url).get_data(as_text=True)
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert " style=" not in html


def test_every_text_the_scripts_show_comes_from_the_server(app_context):
    from researcher.meetings.client import meeting_bootstrap

    used = set()
    for path in (STATIC / "js" / "field").glob("*.js"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\b(?:this\.t|t|this\.strings|strings)\.(\w+)", source))
    # The meeting form's texts (meeting.js) come in the bootstrap's "meeting" part.
    assert used - set(field_strings()) - set(meeting_bootstrap()["strings"]) == set()


def test_service_worker_is_served_from_the_root_and_never_cached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Service-Worker-Allowed"] == "/"
    config = json.loads(re.match(r"const CONFIG = (.*?);\n", response.get_data(as_text=True))[1])
    assert config["cache"].startswith("rekonesans-")
    assert config["pages"] == ["/teren", "/moje-wizyty"]
    assert f"/api/v1/questionnaires/{CURRENT_VERSION}" in config["definitions"]
    for url in config["assets"]:
        assert client.get(url).status_code == 200, url


def test_every_field_module_is_kept_by_the_service_worker(client):
    config = json.loads(re.match(r"const CONFIG = (.*?);\n", client.get("/sw.js").get_data(
        as_text=True))[1])
    modules = {f"/static/js/field/{p.name}" for p in (STATIC / "js" / "field").glob("*.js")}
    assert modules <= set(config["assets"])


def test_manifest_starts_the_field_app(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data(as_text=True))
    assert (manifest["start_url"], manifest["scope"], manifest["lang"]) == ("/teren", "/", "pl")


def test_token_gives_a_fresh_csrf_token(client, login):
    login("researcher")
    response = client.get("/teren/token")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.get_json()["csrf_token"]


def test_token_without_a_session_sends_to_the_login_page(client):
    response = client.get("/teren/token")
    assert response.status_code == 302
    assert "/logowanie" in response.headers["Location"]


def test_correcting_a_visit_prefills_it_with_its_revision(client, login, demo, interview):
    user = login("researcher")
    sent = interview()
    assert apply_record(sent, user, str(uuid.uuid4()), None).status == "created"
    db.session.commit()
    data = bootstrap(client.get(f"/teren?popraw={sent['uuid']}").get_data(as_text=True))
    correction = data["correction"]
    assert (correction["uuid"], correction["revision"]) == (sent["uuid"], 1)
    assert correction["data"]["needs"] == sent["data"]["needs"]


def test_nobody_corrects_another_researchers_visit(client, login, make_user, demo, interview):
    other = make_user("researcher")
    sent = interview()
    apply_record(sent, other, str(uuid.uuid4()), None)
    db.session.commit()
    login("researcher")
    assert client.get(f"/teren?popraw={sent['uuid']}").status_code == 404


def test_a_correction_link_without_a_uuid_finds_nothing(client, login, demo):
    """PostgreSQL compares the visit's uuid as a uuid: a malformed one is a 404, not an error."""
    login("researcher")
    assert client.get("/teren?popraw=nie-taki-identyfikator").status_code == 404


def test_my_visits_shows_todays_visits_of_this_researcher_with_counts(
    client, login, make_user, demo, interview
):
    user = login("researcher")
    now = datetime.now().astimezone()
    mine = interview(recorded_at=now.isoformat(timespec="seconds"))
    nobody = interview(recorded_at=now.isoformat(timespec="seconds"),
                    data={"visit_outcome": "nikt"})
    nobody["data"] = {k: nobody["data"][k] for k in ("campaign_id", "locality_id",
                                                      "visit_outcome")}
    yesterday = interview(recorded_at=(now - timedelta(days=1)).isoformat(timespec="seconds"))
    someone_elses = interview(recorded_at=now.isoformat(timespec="seconds"))
    for raw in (mine, nobody, yesterday):
        assert apply_record(raw, user, None, None).status == "created"
    apply_record(someone_elses, make_user("researcher"), None, None)
    db.session.commit()

    html = client.get("/moje-wizyty").get_data(as_text=True)
    shown = re.findall(r'class="visit-item" data-uuid="([^"]+)"', html)
    assert sorted(shown) == sorted([mine["uuid"], nobody["uuid"]])
    assert f"/teren?popraw={mine['uuid']}" in html
    assert f"/teren?popraw={nobody['uuid']}" not in html  # no interview to correct
    assert re.search(r"Wywiad zrealizowany</th><td class=\"num\">1<", html)
    assert re.search(r"Nikt nie otworzył</th><td class=\"num\">1<", html)
