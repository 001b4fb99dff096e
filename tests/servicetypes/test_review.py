"""The manager reviews the D3 groups of a campaign; the diagnosis uses the approved review."""

from __future__ import annotations

import pytest

from researcher.extensions import db
from researcher.reports import evidence
from researcher.reports.disclosure import publish
from researcher.reports.evidence import EvidenceFilter
from researcher.servicetypes import services
from researcher.servicetypes.grouping import wording_key
from researcher.servicetypes.models import ServiceTypeReview

CARE, CARE_2, RIDE, POOL = "usługi opiekuńcze", "Usługa opiekuńcza", "dowóz do lekarza", "basen"


@pytest.fixture
def typed(demo, add_visit):
    """Needs with four D3 wordings: care ×6 (two wordings), rides ×5, pool ×1."""
    add_visit(needs=[{"service_type": CARE}] * 5 + [{"service_type": CARE_2}])
    add_visit(needs=[{"service_type": RIDE}] * 5 + [{"service_type": POOL}])
    return demo.campaign_id


def _form(campaign_id, names=None, moves=None, approve=True):
    """The form as the page sends it, with the given changes."""
    groups = services.groups_of(campaign_id, draft=True).groups
    data = {f"nazwa-{i}": g.name for i, g in enumerate(groups) if not g.other}
    for i, g in enumerate(groups):
        for m in g.members:
            data[f"grupa-{m.key}"] = "inne" if g.other else str(i + 1)  # numbered from 1
    data.update(names or {})
    data.update({f"grupa-{wording_key(w)}": target for w, target in (moves or {}).items()})
    data["approve" if approve else "save"] = "1"
    return data


def _table(campaign_id):
    return evidence.service_types_grouped(EvidenceFilter(campaign_id))


def test_the_page_shows_each_group_with_its_texts_and_counts(client, login, typed):
    login("manager")
    page = client.get(f"/rodzaje-uslug/?kampania={typed}").get_data(as_text=True)
    assert "Grup jeszcze nie sprawdzono" in page
    for wording in (CARE, CARE_2, RIDE, POOL):
        assert wording in page
    assert 'value="usługi opiekuńcze"' in page and "potrzeby: 6" in page


def test_until_approved_the_export_says_the_groups_were_not_reviewed(typed):
    table = _table(typed)
    assert "grup nie sprawdzono" in table.title
    assert table.row_labels == [CARE, RIDE, POOL]


def test_renaming_moving_and_approving_is_what_the_export_shows(client, login, typed):
    login("manager")
    form = _form(typed, names={"nazwa-0": "Opieka domowa"}, moves={POOL: "inne"})
    saved = client.post(f"/rodzaje-uslug/{typed}", data=form)
    assert saved.status_code == 302
    table = _table(typed)
    assert table.title == evidence.SERVICE_TYPE_TITLES["approved"]
    assert table.row_labels == ["Opieka domowa", RIDE, "Inne"]
    assert [row[0] for row in table.counts] == [6, 5, 1]
    page = client.get(f"/rodzaje-uslug/?kampania={typed}").get_data(as_text=True)
    assert "Grupy zatwierdzone" in page and 'value="Opieka domowa"' in page


def test_moving_a_text_to_another_group(client, login, typed):
    login("manager")
    client.post(f"/rodzaje-uslug/{typed}", data=_form(typed, moves={CARE_2: "2"}))
    table = _table(typed)
    assert dict(zip(table.row_labels, (r[0] for r in table.counts), strict=True)) == {
        CARE: 5, RIDE: 6, POOL: 1}


def test_saving_without_approving_keeps_the_export_automatic(client, login, typed):
    login("manager")
    form = _form(typed, names={"nazwa-0": "Opieka domowa"}, approve=False)
    assert client.post(f"/rodzaje-uslug/{typed}", data=form).status_code == 302
    assert "grup nie sprawdzono" in _table(typed).title
    page = client.get(f"/rodzaje-uslug/?kampania={typed}").get_data(as_text=True)
    assert "niezatwierdzone" in page and 'value="Opieka domowa"' in page  # the draft is kept


