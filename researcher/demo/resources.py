"""Demo resources and follow-ups: a register for the demo gmina (volunteers, a time bank,
institutions…) and follow-ups in several states, so the demo manager can walk a need from
the queue to a referral and a closed follow-up. Added only once, never changed afterwards."""

from __future__ import annotations

from datetime import date

from researcher.auth.models import ADMIN, MANAGER, User
from researcher.auth.permissions import Permission
from researcher.auth.services import grant_permission
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.followups import services as followups
from researcher.followups.models import Followup
from researcher.gminas.models import Locality
from researcher.interviews.models import Need, Visit
from researcher.matching import services as matching
from researcher.resources.models import Resource
from researcher.resources.services import ResourceInput, create

SOURCE = "dane demonstracyjne"
#: (kind, name, provider, institution, areas, groups, capacity, hours, description, contact)
RESOURCES = (
    ("wolontariusz", "Pani Zofia – pomoc seniorom", "", None, ["pomoc_spoleczna"],
     ["seniorzy", "seniorzy_75"], 3, 8, "Zakupy, apteka, spacery i rozmowa z seniorami.",
     "tel. 500 000 000 (dane demonstracyjne)"),
    ("wolontariusz", "Pan Marek – drobne naprawy", "", None, ["pomoc_spoleczna", "mieszkalnictwo"],
     ["seniorzy", "osoby_niepelnosprawne"], 4, 6, "Drobne naprawy sprzętu domowego i w mieszkaniu.",
     "tel. 500 000 001 (dane demonstracyjne)"),
    ("bank_czasu", "Sąsiedzki Bank Czasu", "Stowarzyszenie Razem", None,
     ["wspieranie_rodziny", "edukacja"], ["dzieci", "rodziny_z_dziecmi"], 10, 40,
     "Opieka nad dziećmi po szkole, odrabianie lekcji, wymiana usług między sąsiadami.", ""),
    ("pomoc_sasiedzka", "Pomoc sąsiedzka przy KGW", "Koło Gospodyń Wiejskich", "kgw",
     ["pomoc_spoleczna", "aktywnosc_obywatelska"], [], None, None,
     "Odwiedziny u osób samotnych, wspólne obiady, dowóz na zakupy.", ""),
    ("instytucja", "Ośrodek Pomocy Społecznej", "Gmina", "ops", ["pomoc_spoleczna"], [], 20, None,
     "Usługi opiekuńcze, praca socjalna, pomoc w załatwieniu spraw.", ""),
    ("usluga", "Zajęcia w bibliotece dla dzieci", "Gminna Biblioteka Publiczna", "biblioteka",
     ["kultura", "edukacja"], ["dzieci", "mlodziez"], 15, None,
     "Popołudniowe zajęcia czytelnicze i pomoc w lekcjach.", ""),
    ("organizacja", "Parafialny Zespół Caritas", "Parafia", "parafia", ["pomoc_spoleczna"],
     ["osoby_samotne", "seniorzy"], 5, None, "Paczki, odwiedziny chorych, transport do kościoła.",
     ""),
    ("instytucja", "Powiatowe Centrum Pomocy Rodzinie", "Powiat", "pcpr",
     ["piecza_zastepcza", "niepelnosprawnosc"], [], None, None,
     "Wsparcie rodzin zastępczych, dofinansowania dla osób z niepełnosprawnościami.", ""),
)
#: Follow-up paths for the first needs with contact consent (the rest stay "do kontaktu").
PATHS = (
    ("w_kontakcie",),
    ("w_kontakcie", "skierowana"),
    ("w_kontakcie", "skierowana", "zaspokojona"),
    ("w_kontakcie", "czesciowo"),
    ("brak_kontaktu",),
    ("odmowa",),
)


def seed_demo_resources(campaign: Campaign) -> int:
    """The demo register, unless the campaign's gmina has one already. Returns how many."""
    has = db.session.scalar(db.select(db.func.count()).select_from(Resource).where(
        Resource.gmina_code == campaign.gmina_code))
    if has:
        return 0
    first = db.session.scalar(db.select(Locality.id).where(
        Locality.gmina_code == campaign.gmina_code).order_by(Locality.id))
    for kind, name, provider, institution, areas, groups, capacity, hours, text, contact in (
        RESOURCES
    ):
        create(ResourceInput(
            gmina_code=campaign.gmina_code, kind=kind, name=name, provider=provider,
            institution=institution, description=text, areas=areas, target_groups=groups,
            locality_ids=[first] if kind == "wolontariusz" and first else [],
            access="powszechnosc", cost="bezplatna", capacity_per_month=capacity,
            hours_per_month=hours, source=SOURCE, source_date=date(campaign.starts_on.year, 3, 1),
            contact=contact,
        ), None)
    return len(RESOURCES)


def seed_demo_followups(campaign: Campaign) -> int:
    """Follow-ups in several states, unless the campaign has some. Returns how many."""
    manager = db.session.scalar(db.select(User).where(User.role == MANAGER).order_by(User.id))
    admin = db.session.scalar(db.select(User).where(User.role == ADMIN).order_by(User.id))
    existing = db.session.scalar(db.select(db.func.count()).select_from(Followup).join(
        Need, Need.id == Followup.need_id).where(Need.campaign_id == campaign.id))
    if manager is None or existing:
        return 0
    if admin is not None:  # the demo manager may read the (fictitious) contact data
        grant_permission(manager, Permission.CONTACTS, admin)
    needs = list(db.session.scalars(
        db.select(Need).join(Visit, Visit.id == Need.visit_id)
        .where(Need.campaign_id == campaign.id, Visit.contact_requested.is_(True))
        .order_by(Need.id).limit(len(PATHS))
    ))
    for need, path in zip(needs, PATHS, strict=False):
        followup = followups.open_followup(need, manager)
        for status in path:
            if status == "skierowana":
                suggestion = next(iter(matching.suggestions(need, top=1)), None)
                if suggestion is None:
                    break
                matching.propose(need, suggestion.resource, manager)
            followups.change_status(followup, manager, status, "Notatka demonstracyjna.")
    return len(needs)
