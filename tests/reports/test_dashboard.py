"""GET /panel: who may see it, that it renders with and without data, and that it shows only
disclosure-safe numbers."""

from __future__ import annotations

import re

import pytest


def test_researcher_gets_403(client, login):
    login("researcher")
    assert client.get("/panel").status_code == 403


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_manager_and_admin_see_the_dashboard(client, login, demo, role):
    login(role)
    response = client.get("/panel")
    assert response.status_code == 200
    assert "Panel potrzeb" in response.text


def test_renders_without_any_campaign(client, login):
    login("manager")
    response = client.get("/panel")
    assert response.status_code == 200
    assert "Nie ma jeszcze kampanii" in response.text


def test_renders_an_empty_campaign(client, login, demo):
    login("manager")
    response = client.get(f"/panel?kampania={demo.campaign_id}")
    assert response.status_code == 200
    assert "Badanie w liczbach" in response.text
    assert response.text.count('role="img"') >= 10


def test_small_counts_are_suppressed_on_the_dashboard(client, login, demo, add_visit):
    for _ in range(3):
        add_visit(needs=[{"area": "edukacja"}])
    login("manager")
    page = client.get(f"/panel?kampania={demo.campaign_id}").text
    assert "k = 5" in page
    assert "&lt;5" in page
    # The three needs in "Edukacja publiczna" never appear as a number.
    row = re.search(r"<th scope=\"row\">Edukacja publiczna</th>\s*<td[^>]*>([^<]*)</td>", page)
    assert row and row.group(1) == "&lt;5"


def test_locality_filter_withholds_what_may_not_be_shown(client, login, demo, add_visit):
    for _ in range(6):
        add_visit(needs=[{"area": "edukacja", "target_groups": ["dzieci"]}])
    login("manager")
    from researcher.extensions import db
    from researcher.gminas.models import Locality

    locality = db.session.scalars(db.select(Locality).order_by(Locality.id)).first()
    page = client.get(f"/panel?kampania={demo.campaign_id}&miejscowosc={locality.id}").text
    assert "Grup wrażliwych nie zestawia się z miejscowością" in page
    assert "tylko zestawienia jednowymiarowe" in page


def test_filters_stay_in_the_url_and_bad_ones_do_not_fail(client, login, demo):
    login("manager")
    ok = client.get(f"/panel?kampania={demo.campaign_id}&od=2026-01-01&do=2026-12-31")
    assert ok.status_code == 200 and 'value="2026-01-01"' in ok.text
    for query in ("kampania=x", "od=nie-data", "do=2026-01-01&od=2026-02-01", "miejscowosc=999"):
        assert client.get(f"/panel?{query}").status_code == 200, query


def test_page_has_no_inline_styles_or_scripts(client, login, demo, add_visit):
    add_visit(needs=[{"area": "edukacja"}])
    login("manager")
    page = client.get("/panel").text
    assert "style=" not in page and "<script>" not in page


def test_kept_figures_follow_new_data(client, login, demo, add_visit):
    login("manager")
    url = f"/panel?kampania={demo.campaign_id}"
    assert client.get(url).status_code == 200  # figures of the empty campaign are kept
    for _ in range(6):
        add_visit(needs=[{"area": "edukacja"}])
    page = client.get(url).text
    row = re.search(r"<th scope=\"row\">Edukacja publiczna</th>\s*<td[^>]*>([^<]*)</td>", page)
    assert row and row.group(1) == "6"


def test_percentages_are_written_the_polish_way(client, login, demo, add_visit):
    for area in ["edukacja"] * 30 + ["pomoc_spoleczna"] * 25:
        add_visit(needs=[{"area": area}])
    login("manager")
    page = client.get(f"/panel?kampania={demo.campaign_id}").text
    cells = re.findall(r'<td class="num">(\d+[.,]\d)</td>', page)
    assert "54,5" in cells and "45,5" in cells
    assert not [cell for cell in cells if "." in cell]
