"""The service card: the NGO's name in its title, a blank "Nowe do uruchomienia", a picker."""

from __future__ import annotations

from datetime import date

import pytest

from researcher.card.models import ServiceCard, ServiceCardRow
from researcher.exports.models import ExportJob
from researcher.extensions import db
from tests.exports.data import craft_campaign
from tests.exports.files import docx_text


@pytest.fixture
def crafted(demo, add_visit):  # noqa: F811
    return craft_campaign(demo, add_visit)



def _older_card(crafted) -> ServiceCard:
    """A second card of the campaign, older than the crafted one, with a blank "Nowe"."""
    first = db.session.scalar(db.select(ServiceCard))
    card = ServiceCard(
        campaign_id=crafted.campaign_id, title="Karta robocza", organisation_name="Żółty Dąb",
        prepared_on=date(2026, 3, 1), prepared_by_name="Anna Nowak",
        created_by_id=first.created_by_id,
        updated_at=first.updated_at.replace(year=first.updated_at.year - 1),
    )  # fmt: skip
    card.rows = [ServiceCardRow(position=1, name="Pomoc sąsiedzka", area="pomoc_spoleczna",
                                offered=True, new=None, criterion="selekcyjne_gotowosc")]
    db.session.add(card)
    db.session.commit()
    return card


def _download(client, crafted, **extra):
    form = {"campaign": crafted.campaign_id, "kind": "card", "variant": "cus", "format": "docx",
            **extra}  # fmt: skip
    assert client.post("/eksporty/", data=form).status_code == 302
    job = db.session.scalars(db.select(ExportJob).order_by(ExportJob.id.desc())).first()
    return client.get(f"/eksporty/{job.id}/plik"), job


def test_the_picker_exports_the_chosen_card_with_the_ngo_name_and_a_blank_new(
    client, login, crafted, tmp_path
):
    login("manager")
    older = _older_card(crafted)
    newest, _ = _download(client, crafted)
    path = tmp_path / "newest.docx"
    path.write_bytes(newest.data)
    assert "Pomoc sąsiedzka" not in docx_text(path)  # without a choice: the newest card
    chosen, job = _download(client, crafted, card=older.id)
    assert job.params == {"card_id": older.id}
    path = tmp_path / "chosen.docx"
    path.write_bytes(chosen.data)
    text = docx_text(path)
    assert "KARTA USŁUG I KRYTERIÓW DOSTĘPU ORGANIZACJI POZARZĄDOWEJ Żółty Dąb" in text
    assert "Pomoc sąsiedzka" in text


def test_a_card_row_may_leave_new_blank(client, login, crafted):
    login("manager")
    card = db.session.scalar(db.select(ServiceCard))
    response = client.post(f"/karty/{card.id}/wiersze/nowy", data={
        "name": "Wydarzenia sąsiedzkie", "area": "aktywnosc_obywatelska", "offered": "nie",
        "new": "", "criterion": "powszechnosc",
    })  # fmt: skip
    assert response.status_code == 302, response.text[:300]
    row = db.session.scalar(db.select(ServiceCardRow).where(
        ServiceCardRow.name == "Wydarzenia sąsiedzkie"))
    assert row.new is None


def test_card_evidence_is_broken_down_by_channel(client, login, crafted):
    from researcher.card import services as card_services
    from researcher.interviews.models import Need

    row = db.session.scalar(db.select(ServiceCardRow).order_by(ServiceCardRow.id))
    phone = db.session.scalar(db.select(Need).order_by(Need.id.desc()))
    assert phone not in row.needs
    phone.visit_id, phone.channel = None, "telefon"  # as if entered by hand
    row.needs.append(phone)
    db.session.commit()
    evidence = card_services.evidence(row)
    assert evidence.channels["telefon"] == 1 and sum(evidence.channels.values()) == evidence.needs
    login("manager")
    assert "Telefon / dyżur: 1" in client.get(f"/karty/{row.card_id}").text
