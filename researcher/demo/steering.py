"""The demo's plan of the round: assignments, targets and one open "do wyjaśnienia" thread, so
"Postęp badania", the plan and "Moje wizyty" are not empty in a demo."""

from __future__ import annotations

from researcher.auth.models import MANAGER, RESEARCHER, User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.interviews.models import Visit
from researcher.steering.assignments import eligible_researchers, save_plan
from researcher.steering.models import LocalityTarget
from researcher.steering.reviews import open_review

DEMO_TARGET = 20  # completed interviews per demo locality
DEMO_COMMENT = (
    "Proszę sprawdzić pilność pierwszej potrzeby: opis brzmi jak sprawa na ten tydzień, "
    "a zaznaczono „w ciągu 3 miesięcy”."
)


def seed_demo_steering(campaign: Campaign) -> bool:
    """Targets for every locality, the demo researchers shared out over them, one open thread
    on the newest interview. Nothing when the campaign has a plan already."""
    if db.session.scalar(db.select(LocalityTarget).where(LocalityTarget.campaign_id == campaign.id)
                         .limit(1)):
        return False
    localities = list(db.session.scalars(
        db.select(Locality.id).where(Locality.gmina_code == campaign.gmina_code)
        .order_by(Locality.id)
    ))
    researchers = [u.id for u in eligible_researchers(campaign)]
    # Each researcher gets half of the localities (they overlap when there is only one).
    half = max(1, len(localities) // 2)
    assignments = {loc: set() for loc in localities}
    for n, user_id in enumerate(researchers):
        for loc in (localities[:half] if n % 2 == 0 else localities[half:]):
            assignments[loc].add(user_id)
    save_plan(campaign, dict.fromkeys(localities, DEMO_TARGET), assignments)
    manager = db.session.scalar(db.select(User).where(User.role == MANAGER).order_by(User.id))
    visit = db.session.scalar(
        db.select(Visit).join(User, User.id == Visit.researcher_id)
        .where(Visit.campaign_id == campaign.id, Visit.is_interview, User.role == RESEARCHER)
        .order_by(Visit.recorded_at.desc()).limit(1)
    )
    if manager and visit:
        open_review(visit, DEMO_COMMENT, manager)
    return True
