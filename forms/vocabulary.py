"""Domain vocabulary shared by the questionnaire, the analysis and the exports.

Plain data only: importing this module pulls in neither Flask nor WTForms. Labels are Polish
msgids marked with `N_` so that Babel extracts them; the app translates them when it shows
them (`_(label)`), exports keep the Polish (statutory) wording.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(text: str) -> str:
    """Mark a string for extraction by Babel without translating it now."""
    return text


@dataclass(frozen=True)
class Area:
    """One of the 14 areas of social services (art. 2 ust. 1 ustawy o CUS), or a flag."""

    key: str
    point: int | None  # pkt of art. 2 ust. 1; None for the two non-statutory flags
    label: str  # nominative UI label
    statutory: str  # statutory wording (genitive, after "działania z zakresu:")
    health_related: bool = False  # hidden at household level without art. 9 consent (A4)


AREAS: tuple[Area, ...] = (
    Area("polityka_prorodzinna", 1, N_("Polityka prorodzinna"), "polityki prorodzinnej"),
    Area("wspieranie_rodziny", 2, N_("Wspieranie rodziny"), "wspierania rodziny"),
    Area("piecza_zastepcza", 3, N_("System pieczy zastępczej"), "systemu pieczy zastępczej"),
    Area("pomoc_spoleczna", 4, N_("Pomoc społeczna"), "pomocy społecznej"),
    Area("zdrowie", 5, N_("Promocja i ochrona zdrowia"), "promocji i ochrony zdrowia", True),
    Area(
        "niepelnosprawnosc",
        6,
        N_("Wspieranie osób niepełnosprawnych"),
        "wspierania osób niepełnosprawnych",
        True,
    ),
    Area("edukacja", 7, N_("Edukacja publiczna"), "edukacji publicznej"),
    Area("bezrobocie", 8, N_("Przeciwdziałanie bezrobociu"), "przeciwdziałania bezrobociu"),
    Area("kultura", 9, N_("Kultura"), "kultury"),
    Area(
        "sport_turystyka", 10, N_("Kultura fizyczna i turystyka"), "kultury fizycznej i turystyki"
    ),
    Area(
        "aktywnosc_obywatelska",
        11,
        N_("Pobudzanie aktywności obywatelskiej"),
        "pobudzania aktywności obywatelskiej",
    ),
    Area("mieszkalnictwo", 12, N_("Mieszkalnictwo"), "mieszkalnictwa"),
    Area("srodowisko", 13, N_("Ochrona środowiska"), "ochrony środowiska"),
    Area(
        "reintegracja",
        14,
        N_("Reintegracja zawodowa i społeczna"),
        "reintegracji zawodowej i społecznej",
        True,
    ),
)

#: Flags for needs outside the statutory definition of "usługa społeczna".
OUT_OF_SCOPE = Area("poza_zakresem", None, N_("Poza zakresem usług społecznych"), "poza zakresem")
MATERIAL = Area(
    "potrzeba_materialna",
    None,
    N_("Potrzeba materialna (poza definicją usługi społecznej)"),
    "potrzeba materialna",
)

AREA_KEYS: tuple[str, ...] = tuple(a.key for a in AREAS)
AREAS_BY_KEY: dict[str, Area] = {a.key: a for a in (*AREAS, OUT_OF_SCOPE, MATERIAL)}


@dataclass(frozen=True)
class TargetGroup:
    """A target group of a need (DOMAIN §2.1)."""

    key: str
    label: str
    sensitive: bool = False  # art. 9 / art. 10 RODO: household level only with consent A4


TARGET_GROUPS: tuple[TargetGroup, ...] = (
    TargetGroup("ogol", N_("Ogół mieszkańców")),
    TargetGroup("male_dzieci", N_("Dzieci do lat 3 i ich rodzice")),
    TargetGroup("dzieci", N_("Dzieci (4–12 lat)")),
    TargetGroup("mlodziez", N_("Młodzież (13–17 lat)")),
    TargetGroup("mlodzi_dorosli", N_("Młodzi dorośli (18–29 lat)")),
    TargetGroup("rodziny_z_dziecmi", N_("Rodziny z dziećmi")),
    TargetGroup("rodziny_wielodzietne", N_("Rodziny wielodzietne (3+ dzieci)")),
    TargetGroup("samotni_rodzice", N_("Osoby samotnie wychowujące dzieci")),
    TargetGroup("seniorzy", N_("Seniorzy (60+)")),
    TargetGroup("seniorzy_75", N_("Seniorzy 75+")),
    TargetGroup("osoby_niepelnosprawne", N_("Osoby z niepełnosprawnościami"), True),
    TargetGroup("osoby_niesamodzielne", N_("Osoby niesamodzielne / wymagające opieki"), True),
    TargetGroup("opiekunowie", N_("Opiekunowie nieformalni (faktyczni)")),
    TargetGroup("zdrowie_psychiczne", N_("Osoby w kryzysie psychicznym"), True),
    TargetGroup("osoby_samotne", N_("Osoby samotne / samotnie gospodarujące")),
    TargetGroup("bezrobotni", N_("Osoby bezrobotne i poszukujące pracy")),
    TargetGroup("bezdomnosc", N_("Osoby w kryzysie bezdomności lub nim zagrożone")),
    TargetGroup("przemoc", N_("Osoby doznające przemocy domowej"), True),
    TargetGroup("uzaleznienia", N_("Osoby z problemem uzależnień i ich bliscy"), True),
    TargetGroup("cudzoziemcy", N_("Cudzoziemcy, w tym uchodźcy"), True),
    TargetGroup("piecza", N_("Rodziny zastępcze i usamodzielniani wychowankowie")),
    TargetGroup("po_wyroku", N_("Osoby opuszczające zakłady karne"), True),
    TargetGroup("inna", N_("Inna (opis)")),
)

TARGET_GROUPS_BY_KEY: dict[str, TargetGroup] = {g.key: g for g in TARGET_GROUPS}
SENSITIVE_GROUP_KEYS: frozenset[str] = frozenset(g.key for g in TARGET_GROUPS if g.sensitive)
