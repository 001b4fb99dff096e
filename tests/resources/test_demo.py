"""The demo: a register and follow-ups in several states, for the demo manager to walk."""

from researcher.auth.models import User
from researcher.auth.permissions import Permission
from researcher.demo.services import seed_demo
from researcher.extensions import db
from researcher.followups.models import Followup
from researcher.resources.models import Referral, Resource


def test_the_demo_has_resources_and_follow_ups_in_several_states(app_context):
    report = seed_demo(visits=120)
    db.session.commit()
    kinds = set(db.session.scalars(db.select(Resource.kind)))
    assert {"wolontariusz", "bank_czasu", "instytucja"} <= kinds
    volunteer = db.session.scalar(db.select(Resource).where(Resource.kind == "wolontariusz"))
    assert volunteer.contact_token is not None
    statuses = set(db.session.scalars(db.select(Followup.status)))
    assert report.followups_created >= 4 and len(statuses) >= 4
    assert "zaspokojona" in statuses and db.session.scalar(db.select(Referral.id)) is not None
    manager = db.session.scalar(db.select(User).where(User.email == "manager@demo.rekonesans.pl"))
    assert manager.has_permission(Permission.CONTACTS)


def test_seeding_again_adds_nothing(app_context):
    seed_demo(visits=60)
    db.session.commit()
    again = seed_demo(visits=60)
    assert (again.resources_created, again.followups_created) == (0, 0)
