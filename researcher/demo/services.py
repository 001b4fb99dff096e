"""Create the demo gmina, campaign and accounts; running it again keeps what exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from researcher.auth.models import ADMIN, MANAGER, RESEARCHER, User
from researcher.auth.services import create_user, generate_password
from researcher.campaigns.models import Campaign
from researcher.campaigns.services import CampaignInput, create_campaign, questionnaire_versions
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.gminas.services import GminaError, add_locality, find_gmina

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
DEMO_CAMPAIGN = "Rekonesans potrzeb mieszkańców 2026"
DEMO_ACCOUNTS = (
    ("researcher@demo.rekonesans.pl", RESEARCHER, "Anna Nowak (Researcher OP)"),
    ("manager@demo.rekonesans.pl", MANAGER, "Piotr Wiśniewski (Menedżer US)"),
    ("admin@demo.rekonesans.pl", ADMIN, "Administrator demo"),
)


class DemoError(Exception):
    """The demo cannot be created (e.g. the gminas were not loaded)."""


@dataclass
class DemoReport:
    new_passwords: dict[str, str] = field(default_factory=dict)
    existing_accounts: list[str] = field(default_factory=list)
    campaign_id: int | None = None
    campaign_created: bool = False
    localities_created: int = 0


def seed_demo() -> DemoReport:
    """Add whatever part of the demo is missing; never change or delete existing data."""
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
        year = date.today().year
        campaign = create_campaign(
            CampaignInput(
                name=DEMO_CAMPAIGN,
                gmina=gmina,
                starts_on=date(year, 1, 1),
                ends_on=date(year, 12, 31),
                status="aktywna",
                questionnaire_version=questionnaire_versions()[0],
                open_to_all_researchers=True,
                researcher_ids=[],
            )
        )
        report.campaign_created = True
    report.campaign_id = campaign.id
    db.session.flush()
    return report


def demo_localities(campaign: Campaign) -> list[Locality]:
    return list(campaign.gmina.localities)
