"""A campaign with crafted needs, themes and a service card, for end-to-end export tests.

Needs by area × urgency (k = 5):

    pomoc_spoleczna  pilna 2, 3m 8     → the 2 is shown "<5"; its row neighbour 8 hidden too
    edukacja         3m 6, 12m 9
    zdrowie          pilna 7, 3m 5
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from researcher.auth.models import User
from researcher.card.models import ServiceCard, ServiceCardRow
from researcher.exports import services
from researcher.exports.models import ExportJob
from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.jobs.worker import run_now
from researcher.themes.models import AnalysisRun, Theme

CRAFTED = {
    ("pomoc_spoleczna", "pilna"): 2,
    ("pomoc_spoleczna", "3m"): 8,
    ("edukacja", "3m"): 6,
    ("edukacja", "12m"): 9,
    ("zdrowie", "pilna"): 7,
    ("zdrowie", "3m"): 5,
}
GROUPS = {"pomoc_spoleczna": ["seniorzy"], "edukacja": ["dzieci"], "zdrowie": ["seniorzy_75"]}
FORMULA_THEME = '=HYPERLINK("http://zly.example","klik")'


@dataclass
class Crafted:
    campaign_id: int
    card_id: int


def craft_campaign(demo, add_visit: Callable[..., object]) -> Crafted:
    """Visits with the CRAFTED needs, 5 refusals, a theme run and a two-row card."""
    for (area, urgency), count in CRAFTED.items():
        for _ in range(count):
            add_visit(needs=[{"area": area, "urgency": urgency, "target_groups": GROUPS[area]}])
    for _ in range(5):
        add_visit("odmowa")
    manager = db.session.scalar(db.select(User).where(User.role == "manager"))
    run = AnalysisRun(campaign_id=demo.campaign_id, created_by_id=manager.id, status="gotowa")
    run.themes = [
        Theme(number=0, label="opieka nad seniorami", name="Opieka nad seniorami w domu", size=10),
        Theme(number=1, label=FORMULA_THEME, size=3),
        Theme(number=2, label="zajęcia dla dzieci", size=15),
    ]
    db.session.add(run)
    needs = db.session.scalars(db.select(Need).order_by(Need.id)).all()
    care = [n for n in needs if n.area == "pomoc_spoleczna"]
    school = [n for n in needs if n.area == "edukacja"][:2]
    card = ServiceCard(
        campaign_id=demo.campaign_id,
        title="Karta usług i kryteriów dostępu – Stowarzyszenie Żółty Dąb",
        prepared_on=date(2026, 3, 12),
        prepared_by_name="Piotr Wiśniewski",
        created_by_id=manager.id,
    )
    card.rows = [
        ServiceCardRow(
            position=1, name="Usługa pomocy domowej i opieki domowej", area="pomoc_spoleczna",
            offered=False, new=True, criterion="powszechnosc", target_groups=["seniorzy"],
            provider="ngo_pes", justification="Seniorzy bez wsparcia rodziny.", needs=care,
        ),
        ServiceCardRow(
            position=2, name="Usługa opieki pozaszkolnej i zajęć pozalekcyjnych",
            area="edukacja", offered=True, new=False, criterion="selekcyjne_gotowosc",
            criterion_description="dzieci z rodzin w kryzysie", target_groups=["dzieci"],
            provider="cus_ops", justification="+48 dzieci bez opieki po lekcjach", needs=school,
        ),
    ]  # fmt: skip
    db.session.add(card)
    db.session.commit()
    return Crafted(demo.campaign_id, card.id)


def build(job: ExportJob) -> ExportJob:
    """Queue an export's job and run it here, as a worker would; returns the export as ended."""
    run_now(services.enqueue(job))
    return db.session.get(ExportJob, job.id, populate_existing=True)
