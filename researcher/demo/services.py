"""Create the demo gmina, campaign, accounts and visits; running it again keeps what exists."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from researcher.auth.models import ADMIN, MANAGER, RESEARCHER, User
from researcher.auth.services import create_user, generate_password
from researcher.campaigns.models import Campaign, CampaignStatus
from researcher.campaigns.services import CampaignInput, create_campaign, questionnaire_versions
from researcher.demo.channels import seed_demo_channels
from researcher.demo.generator import FIELDWORK_DAYS, generate_records
from researcher.demo.resources import seed_demo_followups, seed_demo_resources
from researcher.demo.steering import seed_demo_steering
from researcher.extensions import db, local_today
from researcher.gminas.models import Locality
from researcher.gminas.services import GminaError, add_locality, find_gmina
from researcher.interviews.models import Visit
from researcher.interviews.sync import CREATED, apply_record

DEMO_GMINA_TERC = "1417082"  # gmina Wiązowna (powiat otwocki, woj. mazowieckie)
DEMO_LOCALITIES = (
    ("Wiązowna Kościelna", "solectwo"),
    ("Majdan", "solectwo"),
    ("Duchnów", "solectwo"),
    ("Emów", "solectwo"),
    ("Góraszka", "solectwo"),
    ("Glinianka", "solectwo"),
    ("Malcanów", "solectwo"),
    ("Zakręt", "solectwo"),
)
DEMO_START = date(2026, 1, 1)
DEMO_CAMPAIGN = "Rekonesans potrzeb mieszkańców 2026"
DEMO_ACCOUNTS = (
    ("researcher@demo.rekonesans.pl", RESEARCHER, "Anna Nowak (Researcher OP)"),
    ("manager@demo.rekonesans.pl", MANAGER, "Piotr Wiśniewski (Menedżer US)"),
    ("admin@demo.rekonesans.pl", ADMIN, "Administrator demo"),
)
DEMO_DOMAIN = "@demo.rekonesans.pl"
DEMO_VISITS = 300
DEMO_SEED = 2026


class DemoError(Exception):
    """The demo cannot be created (e.g. the gminas were not loaded)."""


@dataclass
class DemoReport:
    new_passwords: dict[str, str] = field(default_factory=dict)
    existing_accounts: list[str] = field(default_factory=list)
    campaign_id: int | None = None
    campaign_created: bool = False
    localities_created: int = 0
    visits_created: int = 0
    channels_added: bool = False  # a meeting, imported needs, quotes, recommendations
    resources_created: int = 0
    followups_created: int = 0
    steering_added: bool = False  # assignments, targets, one open review thread


def seed_demo(visits: int = 0) -> DemoReport:
    """Add whatever part of the demo is missing; never change or delete existing data.

    With `visits`, also record that many generated visits if the campaign has none yet.
    """
    report = DemoReport()
    gmina = find_gmina(DEMO_GMINA_TERC)
    if gmina is None:
        raise DemoError("Brak gmin w bazie: najpierw uruchom `flask gminas load`.")
    existing = {(loc.name, loc.kind) for loc in gmina.localities}
    for name, kind in DEMO_LOCALITIES:
        if (name, kind) not in existing:
            try:
                add_locality(gmina, name, kind)
            except GminaError:
                continue
            report.localities_created += 1
    for email, role, name in DEMO_ACCOUNTS:
        if db.session.scalar(db.select(User).where(User.email == email)):
            report.existing_accounts.append(email)
            continue
        password = generate_password()
        create_user(email, role, password, name)
        report.new_passwords[email] = password
    campaign = db.session.scalar(db.select(Campaign).where(Campaign.name == DEMO_CAMPAIGN))
    if campaign is None:
        campaign = create_campaign(
            CampaignInput(
                name=DEMO_CAMPAIGN,
                gmina=gmina,
                # A fixed start keeps every dated example (tests, docs) inside the round.
                starts_on=DEMO_START,
                ends_on=date(max(local_today().year, DEMO_START.year), 12, 31),
                status=CampaignStatus.ACTIVE,
                questionnaire_version=questionnaire_versions()[0],
                open_to_all_researchers=True,
                researcher_ids=[],
            )
        )
        report.campaign_created = True
    report.campaign_id = campaign.id
    db.session.flush()
    report.visits_created = seed_demo_visits(campaign, visits)
    if report.visits_created:  # the full demo: needs of other channels, quotes, conclusions
        report.channels_added = seed_demo_channels(campaign)
    if visits:  # the register and follow-ups come with the demo's visits (tests seed none)
        report.resources_created = seed_demo_resources(campaign)
        report.followups_created = seed_demo_followups(campaign)
        report.steering_added = seed_demo_steering(campaign)
    return report


def seed_demo_visits(
    campaign: Campaign, count: int = DEMO_VISITS, seed: int = DEMO_SEED, today: date | None = None
) -> int:
    """Record `count` generated visits for the demo campaign, unless it has visits already.

    The records go through `apply_record`, the same validation and storage as synced ones,
    spread over the demo researcher accounts and the demo localities, over the six weeks of
    fieldwork that ended a week before `today` (never before the campaign starts). Returns
    how many were created; raises DemoError if one is rejected.
    """
    has_visits = db.session.scalar(
        db.select(db.func.count()).select_from(Visit).where(Visit.campaign_id == campaign.id)
    )
    if has_visits or count <= 0:
        return 0
    researchers = list(db.session.scalars(
        db.select(User)
        .where(User.role == RESEARCHER, User.active, User.email.endswith(DEMO_DOMAIN))
        .order_by(User.id)
    ))
    # Queried, not `campaign.gmina.localities`: that list may predate the localities just added.
    localities = db.session.scalars(
        db.select(Locality).where(Locality.gmina_code == campaign.gmina_code)
    )
    by_name = {loc.name: loc.id for loc in localities}
    locality_ids = [by_name[name] for name, _kind in DEMO_LOCALITIES if name in by_name]
    if not researchers or not locality_ids:
        raise DemoError("Brak kont Researchera demo lub miejscowości demo.")
    start = (today or local_today()) - timedelta(days=FIELDWORK_DAYS + 7)
    start = max(start, campaign.starts_on)
    records = generate_records(
        count, campaign_id=campaign.id, locality_ids=locality_ids, seed=seed,
        start=datetime(start.year, start.month, start.day),
    )
    batch_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"rekonesans-demo:{seed}"))
    for index, raw in enumerate(records):
        user = researchers[index % len(researchers)]
        device_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"rekonesans-demo:{user.email}"))
        result = apply_record(raw, user, device_id, batch_id, source="demo")
        if result.status != CREATED:
            raise DemoError(f"Rekord demo {result.uuid} odrzucony: {result.errors}")
    return len(records)