def test_an_empty_group_name_is_refused(client, login, typed):
    login("manager")
    response = client.post(f"/rodzaje-uslug/{typed}", data=_form(typed, names={"nazwa-0": " "}))
    assert response.status_code == 400
    assert "Każda grupa musi mieć nazwę" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(ServiceTypeReview)) is None


def test_a_group_emptied_by_moves_needs_no_name(client, login, typed):
    login("manager")
    form = _form(typed, names={"nazwa-2": ""}, moves={POOL: "1"})
    assert client.post(f"/rodzaje-uslug/{typed}", data=form).status_code == 302
    assert _table(typed).row_labels == [CARE, RIDE]


def test_an_unknown_target_group_is_refused(client, login, typed):
    login("manager")
    response = client.post(f"/rodzaje-uslug/{typed}", data=_form(typed, moves={POOL: "9"}))
    assert response.status_code == 400 and "Nieznana grupa docelowa" in response.text


def test_the_review_survives_a_rerun_with_unchanged_texts(client, login, typed, add_visit):
    login("manager")
    client.post(f"/rodzaje-uslug/{typed}", data=_form(typed, names={"nazwa-0": "Opieka"}))
    add_visit(needs=[{"service_type": CARE}])  # the same text again: still reviewed
    table = _table(typed)
    assert table.title == evidence.SERVICE_TYPE_TITLES["approved"]
    assert table.row_labels[0] == "Opieka" and table.counts[0] == [7]


def test_a_new_text_after_approval_is_placed_and_reported(client, login, typed, add_visit):
    login("manager")
    client.post(f"/rodzaje-uslug/{typed}", data=_form(typed, names={"nazwa-0": "Opieka"}))
    add_visit(needs=[{"service_type": "usługa opiekuńcza"}, {"service_type": "kino"}])
    table = _table(typed)
    assert table.title == evidence.SERVICE_TYPE_TITLES["approved_new"]
    assert table.counts[table.row_labels.index("Opieka")] == [7]
    page = client.get(f"/rodzaje-uslug/?kampania={typed}").get_data(as_text=True)
    assert "doszły nowe wpisy (2)" in page and "nowy" in page


def test_the_review_keeps_no_copy_of_the_texts(client, login, typed):
    login("manager")
    client.post(f"/rodzaje-uslug/{typed}", data=_form(typed))
    review = db.session.scalar(db.select(ServiceTypeReview))
    assert review.approved_at is not None and set(review.groups) == {
        wording_key(w) for w in (CARE, CARE_2, RIDE, POOL)}


def test_the_reviewed_table_is_under_disclosure_control(client, login, typed):
    login("manager")
    client.post(f"/rodzaje-uslug/{typed}", data=_form(typed, moves={POOL: "inne"}))
    published = publish(_table(typed), 5)
    other = published.row_labels.index("Inne")
    assert published.cells[other][0].value is None  # 1 need: hidden


def test_researchers_may_not_review(client, login, typed):
    login("researcher")
    assert client.get("/rodzaje-uslug/").status_code == 403
    assert client.post(f"/rodzaje-uslug/{typed}", data=_form(typed)).status_code == 403


def test_with_many_groups_the_group_is_typed_by_its_number(client, login, typed, monkeypatch):
    monkeypatch.setattr(services, "SELECT_LIMIT", 2)
    login("manager")
    page = client.get(f"/rodzaje-uslug/?kampania={typed}").text
    assert "wpisz numer grupy" in page and 'select class="field__input" id="grupa-' not in page
    client.post(f"/rodzaje-uslug/{typed}", data=_form(typed, moves={CARE_2: " 2 "}))
    assert _table(typed).counts[_table(typed).row_labels.index(RIDE)] == [6]
