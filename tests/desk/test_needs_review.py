"""The Menedżer US reviews needs: search, correct, verify, reject, flag, approve quotes."""

from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.needs.models import NeedChange


def review(client, need, **changes):
    data = {
        "area": need.area,
        "target_groups": need.target_groups,
        "status": "nowa",
        "reason": "",
        "scope_flag": "",
    }
    data.update(changes)
    return client.post(f"/potrzeby/{need.id}", data=data)


def test_list_shows_needs_with_personal_data_masked(client, manager, synced, interview):
    record = interview()
    record["data"]["needs"][0]["description"] = "Dzwonić pod 601 234 567, mama potrzebuje opieki."
    synced(1, data={"needs": record["data"]["needs"]})
    page = client.get("/potrzeby/").text
    assert "601 234 567" not in page
    assert "[TELEFON]" in page


def test_full_text_search_finds_polish_words_case_insensitively(client, manager, synced):
    synced(1)
    page = client.get("/potrzeby/", query_string={"q": "ŚWIETLICY"}).text
    assert "Znaleziono: 1" in page
    assert "Znaleziono: 0" in client.get("/potrzeby/", query_string={"q": "basen"}).text


def test_filter_by_area_uses_the_corrected_area(client, manager, synced):
    needs = synced(1)
    review(client, needs[0], area="zdrowie")
    page = client.get("/potrzeby/", query_string={"area": "zdrowie"}).text
    assert "Znaleziono: 2" in page


def test_correction_keeps_the_researchers_original_and_logs_who_changed_it(
    client, manager, synced
):
    need = synced(1)[0]
    review(client, need, area="niepelnosprawnosc", target_groups=["seniorzy_75"])
    db.session.refresh(need)
    assert need.area == "pomoc_spoleczna"
    assert need.reviewed_area == "niepelnosprawnosc"
    assert need.reviewed_target_groups == ["seniorzy_75"]
    changes = {c.field: c for c in db.session.scalars(db.select(NeedChange))}
    assert changes["area"].user_id == manager.id
    assert changes["area"].old_value == "pomoc_spoleczna"


def test_reject_needs_a_reason_shown_beside_the_field(client, manager, synced):
    need = synced(1)[0]
    response = review(client, need, status="odrzucona")
    assert response.status_code == 400
    assert "Podaj powód odrzucenia" in response.text
    db.session.refresh(need)
    assert need.status == "nowa"


def test_verify_and_flag_material_need(client, manager, synced):
    need = synced(1)[0]
    review(client, need, status="zweryfikowana", scope_flag="potrzeba_materialna")
    db.session.refresh(need)
    assert (need.status, need.scope_flag) == ("zweryfikowana", "potrzeba_materialna")


def test_quote_with_personal_data_cannot_be_approved(client, manager, synced, interview):
    record = interview()
    record["data"]["needs"][0]["description"] = "Kontakt jan.kowalski@example.org w sprawie dowozu"
    need = synced(1, data={"needs": record["data"]["needs"]})[0]
    response = review(client, need, quote_approved="y")
    assert "nie może być cytowany" in response.text
    db.session.refresh(need)
    assert need.quote_approved is False


def test_researcher_cannot_open_the_needs_review(client, login, synced):
    need = synced(1)[0]
    login("researcher")
    assert client.get("/potrzeby/").status_code == 403
    assert client.get(f"/potrzeby/{need.id}").status_code == 403


def test_manager_never_sees_contact_data(client, manager, synced, interview):
    record = interview()
    synced(
        1,
        data={
            "contact_requested": True,
            "contact": {"name": "Halina", "phone_or_email": "601234567", "when": "rano"},
        },
    )
    need = db.session.scalar(db.select(Need))
    assert "Halina" not in client.get(f"/potrzeby/{need.id}").text
    assert "Halina" not in client.get("/potrzeby/").text
    assert record  # the fixture record itself is untouched
