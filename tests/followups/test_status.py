"""Follow-up state rules: the allowed path, dated and signed changes, closing, notes."""

import pytest

from researcher.extensions import db
from researcher.followups import services
from researcher.followups.models import Followup, FollowupStatus
from researcher.matching import services as matching
from researcher.resources import services as resource_services


@pytest.fixture
def followup(consenting, make_user):
    need = consenting()[0]
    return services.open_followup(need, make_user("manager"))


def test_a_follow_up_starts_to_be_contacted(followup):
    assert followup.status == FollowupStatus.TO_CONTACT
    assert followup.closed_at is None


def refer(followup, who):
    resource = resource_services.create(resource_services.ResourceInput(
        gmina_code=matching.gmina_of(followup.need), kind="usluga", name="Opieka",
        areas=["pomoc_spoleczna"]), who)
    return matching.propose(followup.need, resource, who)


def test_the_path_to_an_outcome_records_date_person_and_note(followup, make_user):
    who = make_user("manager")
    refer(followup, who)
    for status in ("w_kontakcie", "skierowana", "zaspokojona"):
        services.change_status(followup, who, status, f"krok {status}")
    assert followup.status == "zaspokojona"
    events = services.history(followup)
    assert [e.to_status for e in reversed(events)] == [
        "do_kontaktu", "w_kontakcie", "skierowana", "zaspokojona",
    ]
    last = events[0]
    assert (last.user_id, last.from_status, last.note) == (who.id, "skierowana", "krok zaspokojona")
    assert last.at is not None


@pytest.mark.parametrize(
    "path",
    [
        ("zaspokojona",),  # an outcome needs contact first
        ("skierowana",),  # so does a referral
        ("w_kontakcie", "zaspokojona", "w_kontakcie"),  # closed stays closed
        ("odmowa", "w_kontakcie"),
    ],
)
def test_moves_off_the_path_are_refused(followup, make_user, path):
    who = make_user("manager")
    *allowed, refused = path
    for status in allowed:
        services.change_status(followup, who, status)
    with pytest.raises(services.FollowupError):
        services.change_status(followup, who, refused)


def test_referred_needs_a_referral_that_was_not_declined(followup, make_user):
    who = make_user("manager")
    services.change_status(followup, who, "w_kontakcie")
    with pytest.raises(services.FollowupError):
        services.change_status(followup, who, "skierowana")
    referral = refer(followup, who)
    matching.set_referral_status(referral, "odrzucona")
    with pytest.raises(services.FollowupError):
        services.change_status(followup, who, "skierowana")


@pytest.mark.parametrize("outcome", ["zaspokojona", "czesciowo", "niezaspokojona", "odmowa",
                                     "brak_kontaktu"])
def test_closing_stores_the_closing_date(followup, make_user, outcome):
    who = make_user("manager")
    services.change_status(followup, who, "w_kontakcie")
    assert followup.closed_at is None
    services.change_status(followup, who, outcome)
    assert followup.closed_at is not None and followup.is_closed


def test_a_resident_may_refuse_or_be_unreachable_before_any_contact(followup, make_user):
    services.change_status(followup, make_user("manager"), "brak_kontaktu")
    assert followup.closed_at is not None


def test_a_note_with_a_phone_number_is_held_back_until_confirmed(followup, make_user):
    who = make_user("manager")
    with pytest.raises(services.FollowupError) as error:
        services.change_status(followup, who, "w_kontakcie", "dzwonić na 600 700 800")
    assert error.value.field == "note" and "telefonu" in str(error.value)
    services.change_status(followup, who, "w_kontakcie", "dzwonić na 600 700 800",
                           pii_confirmed=True)
    assert followup.status == "w_kontakcie"


def test_the_page_changes_the_status_and_shows_the_pii_warning(client, login, consenting):
    need = consenting()[0]
    login("manager")
    url = f"/kontakty/potrzeba/{need.id}"
    page = client.post(url, data={"status": "w_kontakcie", "note": "tel. 600 700 800"})
    assert "telefonu" in page.get_data(as_text=True)
    assert db.session.scalar(db.select(Followup.status)) is None
    client.post(url, data={"status": "w_kontakcie", "note": "umówiona wizyta"})
    assert db.session.scalar(db.select(Followup.status)) == "w_kontakcie"
    assert "umówiona wizyta" in client.get(url).get_data(as_text=True)


def test_only_managers_assign_follow_ups(client, login, consenting, make_user):
    need = consenting()[0]
    researcher = make_user("researcher")
    login("manager")
    client.post(f"/kontakty/potrzeba/{need.id}",
                data={"action": "assign", "assign-assignee": researcher.id})
    assert db.session.scalar(db.select(Followup.assigned_to_id)) == researcher.id
