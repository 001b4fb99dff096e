"""The register: the manager adds, edits, confirms tips; volunteers' contacts are encrypted."""

from researcher.audit.models import AccessLogEntry
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.resources.models import Resource
from tests.conftest import log_in
from tests.followups.conftest import grant

VOLUNTEER_PHONE = "501 502 503"


def form(**changes):
    gmina = db.session.get(Campaign, 1).gmina_code
    data = {
        "gmina": gmina, "kind": "wolontariusz", "name": "Pani Zofia",
        "description": "Zakupy i spacery z seniorami", "areas": ["pomoc_spoleczna"],
        "target_groups": ["seniorzy"], "hours_per_month": "8", "contact": VOLUNTEER_PHONE,
        "source": "rozmowa w świetlicy", "source_date": "2026-11-02",
        "institution": "", "access": "", "cost": "",
    }
    data.update(changes)
    return data


def test_a_manager_adds_a_volunteer_whose_contact_is_stored_encrypted(client, login, demo):
    login("manager")
    response = client.post("/zasoby/nowy", data=form())
    assert response.status_code == 302, response.get_data(as_text=True)
    resource = db.session.scalar(db.select(Resource))
    assert (resource.kind, resource.hours_per_month, resource.areas) == (
        "wolontariusz", 8, ["pomoc_spoleczna"]
    )
    assert VOLUNTEER_PHONE.encode() not in resource.contact_token
    page = client.get(f"/zasoby/{resource.id}").get_data(as_text=True)
    assert VOLUNTEER_PHONE not in page


def test_editing_without_a_contact_keeps_the_stored_one(client, login, demo):
    login("manager")
    client.post("/zasoby/nowy", data=form())
    resource = db.session.scalar(db.select(Resource))
    token = resource.contact_token
    client.post(f"/zasoby/{resource.id}", data=form(contact="", name="Zofia K."))
    db.session.refresh(resource)
    assert (resource.name, resource.contact_token) == ("Zofia K.", token)


def test_an_institution_takes_no_personal_contact(client, login, demo):
    login("manager")
    page = client.post("/zasoby/nowy", data=form(kind="instytucja", institution="ops"))
    assert page.status_code == 200
    assert db.session.scalar(db.select(Resource)) is None


def test_a_volunteer_contact_is_read_only_by_a_holder_with_a_reason_and_logged(
    client, make_user, demo
):
    manager = make_user("manager")
    log_in(client, manager)
    client.post("/zasoby/nowy", data=form())
    resource = db.session.scalar(db.select(Resource))
    url = f"/zasoby/{resource.id}/kontakt"
    assert client.get(url).status_code == 403
    grant(manager)
    log_in(client, manager)
    page = client.post(url, data={"reason": "Prośba o pomoc dla sąsiadki"})
    assert VOLUNTEER_PHONE in page.get_data(as_text=True)
    [entry] = db.session.scalars(db.select(AccessLogEntry).where(
        AccessLogEntry.action == "contact_read"))
    assert (entry.target_kind, entry.target_id) == ("resource", str(resource.id))


def test_the_manager_confirms_or_rejects_a_tip(client, login, make_resource):
    tip = make_resource(name="Klub seniora przy parafii")
    other = make_resource(name="Ktoś")
    tip.status = other.status = "zgloszony"
    db.session.commit()
    login("manager")
    client.post(f"/zasoby/{tip.id}/status", data={"status": "aktywny"})
    client.post(f"/zasoby/{other.id}/status", data={"status": "odrzucony"})
    db.session.refresh(tip)
    db.session.refresh(other)
    assert (tip.status, other.status) == ("aktywny", "odrzucony")


def test_the_list_filters_by_kind_and_area(client, login, make_resource):
    make_resource(name="Bank czasu Jabłonna", kind="bank_czasu", areas=["wspieranie_rodziny"])
    make_resource(name="OPS Jabłonna", kind="instytucja", institution="ops",
                  areas=["pomoc_spoleczna"])
    login("manager")
    page = client.get("/zasoby/?area=pomoc_spoleczna").get_data(as_text=True)
    assert "OPS Jabłonna" in page and "Bank czasu Jabłonna" not in page
    page = client.get("/zasoby/?kind=bank_czasu").get_data(as_text=True)
    assert "Bank czasu Jabłonna" in page and "OPS Jabłonna" not in page
