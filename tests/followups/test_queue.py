"""The follow-up queue: who asked for contact, most urgent first, filters, start-page flag."""

from researcher.extensions import db
from researcher.followups.models import Followup, FollowupStatus


def test_queue_holds_only_needs_whose_respondent_asked_for_contact(client, login, consenting):
    consenting(contact=False)
    wanted = consenting(contact=True)
    login("manager")
    page = client.get("/kontakty/").get_data(as_text=True)
    links = [f"/kontakty/potrzeba/{n.id}" for n in wanted]
    assert all(link in page for link in links)
    assert page.count("/kontakty/potrzeba/") == len(wanted)


def test_queue_lists_urgent_needs_first_then_the_oldest(client, login, consenting):
    old = consenting(recorded_at="2026-11-01T10:00:00+01:00", urgency="12m")
    new_urgent = consenting(recorded_at="2026-11-20T10:00:00+01:00", urgency="pilna")
    older_urgent = consenting(recorded_at="2026-11-10T10:00:00+01:00", urgency="pilna")
    login("manager")
    page = client.get("/kontakty/").get_data(as_text=True)
    order = [page.index(f"/kontakty/potrzeba/{n.id}\"") for n in (*older_urgent, *new_urgent, *old)]
    assert order == sorted(order)


def test_queue_filters_by_area_target_group_and_status(client, login, consenting):
    needs = consenting()  # areas pomoc_spoleczna, edukacja, zdrowie
    db.session.add(Followup(need_id=needs[0].id, status=FollowupStatus.IN_CONTACT))
    db.session.commit()
    login("manager")

    def listed(query: str) -> list[int]:
        page = client.get(f"/kontakty/?{query}").get_data(as_text=True)
        return [n.id for n in needs if f"/kontakty/potrzeba/{n.id}\"" in page]

    assert listed("area=edukacja") == [needs[1].id]
    assert listed("group=dzieci") == [needs[1].id]
    assert listed("status=w_kontakcie") == [needs[0].id]
    assert listed("status=do_kontaktu") == [needs[1].id, needs[2].id]
    assert listed(f"locality={needs[0].locality_id}") == [n.id for n in needs]


def test_start_page_flags_urgent_needs_with_contact_consent(client, login, consenting):
    consenting(urgency="pilna")
    consenting(contact=False, urgency="pilna")
    login("manager")
    page = client.get("/").get_data(as_text=True)
    assert 'id="urgent-contacts"' in page
    assert "3" in page.split('id="urgent-contacts"')[1].split("</div>")[0]


def test_start_page_has_no_flag_without_urgent_needs(client, login, consenting):
    consenting(urgency="3m")
    login("manager")
    assert 'id="urgent-contacts"' not in client.get("/").get_data(as_text=True)


def test_safeguarding_rule_is_shown_on_an_urgent_follow_up_only(client, login, consenting):
    urgent = consenting(urgency="pilna")[0]
    later = consenting(urgency="3m")[0]
    login("manager")
    assert "112" in client.get(f"/kontakty/potrzeba/{urgent.id}").get_data(as_text=True)
    assert "112" not in client.get(f"/kontakty/potrzeba/{later.id}").get_data(as_text=True)


def test_a_researcher_sees_only_the_follow_ups_assigned_to_them(
    client, consenting, make_user
):
    from tests.conftest import log_in

    needs = consenting()
    mine = make_user("researcher")
    db.session.add(Followup(need_id=needs[0].id, assigned_to_id=mine.id))
    db.session.commit()
    log_in(client, mine)
    page = client.get("/kontakty/").get_data(as_text=True)
    assert f"/kontakty/potrzeba/{needs[0].id}\"" in page
    assert f"/kontakty/potrzeba/{needs[1].id}\"" not in page
    assert client.get(f"/kontakty/potrzeba/{needs[1].id}").status_code == 404
    assert client.get(f"/kontakty/potrzeba/{needs[0].id}").status_code == 200
