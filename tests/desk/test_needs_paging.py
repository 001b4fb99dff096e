"""The needs list pages by keyset on (recorded_at, id): every need exactly once, in order,
however many share a timestamp, and without counting every need of every campaign."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.needs import services
from researcher.needs.services import NeedQuery


def _spread_over_three_timestamps(needs: list[Need]) -> None:
    """Ties in the sort key: a third of the needs each share one recorded_at."""
    base = datetime(2026, 5, 10, 10, 0)
    for i, need in enumerate(needs):
        need.recorded_at = base + timedelta(minutes=i % 3)
    db.session.commit()


def _walk(query: NeedQuery) -> list[list[int]]:
    pages = []
    while True:
        page = services.search(query)
        pages.append([n.id for n in page.needs])
        if page.older is None:
            return pages
        query = NeedQuery(after=page.older)


def test_keyset_pages_return_every_need_exactly_once(app_context, synced, monkeypatch):
    monkeypatch.setattr(services, "PAGE_SIZE", 7)
    needs = synced(25)
    _spread_over_three_timestamps(needs)
    pages = _walk(NeedQuery())
    seen = [i for page in pages for i in page]
    assert sorted(seen) == sorted(n.id for n in needs)
    assert len(seen) == len(set(seen))
    key = {n.id: (n.recorded_at, n.id) for n in needs}
    assert [key[i] for i in seen] == sorted((key[i] for i in seen), reverse=True)
    assert all(len(page) == 7 for page in pages[:-1])


def test_going_back_returns_the_same_pages(app_context, synced, monkeypatch):
    monkeypatch.setattr(services, "PAGE_SIZE", 7)
    _spread_over_three_timestamps(synced(12))
    first = services.search(NeedQuery())
    second = services.search(NeedQuery(after=first.older))
    back = services.search(NeedQuery(before=second.newer))
    assert [n.id for n in back.needs] == [n.id for n in first.needs]
    assert back.newer is None and first.newer is None


def test_the_list_follows_its_next_links_to_the_end(client, manager, synced, monkeypatch):
    monkeypatch.setattr(services, "PAGE_SIZE", 5)
    needs = synced(8)
    _spread_over_three_timestamps(needs)
    seen, url = [], "/potrzeby/"
    while url:
        page = client.get(url).text
        seen += [int(i) for i in re.findall(r'name="need_id" value="(\d+)"', page)]
        more = re.search(r'href="([^"]*po=[^"]*)"[^>]*>Następna', page)
        url = more.group(1).replace("&amp;", "&") if more else None
    assert sorted(seen) == sorted(n.id for n in needs)


def test_counting_stops_at_the_limit(app_context, synced, monkeypatch):
    monkeypatch.setattr(services, "COUNT_LIMIT", 5)
    synced(4)
    page = services.search(NeedQuery())
    assert page.total == 5 and page.more_than


def test_a_word_search_counts_only_up_to_its_lower_limit(app_context, synced, monkeypatch):
    monkeypatch.setattr(services, "WORD_COUNT_LIMIT", 2)
    needs = synced(2)
    for need in needs:
        need.description = "Brak opieki po szpitalu"
    db.session.commit()
    found = services.search(NeedQuery(text="opieki"))
    assert found.total == 2 and found.more_than
    assert len(found.needs) == len(needs)  # the page itself is whole
    everything = services.search(NeedQuery())
    assert everything.total == len(needs) and not everything.more_than


def test_the_count_is_exact_below_the_limit(client, manager, synced):
    needs = synced(2)
    assert f"Znaleziono: {len(needs)}" in client.get("/potrzeby/").text


def test_word_search_finds_polish_words_in_any_case(app_context, synced):
    needs = synced(1)
    needs[0].description = "Brakuje opieki wytchnieniowej dla ŻONY, która się męczy"
    db.session.commit()
    for word in ("żony", "WYTCHNIENIOWEJ", "Męczy opieki"):
        assert [n.id for n in services.search(NeedQuery(text=word)).needs] == [needs[0].id]
    assert services.search(NeedQuery(text="50%")).needs == []


def test_a_broken_cursor_shows_the_first_page(client, manager, synced):
    synced(1)
    assert client.get("/potrzeby/?po=nonsense_x").status_code == 200


@pytest.mark.postgresql
def test_postgresql_answers_the_word_search_from_the_trigram_index(app_context):
    query = services._filtered(NeedQuery(text="świetlicy"))
    sql = query.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True})
    db.session.execute(db.text("SET LOCAL enable_seqscan = off"))  # a tiny test table
    plan = "\n".join(db.session.scalars(db.text(f"EXPLAIN {sql}")))
    assert "ix_needs_search_trgm" in plan
