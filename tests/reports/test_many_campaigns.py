"""Pages that list campaigns cost a constant number of SQL statements, and the campaign picker
stays usable with hundreds of campaigns (one per gmina in a national programme)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import event, insert

from researcher.campaigns.models import Campaign
from researcher.campaigns.picker import PICKER_LIMIT
from researcher.dashboard.services import clear_cache
from researcher.extensions import db
from researcher.gminas.models import Gmina


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """Every statement sent to the database inside the block."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@pytest.fixture
def add_campaigns(app_context) -> Callable[[int], list[int]]:
    """add_campaigns(n): n campaigns, each in its own gmina, one a day older than the last."""

    def add(n: int) -> list[int]:
        codes = db.session.scalars(db.select(Gmina.code).order_by(Gmina.code).limit(n)).all()
        assert len(codes) == n
        start = date(2026, 1, 1)
        rows = [
            {
                "name": f"Diagnoza {i}",
                "gmina_code": code,
                "starts_on": start - timedelta(days=i),
                "ends_on": start + timedelta(days=90),
                "status": "aktywna",
                "questionnaire_version": "2026.1",
                "open_to_all_researchers": True,
            }
            for i, code in enumerate(codes)
        ]
        db.session.execute(insert(Campaign), rows)
        db.session.commit()
        return list(db.session.scalars(db.select(Campaign.id).order_by(Campaign.id)))

    return add


PAGES = ["/panel", "/potrzeby/", "/admin/kampanie"]


@pytest.mark.parametrize("page", PAGES)
def test_statements_do_not_grow_with_the_number_of_campaigns(client, login, add_campaigns,
                                                              page):
    login("admin")
    add_campaigns(5)
    client.get(page)  # warm up: a first visit counts and keeps the figures
    with counted_statements() as few:
        assert client.get(page).status_code == 200
    add_campaigns(500)
    client.get(page)
    with counted_statements() as many:
        assert client.get(page).status_code == 200
    assert len(many) == len(few)
    assert len(many) < 20


def test_a_first_view_of_a_campaign_counts_in_under_20_statements_none_sent_twice(
    client, login, add_campaigns, consenting
):
    # "Cached or not": a fresh process keeps nothing, only the counts stored in the database
    # (the background count job stores them after every sync).
    login("manager")
    add_campaigns(500)
    consenting()
    client.get("/panel?kampania=1")
    clear_cache()  # as in a fresh process
    with counted_statements() as sent:
        assert client.get("/panel?kampania=1").status_code == 200
    assert len(sent) < 20
    assert len(set(sent)) == len(sent)  # one data version for every figure, read once


def test_the_picker_lists_only_the_newest_campaigns(client, login, add_campaigns):
    login("manager")
    add_campaigns(500)
    page = client.get("/panel").text
    select = page[page.index('name="kampania"'):]
    select = select[: select.index("</select>")]
    assert select.count("<option") == PICKER_LIMIT
    assert "Diagnoza 0 –" in select and f"Diagnoza {PICKER_LIMIT} –" not in select
    assert "zawęź wyszukiwanie" in page


def test_an_old_campaign_chosen_by_link_is_shown_and_listed(client, login, add_campaigns):
    login("manager")
    ids = add_campaigns(500)
    oldest = ids[-1]
    page = client.get(f"/panel?kampania={oldest}").text
    assert f'<option selected value="{oldest}">Diagnoza 499' in page


def test_campaigns_are_found_by_gmina_name(client, login, add_campaigns):
    login("manager")
    add_campaigns(500)
    campaign = db.session.scalar(
        db.select(Campaign).order_by(Campaign.starts_on).limit(1)
    )  # the oldest: not in the default list
    gmina = db.session.get(Gmina, campaign.gmina_code)
    page = client.get("/panel", query_string={"szukaj": gmina.name}).text
    assert f'<option selected value="{campaign.id}">{campaign.name} – gmina {gmina.name}' in page


def test_needs_list_finds_campaigns_by_search_and_keeps_all(client, login, add_campaigns):
    login("manager")
    add_campaigns(500)
    campaign = db.session.scalar(db.select(Campaign).order_by(Campaign.starts_on).limit(1))
    gmina = db.session.get(Gmina, campaign.gmina_code)
    page = client.get("/potrzeby/", query_string={"szukaj": gmina.terc}).text
    select = page[page.index('name="campaign"'):]
    select = select[: select.index("</select>")]
    assert "— wszystkie —" in select and f'value="{campaign.id}"' in select
    assert select.count("<option") <= PICKER_LIMIT + 1


def test_campaigns_are_found_by_a_polish_name_in_lower_case(client, login, add_campaigns):
    login("manager")
    add_campaigns(40)
    gmina = db.session.scalar(db.select(Gmina).where(Gmina.name == "Łódź"))
    db.session.execute(insert(Campaign), [{
        "name": "Diagnoza miejska", "gmina_code": gmina.code, "starts_on": date(2020, 1, 1),
        "ends_on": date(2020, 3, 1), "status": "zakonczona", "questionnaire_version": "2026.1",
    }])  # fmt: skip
    db.session.commit()
    page = client.get("/panel", query_string={"szukaj": "łódź"}).text
    assert '<option selected value="' in page and "Diagnoza miejska – gmina Łódź" in page
