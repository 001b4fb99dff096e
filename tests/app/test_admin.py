"""Admin pages: accounts, campaigns, localities."""

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality


def test_admin_creates_an_account_and_sees_its_one_time_password(client, login):
    login("admin")
    response = client.post(
        "/admin/uzytkownicy",
        data={"email": "Nowa@Example.org", "full_name": "Nowa Osoba", "role": "researcher"},
        follow_redirects=True,
    )
    assert "Hasło jednorazowe" in response.text
    user = db.session.scalar(db.select(User).where(User.email == "nowa@example.org"))
    assert user.role == "researcher" and user.active


def test_duplicate_email_shows_the_message_beside_the_field(client, login):
    admin = login("admin")
    response = client.post(
        "/admin/uzytkownicy", data={"email": admin.email, "role": "manager"}
    )
    assert response.status_code == 400
    assert "już istnieje" in response.text
    assert 'aria-invalid="true"' in response.text


def test_admin_deactivates_and_reactivates_an_account(client, login, make_user):
    login("admin")
    user = make_user("researcher")
    client.post(f"/admin/uzytkownicy/{user.id}/aktywnosc")
    db.session.refresh(user)
    assert user.active is False
    client.post(f"/admin/uzytkownicy/{user.id}/aktywnosc")
    db.session.refresh(user)
    assert user.active is True


def test_admin_resets_a_password(client, login, make_user):
    login("admin")
    user = make_user("researcher")
    old_hash = user.password_hash
    response = client.post(f"/admin/uzytkownicy/{user.id}/reset-hasla", follow_redirects=True)
    db.session.refresh(user)
    assert user.password_hash != old_hash
    assert "Nowe hasło dla" in response.text


def campaign_form(**overrides):
    data = {
        "name": "Badanie 2026",
        "gmina": "1417082",
        "starts_on": "2026-03-01",
        "ends_on": "2026-06-30",
        "status": "aktywna",
        "questionnaire_version": "2026.1",
    }
    data.update(overrides)
    return data


def test_admin_creates_a_campaign_with_assigned_researchers(client, login, make_user):
    login("admin")
    researcher = make_user("researcher")
    response = client.post(
        "/admin/kampanie/nowa", data=campaign_form(researchers=[str(researcher.id)])
    )
    assert response.status_code == 302
    campaign = db.session.scalar(db.select(Campaign))
    assert campaign.gmina.name == "Wiązowna"
    assert campaign.researchers == [researcher]
    assert campaign.open_to_all_researchers is False


def test_campaign_with_unknown_gmina_is_refused_beside_the_field(client, login):
    login("admin")
    response = client.post("/admin/kampanie/nowa", data=campaign_form(gmina="9999999"))
    assert response.status_code == 400
    assert "Nie ma gminy o takim kodzie TERC" in response.text


def test_campaign_ending_before_it_starts_is_refused(client, login):
    login("admin")
    response = client.post("/admin/kampanie/nowa", data=campaign_form(ends_on="2026-01-01"))
    assert response.status_code == 400
    assert "nie może być wcześniejsza" in response.text


def test_admin_edits_a_campaign(client, login):
    login("admin")
    client.post("/admin/kampanie/nowa", data=campaign_form())
    campaign = db.session.scalar(db.select(Campaign))
    page = client.get(f"/admin/kampanie/{campaign.id}")
    assert 'value="1417082"' in page.text
    client.post(f"/admin/kampanie/{campaign.id}", data=campaign_form(name="Nowa nazwa"))
    db.session.refresh(campaign)
    assert campaign.name == "Nowa nazwa"


def test_admin_adds_a_locality_to_a_gmina(client, login):
    login("admin")
    response = client.post(
        "/admin/gminy/141708/obszary", data={"name": "Majdan", "kind": "solectwo", "simc": ""}
    )
    assert response.status_code == 302
    locality = db.session.scalar(db.select(Locality))
    assert (locality.gmina_code, locality.name, locality.kind) == ("141708", "Majdan", "solectwo")


def test_duplicate_locality_is_refused(client, login):
    login("admin")
    data = {"name": "Majdan", "kind": "solectwo"}
    client.post("/admin/gminy/141708/obszary", data=data)
    response = client.post("/admin/gminy/141708/obszary", data=data)
    assert response.status_code == 400
    assert "już istnieje" in response.text


def test_gmina_search_page_lists_matches(client, login):
    login("admin")
    assert "gmina Wiązowna (powiat otwocki, woj. mazowieckie)" in client.get(
        "/admin/gminy?q=Wiązowna"
    ).text


def test_admin_cannot_deactivate_their_own_account(client, login):
    admin = login("admin")
    response = client.post(f"/admin/uzytkownicy/{admin.id}/aktywnosc", follow_redirects=True)
    db.session.refresh(admin)
    assert admin.active is True
    assert "Nie możesz dezaktywować własnego konta" in response.text
