"""Building the Karta usług i kryteriów dostępu."""

from datetime import date

from researcher.card import services
from researcher.card.models import ServiceCard, ServiceCardRow
from researcher.extensions import db


def make_card(client, campaign_id=1):
    client.post(
        "/karty/",
        data={
            "campaign": campaign_id,
            "title": "Karta 2026",
            "prepared_on": "2026-11-20",
            "prepared_by_name": "Piotr Wiśniewski",
        },
    )
    return db.session.scalar(db.select(ServiceCard))


def row_data(**changes):
    data = {
        "name": "Usługa pomocy domowej i opieki domowej",
        "area": "pomoc_spoleczna",
        "offered": "nie",
        "new": "tak",
        "criterion": "powszechnosc",
        "criterion_description": "",
        "provider": "ngo_pes",
        "justification": "Wielu seniorów mieszka samotnie.",
    }
    data.update(changes)
    return data


def test_manager_creates_a_card_with_date_and_preparer(client, manager, demo):
    card = make_card(client)
    assert card.prepared_on == date(2026, 11, 20)
    assert card.prepared_by_name == "Piotr Wiśniewski"


def test_add_a_row_by_hand(client, manager, demo):
    card = make_card(client)
    response = client.post(f"/karty/{card.id}/wiersze/nowy", data=row_data())
    assert response.status_code == 302
    row = db.session.scalar(db.select(ServiceCardRow))
    assert (row.position, row.criterion, row.new) == (1, "powszechnosc", True)


def test_selective_criterion_needs_a_description_beside_the_field(client, manager, demo):
    card = make_card(client)
    response = client.post(
        f"/karty/{card.id}/wiersze/nowy", data=row_data(criterion="selekcyjne")
    )
    assert response.status_code == 400
    assert "Opisz kryterium" in response.text
    assert db.session.scalar(db.select(ServiceCardRow)) is None


def test_row_from_needs_counts_the_evidence_and_its_urgency(client, manager, synced):
    needs = synced(2)
    card = make_card(client)
    chosen = [n.id for n in needs if n.area == "pomoc_spoleczna"]
    client.post("/karty/z-potrzeb", data={"card": card.id, "need_id": chosen, "name": "Opieka"})
    row = db.session.scalar(db.select(ServiceCardRow))
    assert services.evidence(row).needs == 2
    assert services.evidence(row).urgency["3m"] == 2
    page = client.get(f"/karty/{card.id}").text
    assert "W ciągu 3 miesięcy: 2" in page


def test_rejected_needs_do_not_count_as_evidence(client, manager, synced):
    needs = synced(1)
    card = make_card(client)
    client.post("/karty/z-potrzeb", data={"card": card.id, "need_id": [needs[0].id]})
    needs[0].status = "odrzucona"
    db.session.commit()
    row = db.session.scalar(db.select(ServiceCardRow))
    assert services.evidence(row).needs == 0


def test_both_offered_and_new_is_allowed_with_a_warning(client, manager, demo):
    card = make_card(client)
    client.post(f"/karty/{card.id}/wiersze/nowy", data=row_data(offered="tak", new="tak"))
    assert "jednocześnie dotychczas oferowana i nowa" in client.get(f"/karty/{card.id}").text


def test_rows_can_be_reordered_and_deleted(client, manager, demo):
    card = make_card(client)
    client.post(f"/karty/{card.id}/wiersze/nowy", data=row_data(name="A"))
    client.post(f"/karty/{card.id}/wiersze/nowy", data=row_data(name="B"))
    second = db.session.scalar(db.select(ServiceCardRow).filter_by(name="B"))
    client.post(f"/karty/{card.id}/wiersze/{second.id}/przesun", data={"kierunek": "w-gore"})
    db.session.refresh(card)
    assert [r.name for r in card.rows] == ["B", "A"]
    client.post(f"/karty/{card.id}/wiersze/{second.id}/usun")
    db.session.refresh(card)
    assert [(r.name, r.position) for r in card.rows] == [("A", 1)]


def test_saved_versions_do_not_change_when_the_card_does(client, manager, demo):
    card = make_card(client)
    client.post(f"/karty/{card.id}/wiersze/nowy", data=row_data(name="Pierwsza"))
    client.post(f"/karty/{card.id}/wersje")
    row = db.session.scalar(db.select(ServiceCardRow))
    client.post(f"/karty/{card.id}/wiersze/{row.id}", data=row_data(name="Zmieniona"))
    page = client.get(f"/karty/{card.id}/wersje/1").text
    assert "Pierwsza" in page and "Zmieniona" not in page
    assert "Menedżer ds. usług społecznych" in page


def test_researcher_cannot_edit_cards(client, login):
    login("researcher")
    assert client.get("/karty/").status_code == 403


def test_the_actions_cell_stays_a_table_cell(client, manager, demo):
    card = make_card(client)
    client.post(f"/karty/{card.id}/wiersze/nowy", data=row_data())
    page = client.get(f"/karty/{card.id}").text
    # .actions is a flex box; on the <td> itself it took the cell out of its row.
    assert '<td class="actions">' not in page
    assert '<div class="actions">' in page
