"""Assignments and targets: the manager's plan page, and the phone's list of localities."""

from __future__ import annotations

import json
import re

from researcher.auth.models import User
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.steering.assignments import assigned_localities, campaign_plan
from researcher.steering.models import LocalityAssignment, LocalityTarget
from tests.conftest import log_in


def _localities():
    return db.session.scalars(db.select(Locality).order_by(Locality.id)).all()


def _researcher():
    return db.session.scalar(db.select(User).where(User.role == "researcher"))


def test_the_manager_sets_targets_and_assigns_researchers(demo, client, login):
    login("manager")
    first, second = _localities()[:2]
    researcher = _researcher()
    response = client.post(f"/kampanie/{demo.campaign_id}/przydzialy", data={
        f"cel-{first.id}": "25", f"cel-{second.id}": "",
        f"przydzial-{first.id}": [str(researcher.id)],
    })
    assert response.status_code == 302
    targets = {t.locality_id: t.interviews for t in db.session.scalars(db.select(LocalityTarget))}
    assert targets == {first.id: 25}
    pairs = {(a.locality_id, a.user_id) for a in db.session.scalars(db.select(LocalityAssignment))}
    assert pairs == {(first.id, researcher.id)}
    page = client.get(f"/kampanie/{demo.campaign_id}/przydzialy").get_data(as_text=True)
    assert 'value="25"' in page


def test_saving_the_plan_again_replaces_it(demo, client, login):
    login("manager")
    first = _localities()[0]
    researcher = _researcher()
    url = f"/kampanie/{demo.campaign_id}/przydzialy"
    client.post(url, data={f"cel-{first.id}": "10", f"przydzial-{first.id}": [str(researcher.id)]})
    client.post(url, data={f"cel-{first.id}": "12"})
    row = next(r for r in campaign_plan(demo_campaign(demo)) if r.locality.id == first.id)
    assert (row.target, row.researcher_ids) == (12, set())


def demo_campaign(demo):
    from researcher.campaigns.models import Campaign

    return db.session.get(Campaign, demo.campaign_id)


def test_a_target_that_is_not_a_number_is_refused_with_a_field_error(demo, client, login):
    login("manager")
    first = _localities()[0]
    response = client.post(f"/kampanie/{demo.campaign_id}/przydzialy",
                           data={f"cel-{first.id}": "-3"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Wpisz liczbę wywiadów" in page and 'aria-invalid="true"' in page
    assert db.session.scalar(db.select(LocalityTarget)) is None


def test_only_researchers_of_the_campaign_can_be_assigned(demo, client, login, make_user):
    campaign = demo_campaign(demo)
    campaign.open_to_all_researchers = False
    db.session.commit()
    stranger = make_user("researcher")
    login("manager")
    first = _localities()[0]
    response = client.post(f"/kampanie/{demo.campaign_id}/przydzialy",
                           data={f"przydzial-{first.id}": [str(stranger.id)]})
    assert response.status_code == 400
    assert db.session.scalar(db.select(LocalityAssignment)) is None


def test_the_phone_lists_assigned_localities_first_and_marks_the_others(demo, client):
    researcher = _researcher()
    localities = _localities()
    last = localities[-1]
    db.session.add(LocalityAssignment(campaign_id=demo.campaign_id, locality_id=last.id,
                                      user_id=researcher.id))
    db.session.commit()
    log_in(client, researcher)
    page = client.get("/teren").get_data(as_text=True)
    boot = json.loads(re.search(
        r'<script type="application/json" id="field-bootstrap">(.*?)</script>', page, re.S
    ).group(1))
    campaign = boot["campaigns"][0]
    assert campaign["has_assignments"] is True
    assert campaign["localities"][0] == {"id": last.id, "name": last.name, "kind": last.kind,
                                         "assigned": True}
    assert not any(loc["assigned"] for loc in campaign["localities"][1:])
    assert boot["strings"]["not_assigned"] == "poza przydziałem"
    assert assigned_localities(researcher, [demo.campaign_id]) == {demo.campaign_id: {last.id}}


def test_without_assignments_the_phone_keeps_the_gmina_order(demo, client):
    researcher = _researcher()
    log_in(client, researcher)
    page = client.get("/teren").get_data(as_text=True)
    boot = json.loads(re.search(
        r'id="field-bootstrap">(.*?)</script>', page, re.S).group(1))
    campaign = boot["campaigns"][0]
    assert campaign["has_assignments"] is False
    assert [loc["id"] for loc in campaign["localities"]] == [
        loc.id for loc in demo_campaign(demo).gmina.localities]


def test_a_refused_plan_shows_what_was_typed(demo, client, login, make_user):
    campaign = demo_campaign(demo)
    campaign.open_to_all_researchers = False
    db.session.commit()
    stranger = make_user("researcher")
    login("manager")
    first = _localities()[0]
    response = client.post(f"/kampanie/{demo.campaign_id}/przydzialy", data={
        f"cel-{first.id}": "37", f"przydzial-{first.id}": [str(stranger.id)]})
    assert response.status_code == 400
    assert 'value="37"' in response.get_data(as_text=True)
