"""Suggestions and referrals for a need, capacity from accepted referrals, the gaps page."""

import pytest

from researcher.extensions import db
from researcher.matching import services
from researcher.resources.models import Referral


@pytest.fixture
def needs(consenting):
    return consenting()  # pomoc_spoleczna (seniors), edukacja (children), zdrowie


def test_the_need_page_suggests_the_serving_resource_first(client, login, needs, make_resource):
    make_resource(name="Klub sportowy", areas=["sport_turystyka"])
    make_resource(name="Sąsiedzkie zakupy dla seniorów", areas=["pomoc_spoleczna"],
                  description="zakupy, sprzątanie, pomoc starszym", target_groups=["seniorzy"])
    login("manager")
    page = client.get(f"/dopasowanie/potrzeba/{needs[0].id}").get_data(as_text=True)
    assert page.index("Sąsiedzkie zakupy") < page.index("Klub sportowy")


def test_a_referral_is_proposed_then_accepted_and_uses_capacity(
    client, login, needs, make_resource
):
    resource = make_resource(name="Opiekunka", areas=["pomoc_spoleczna"], capacity_per_month=1)
    login("manager")
    client.post(f"/dopasowanie/potrzeba/{needs[0].id}", data={"resource": resource.id})
    referral = db.session.scalar(db.select(Referral))
    assert referral.status == "proponowana"
    assert services.capacity_left(resource, services.capacity_in_use()) == 1
    client.post(f"/dopasowanie/skierowanie/{referral.id}", data={"status": "przyjeta"})
    db.session.refresh(referral)
    assert referral.status == "przyjeta"
    assert services.capacity_left(resource, services.capacity_in_use()) == 0


def test_a_full_resource_accepts_no_more_referrals(needs, make_resource, make_user):
    who = make_user("manager")
    resource = make_resource(name="Opiekunka", areas=["pomoc_spoleczna"], capacity_per_month=1)
    first = services.propose(needs[0], resource, who)
    second = services.propose(needs[1], resource, who)
    services.set_referral_status(first, "przyjeta")
    with pytest.raises(services.MatchingError):
        services.set_referral_status(second, "przyjeta")


def test_a_need_is_referred_to_a_resource_once(needs, make_resource, make_user):
    who = make_user("manager")
    resource = make_resource(areas=["pomoc_spoleczna"])
    services.propose(needs[0], resource, who)
    with pytest.raises(services.MatchingError):
        services.propose(needs[0], resource, who)


def test_a_tip_not_yet_confirmed_gets_no_referral(needs, make_resource, make_user):
    resource = make_resource(areas=["pomoc_spoleczna"])
    resource.status = "zgloszony"
    with pytest.raises(services.MatchingError):
        services.propose(needs[0], resource, make_user("manager"))


def test_gaps_show_needs_without_a_resource_and_beyond_capacity(
    client, login, needs, make_resource, make_user
):
    resource = make_resource(areas=["pomoc_spoleczna"], capacity_per_month=0)
    make_resource(areas=["edukacja"])
    login("manager")
    page = client.get("/dopasowanie/luki").get_data(as_text=True)
    rows = page.split("<tbody>")[1].split("</tr>")
    social = next(r for r in rows if "Pomoc społeczna" in r)
    health = next(r for r in rows if "Promocja i ochrona zdrowia" in r)
    education = next(r for r in rows if "Edukacja publiczna" in r)
    cells = lambda row: [c.split("</td>")[0] for c in row.split("<td>")[3:]]  # noqa: E731
    assert cells(social) == ["1", "0", "1", "0"]  # needs, no resource, beyond capacity, covered
    assert cells(health) == ["1", "1", "0", "0"]
    assert cells(education) == ["1", "0", "0", "1"]
    assert resource.id


def test_a_theme_page_lists_resources_serving_most_of_its_needs(
    client, login, needs, make_resource
):
    from researcher.themes.models import AnalysisRun, Theme, ThemeAssignment

    manager = login("manager")
    run = AnalysisRun(campaign_id=needs[0].campaign_id, created_by_id=manager.id)
    db.session.add(run)
    db.session.flush()
    theme = Theme(run_id=run.id, number=0, label="opieka")
    db.session.add(theme)
    db.session.flush()
    for need in needs[:2]:
        db.session.add(ThemeAssignment(run_id=run.id, need_id=need.id, theme_id=theme.id))
    make_resource(name="Tylko edukacja", areas=["edukacja"])
    make_resource(name="Opieka i lekcje", areas=["pomoc_spoleczna", "edukacja"])
    db.session.commit()
    page = client.get(f"/dopasowanie/temat/{theme.id}").get_data(as_text=True)
    assert page.index("Opieka i lekcje") < page.index("Tylko edukacja")
    gap = page.split('id="theme-gap"')[1].split("</p>")[0]
    assert "Potrzeby tematu: 2" in gap and "bez żadnego zasobu: 0" in gap


def test_a_service_card_row_shows_the_resources_answering_it_and_the_gap(
    client, login, needs, make_resource
):
    from datetime import date

    from researcher.card import services as card_services

    manager = login("manager")
    card = card_services.create_card(needs[0].campaign_id, "Karta", date(2026, 12, 1), "P. W.",
                                     manager)
    data = card_services.row_from_needs(needs[:2])
    data.name = "Pomoc sąsiedzka"
    row = card_services.add_row(card, data, needs[:2])
    make_resource(name="Zakupy dla seniorów", areas=["pomoc_spoleczna"])
    make_resource(name="Klub sportowy", areas=["sport_turystyka"])
    db.session.commit()
    page = client.get(f"/karty/{card.id}/wiersze/{row.id}").get_data(as_text=True)
    evidence = page.split('id="row-evidence"')[1]
    assert "Zakupy dla seniorów" in evidence and "Klub sportowy" not in evidence
    assert "bez żadnego zasobu: 1" in evidence  # the education need has none
