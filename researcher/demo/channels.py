"""The demo's needs from channels other than visits, and the deliverable's own parts.

A meeting of a seniors' club with its needs, needs imported from a file for two channels
(phone and social media, through the same import as a manager's file, which is kept), some
visit needs approved for quoting, and recommendations linked to evidence. Added once: a
campaign that already has a meeting is left as it is.
"""

from __future__ import annotations

from datetime import timedelta

from analysis.pii import find_pii
from researcher.auth.models import MANAGER, RESEARCHER, User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.intake.services import apply_import, upload_import
from researcher.interviews.models import Need, Visit
from researcher.meetings.models import Meeting
from researcher.meetings.services import MeetingInput, MeetingNeed, save_meeting
from researcher.recommendations import services as recommendations

MEETING_NEEDS = (
    ("Dowóz na rehabilitację i do lekarza specjalisty w powiecie", "zdrowie",
     ["seniorzy", "seniorzy_75"], "3m", 14),
    ("Opiekunka, która przyjdzie kilka razy w tygodniu do osoby samotnej", "pomoc_spoleczna",
     ["seniorzy_75", "osoby_samotne"], "3m", 11),
    ("Zajęcia ruchowe i spotkania w świetlicy przez cały rok", "aktywnosc_obywatelska",
     ["seniorzy"], "12m", 9),
)  # fmt: skip
IMPORT_ROWS = (
    ("telefon", "Opieka wytchnieniowa dla opiekunki męża po udarze", "pomoc_spoleczna",
     "opiekunowie", "3m"),
    ("telefon", "Pomoc w wypełnieniu wniosków i poradnictwo prawne dla seniorów", "pomoc_spoleczna",
     "seniorzy", "12m"),
    ("telefon", "Asystent dla syna z niepełnosprawnością po skończeniu szkoły", "niepelnosprawnosc",
     "osoby_niepelnosprawne", "3m"),
    ("media_spolecznosciowe", "Brakuje zajęć dla młodzieży po lekcjach w naszej wsi",
     "edukacja", "mlodziez", "12m"),
    ("media_spolecznosciowe", "Klub dla mam z małymi dziećmi, choćby raz w tygodniu",
     "polityka_prorodzinna", "male_dzieci", "12m"),
    ("media_spolecznosciowe", "Autobus do przychodni kursuje za rzadko, starsi nie dojadą",
     "zdrowie", "seniorzy", "3m"),
)  # fmt: skip
RECOMMENDATIONS = (
    ("Usługi opiekuńcze i opieka wytchnieniowa dostępne dla wszystkich potrzebujących",
     "Mieszkańcy najczęściej mówią o pomocy w codziennych sprawach osób starszych i o "
     "odciążeniu opiekunów. Proponujemy usługę bez kryterium dochodowego, z pierwszeństwem "
     "dla osób samotnych.", ["obszar:pomoc_spoleczna", "luka:pomoc_spoleczna"]),
    ("Dowóz do lekarza i na rehabilitację", "Brak dojazdu to główna przeszkoda w dostępie do "
     "opieki zdrowotnej; proponujemy dowóz door-to-door w porozumieniu z gminą.",
     ["obszar:zdrowie"]),
)  # fmt: skip
QUOTES = 8


def seed_demo_channels(campaign: Campaign) -> bool:
    """Add the demo's meeting, imported needs, quotes and recommendations; False if present."""
    if db.session.scalar(db.select(Meeting.id).where(Meeting.campaign_id == campaign.id)):
        return False
    last_visit = db.session.scalar(
        db.select(db.func.max(Visit.recorded_on)).where(Visit.campaign_id == campaign.id)
    )
    if last_visit is None:
        return False
    manager = db.session.scalar(db.select(User).where(User.role == MANAGER).order_by(User.id))
    researcher = db.session.scalar(
        db.select(User).where(User.role == RESEARCHER).order_by(User.id)
    )
    locality = db.session.scalar(
        db.select(Locality).where(Locality.gmina_code == campaign.gmina_code).order_by(Locality.id)
    )
    save_meeting(campaign, MeetingInput(
        held_on=last_visit - timedelta(days=3), kind="seniorzy",
        organiser="Klub Seniora przy świetlicy wiejskiej",
        participants={"60_74": 16, "75_plus": 9, "30_59": 2},
        locality_id=locality.id if locality else None,
        needs=[MeetingNeed(text, area, groups, urgency, voiced)
               for text, area, groups, urgency, voiced in MEETING_NEEDS],
    ), researcher)  # fmt: skip
    rows = ["data;kanał;opis;obszar;grupy docelowe;pilność"]
    for i, (channel, text, area, groups, urgency) in enumerate(IMPORT_ROWS):
        day = last_visit - timedelta(days=2 + i)
        rows.append(f"{day.isoformat()};{channel};{text};{area};{groups};{urgency}")
    content = ("\r\n".join(rows) + "\r\n").encode("utf-8-sig")
    stored = upload_import("zgloszenia-telefon-i-facebook.csv", content, campaign, manager)
    apply_import(stored, campaign, manager)
    quoted = 0
    for need in db.session.scalars(
        db.select(Need).where(Need.campaign_id == campaign.id, Need.channel == "wizyta")
        .order_by(Need.id)
    ):  # fmt: skip
        if quoted >= QUOTES:
            break
        if not find_pii(need.description) and len(need.description) > 40:
            need.quote_approved = True
            quoted += 1
    db.session.flush()
    for title, body, evidence in RECOMMENDATIONS:
        allowed = recommendations.evidence_choices(campaign)
        recommendations.save(campaign, title, body, [e for e in evidence if e in allowed],
                             manager)  # fmt: skip
    return True
