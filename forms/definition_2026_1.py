"""The default door-to-door questionnaire, version 2026.1 (DOMAIN §2.3–2.4), as data.

Published versions are never edited: a change of wording, options or rules is a new module
(e.g. `definition_2026_2.py`) registered next to this one in `forms.questionnaire`, so
records collected with 2026.1 stay valid against 2026.1.
"""

from __future__ import annotations

from forms.model import Group, Module, Notice, Option, Question, Questionnaire
from forms.vocabulary import AREAS, N_, OUT_OF_SCOPE, TARGET_GROUPS

VERSION = "2026.1"

# --- conditions -----------------------------------------------------------------------------

INTERVIEW_OUTCOMES = ["zrealizowany", "przerwany"]
VISIT_HAS_INTERVIEW = {"q": "visit_outcome", "in": INTERVIEW_OUTCOMES}
LEAFLET_GIVEN = {"q": "leaflet_given", "eq": True}
CONSENTED = {"q": "consent_interview", "eq": "tak"}
ADULT = {"q": "adult", "eq": "tak"}
#: A1 given, A2 and A3 "Tak": the interview goes on past the consents.
CONSENTS_GIVEN = {"all": [LEAFLET_GIVEN, CONSENTED, ADULT]}
#: Answers may be recorded: an interview outcome and the consents given.
INTERVIEW = {"all": [VISIT_HAS_INTERVIEW, LEAFLET_GIVEN, CONSENTED, ADULT]}
#: Required answers are enforced only for a completed interview, not an interrupted one.
COMPLETE = {"q": "visit_outcome", "eq": "zrealizowany"}
HEALTH_CONSENT = {"q": "consent_health", "eq": "tak"}
#: Sensitive options of a need: with consent A4, or for a community-level need.
CONSENT_OR_COMMUNITY = {"any": [HEALTH_CONSENT, {"q": "beneficiary", "eq": "ogol"}]}
NO_NEEDS = {"q": "areas", "has": "brak_potrzeb"}

SAFEGUARDING = N_(
    "Pilna potrzeba: zaproponuj kontakt z OPS/CUS lub organizacją (pytanie F1, tylko za zgodą "
    "respondenta). Gdy zagrożone jest życie lub zdrowie – dzwoń pod numer alarmowy 112."
)


def _options(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    return tuple(Option(key, label) for key, label in pairs)


YES_NO = _options(("tak", N_("Tak")), ("nie", N_("Nie")))
YES_NO_REFUSED = (*YES_NO, Option("odmowa", N_("Odmowa odpowiedzi")))

# C1 wording (show card) for each statutory area, in the order of art. 2 ust. 1.
_C1_LABELS = {
    "polityka_prorodzinna": N_("Opieka nad małym dzieckiem, wsparcie rodziców"),
    "wspieranie_rodziny": N_("Trudności wychowawcze, asystent rodziny, poradnictwo rodzinne"),
    "piecza_zastepcza": N_("Rodzina zastępcza / piecza"),
    "pomoc_spoleczna": N_(
        "Pomoc w codziennych sprawach: usługi opiekuńcze, posiłki, pomoc w trudnej sytuacji"
    ),
    "zdrowie": N_("Zdrowie: profilaktyka, rehabilitacja, wsparcie psychologiczne"),
    "niepelnosprawnosc": N_(
        "Wsparcie osoby z niepełnosprawnością: asystencja, dowóz, likwidacja barier"
    ),
    "edukacja": N_("Nauka: zajęcia dla dzieci i młodzieży, edukacja dorosłych, umiejętności "
                   "cyfrowe"),
    "bezrobocie": N_("Praca: szukanie pracy, szkolenia, doradztwo zawodowe"),
    "kultura": N_("Kultura: wydarzenia, zajęcia, biblioteka, świetlica"),
    "sport_turystyka": N_("Sport, rekreacja, wyjazdy"),
    "aktywnosc_obywatelska": N_(
        "Spotkania i działanie razem: klub seniora, grupy wsparcia, wolontariat"
    ),
    "mieszkalnictwo": N_("Mieszkanie: warunki, dostosowanie, mieszkanie wspomagane"),
    "srodowisko": N_(
        "Otoczenie i środowisko: pomoc przy wymianie ogrzewania, edukacja ekologiczna"
    ),
    "reintegracja": N_("Powrót do pracy i życia społecznego po kryzysie"),
}

# Household level (C1, C2): health-related areas only with consent A4.
_HOUSEHOLD_AREAS = tuple(
    Option(a.key, _C1_LABELS[a.key], visible_when=HEALTH_CONSENT,
           hidden_error="option_needs_consent_household")
    if a.health_related
    else Option(a.key, _C1_LABELS[a.key])
    for a in AREAS
)
_OTHER_AREA = Option("inna", N_("Inna sprawa (opis)"))
_NO_NEEDS = Option("brak_potrzeb", N_("Nie potrzebujemy obecnie wsparcia"), exclusive=True)

# Need level (D2): health-related areas with consent A4 or for the whole community.
_NEED_AREAS = (
    *(
        Option(a.key, a.label, visible_when=CONSENT_OR_COMMUNITY,
               hidden_error="option_needs_consent")
        if a.health_related
        else Option(a.key, a.label)
        for a in AREAS
    ),
    Option(OUT_OF_SCOPE.key, OUT_OF_SCOPE.label),
)

_TARGET_GROUPS = tuple(
    Option(g.key, g.label, visible_when=CONSENT_OR_COMMUNITY, hidden_error="option_needs_consent")
    if g.sensitive
    else Option(g.key, g.label)
    for g in TARGET_GROUPS
)

_SERVICE_TYPES = (
    N_("usługi opiekuńcze"), N_("specjalistyczne usługi opiekuńcze"), N_("asystencja osobista"),
    N_("opieka wytchnieniowa"), N_("dowóz door-to-door"), N_("poradnictwo psychologiczne"),
    N_("poradnictwo prawne"), N_("asystent rodziny"), N_("zajęcia dla dzieci"), N_("żłobek"),
    N_("klub seniora"), N_("teleopieka"), N_("posiłki"), N_("mieszkanie wspomagane"),
    N_("doradztwo zawodowe"),
)

# --- modules --------------------------------------------------------------------------------

VISIT = Module("visit", "W", N_("Wizyta"), (
    Question("campaign_id", "W0.1", "integer", N_("Kampania (gmina)"), required=True),
    Question("locality_id", "W0.2", "integer", N_("Miejscowość")),
    Question("visit_outcome", "W0.3", "single", N_("Wynik wizyty"), required=True, options=_options(
        ("zrealizowany", N_("Wywiad zrealizowany")),
        ("przerwany", N_("Wywiad przerwany")),
        ("odmowa", N_("Odmowa")),
        ("nikt", N_("Nikt nie otworzył")),
        ("inny_termin", N_("Prośba o inny termin")),
        ("brak_doroslego", N_("Brak osoby dorosłej / osoba nie może udzielić wywiadu")),
        ("niezamieszkany", N_("Lokal niezamieszkany")),
    )),
))

CONSENTS = Module("consents", "A", N_("Informacja i zgody"), (
    Question("leaflet_given", "A1", "bool",
             N_("Przekazano ulotkę informacyjną (art. 13 RODO) i odczytano jej skrót"),
             hint=N_("Bez tego wywiad nie może się odbyć."), required=True),
    Question("consent_interview", "A2", "single",
             N_("Czy zgadza się Pan/Pani na rozmowę?"), options=YES_NO, required=True,
             visible_when=LEAFLET_GIVEN, hint=N_("„Nie” kończy wywiad.")),
    Question("adult", "A3", "single", N_("Czy ukończył(a) Pan/Pani 18 lat?"), options=YES_NO,
             required=True, visible_when={"all": [LEAFLET_GIVEN, CONSENTED]},
             hint=N_("„Nie” kończy wywiad.")),
    Question("consent_health", "A4", "single",
             N_("Wyraźna zgoda na zapisanie informacji o zdrowiu lub niepełnosprawności "
                "(własnej lub domowników)"),
             hint=N_("„Nie” pomija pytania o zdrowie i niepełnosprawność; wywiad trwa dalej."),
             options=YES_NO, required=True, visible_when=CONSENTS_GIVEN),
    Question("interview_mode", "A5", "single", N_("Sposób rozmowy"),
             visible_when=CONSENTS_GIVEN, options=_options(
                 ("osobiscie", N_("Osobiście")),
                 ("tlumacz", N_("Z pomocą tłumacza")),
                 ("w_imieniu", N_("Odpowiada w imieniu domownika")),
             )),
), visible_when=VISIT_HAS_INTERVIEW, hidden_error="interview_not_held")

HOUSEHOLD = Module("household", "B", N_("Gospodarstwo domowe"), (
    Question("age_band", "B1", "single", N_("Wiek respondenta"), required=COMPLETE,
             options=_options(("18_29", N_("18–29")), ("30_44", N_("30–44")),
                              ("45_59", N_("45–59")), ("60_74", N_("60–74")),
                              ("75_plus", N_("75+")), ("odmowa", N_("Odmowa odpowiedzi")))),
    Question("gender", "B2", "single", N_("Płeć"), options=_options(
        ("kobieta", N_("Kobieta")), ("mezczyzna", N_("Mężczyzna")),
        ("inna", N_("Inna / wolę nie podawać")))),
    Question("household_size", "B3", "single",
             N_("Liczba osób w gospodarstwie (z respondentem)"), required=COMPLETE,
             options=_options(("1", N_("1")), ("2", N_("2")), ("3", N_("3")), ("4", N_("4")),
                              ("5", N_("5")), ("6_plus", N_("6 i więcej")))),
    Question("household_members", "B4", "multi", N_("Kto mieszka w gospodarstwie"),
             required=COMPLETE, options=_options(
                 ("dzieci_0_3", N_("Dzieci do 3 lat")), ("dzieci_4_12", N_("Dzieci 4–12 lat")),
                 ("mlodziez_13_17", N_("Młodzież 13–17 lat")),
                 ("dorosli_18_59", N_("Dorośli 18–59 lat")),
                 ("osoby_60_74", N_("Osoby 60–74 lata")), ("osoby_75_plus", N_("Osoby 75+")))),
    Question("daily_help_needed", "B5", "single",
             N_("Czy ktoś w gospodarstwie z powodu wieku, choroby lub niepełnosprawności "
                "potrzebuje pomocy innych w codziennych czynnościach?"),
             options=YES_NO_REFUSED, required=COMPLETE, visible_when=HEALTH_CONSENT),
    Question("informal_carer", "B6", "single",
             N_("Czy regularnie i bez wynagrodzenia opiekuje się Pan/Pani osobą bliską "
                "(także spoza gospodarstwa)?"),
             options=YES_NO_REFUSED, required=COMPLETE, visible_when=HEALTH_CONSENT),
    Question("household_type", "B7", "single", N_("Typ gospodarstwa"), options=_options(
        ("osoba_samotna", N_("Osoba samotna")), ("para_bez_dzieci", N_("Para bez dzieci")),
        ("rodzina_z_dziecmi", N_("Rodzina z dziećmi")),
        ("rodzic_samotny", N_("Rodzic samotnie wychowujący dzieci")),
        ("wielopokoleniowa", N_("Rodzina wielopokoleniowa")), ("inne", N_("Inne")))),
    Question("respondent_situation", "B8", "single", N_("Sytuacja respondenta"), options=_options(
        ("pracuje", N_("Pracuje")), ("uczy_sie", N_("Uczy się")),
        ("emerytura_renta", N_("Emerytura / renta")),
        ("bezrobotny", N_("Bezrobotny/a, szuka pracy")),
        ("dom_opieka", N_("Zajmuje się domem lub opieką")), ("inna", N_("Inna")),
        ("odmowa", N_("Odmowa odpowiedzi")))),
), visible_when=INTERVIEW, hidden_error="interview_not_held")

NEED_AREAS = Module("need_areas", "C", N_("Obszary potrzeb"), (
    Question("areas", "C1", "multi",
             N_("Czy Pan/Pani lub ktoś z domowników potrzebuje teraz lub w ciągu roku wsparcia "
                "w którejś z tych spraw?"),
             required=COMPLETE, options=(*_HOUSEHOLD_AREAS, _OTHER_AREA, _NO_NEEDS)),
    Question("areas_other", "C1.15", "text", N_("Inna sprawa – jaka?"), max_length=200,
             required=True, visible_when={"q": "areas", "has": "inna"}),
    Question("top_areas", "C2", "multi", N_("Które z nich są najważniejsze?"),
             hint=N_("Wybierz do 3."), max_choices=3, subset_of="areas", required=COMPLETE,
             visible_when={"q": "areas", "min_count": 2},
             options=(*_HOUSEHOLD_AREAS, _OTHER_AREA)),
), visible_when=INTERVIEW, hidden_error="interview_not_held")

NEED = Group(
    "needs", "D", N_("Karta potrzeby"), item_label=N_("Potrzeba {n}"), repeat=True,
    max_items=3, min_items=1, required={"all": [COMPLETE, {"not": NO_NEEDS}]},
    required_error="need_required", visible_when={"not": NO_NEEDS},
    questions=(
        Question("description", "D1", "textarea", N_("Opis potrzeby własnymi słowami"),
                 hint=N_("Bez nazwisk, adresów i nazw chorób."), max_length=300, required=True),
        Question("area", "D2", "single", N_("Obszar"), options=_NEED_AREAS, required=True),
        Question("service_type", "D3", "text", N_("Rodzaj usługi"), max_length=100,
                 suggestions=_SERVICE_TYPES),
        Question("beneficiary", "D4", "single", N_("Kogo dotyczy"), required=True,
                 options=_options(
                     ("respondent", N_("Mnie")), ("domownik", N_("Innego domownika")),
                     ("rodzina", N_("Całej rodziny")),
                     ("sasiad", N_("Sąsiada/znajomego (za jego wiedzą)")),
                     ("ogol", N_("Ogółu mieszkańców miejscowości")))),
        Question("target_groups", "D5", "multi", N_("Grupa docelowa"), options=_TARGET_GROUPS,
                 required=True),
        Question("target_groups_other", "D5.inna", "text", N_("Inna grupa – jaka?"),
                 max_length=100, required=True,
                 visible_when={"q": "target_groups", "has": "inna"}),
        Question("urgency", "D6", "single", N_("Pilność"), required=True, options=_options(
            ("pilna", N_("Pilna – potrzebna od razu (zagrożone zdrowie, bezpieczeństwo, "
                         "mieszkanie)")),
            ("3m", N_("W ciągu 3 miesięcy")), ("12m", N_("W ciągu roku")),
            ("dlugofalowa", N_("Na przyszłość"))),
            notices=(Notice("safeguarding", {"q": "urgency", "eq": "pilna"}, SAFEGUARDING),)),
        Question("met_status", "D7", "single", N_("Czy ta potrzeba jest teraz zaspokajana?"),
                 required=True, options=_options(
                     ("pelne", N_("Tak, w pełni")), ("czesciowe", N_("Częściowo")),
                     ("brak", N_("Nie")), ("nie_wiem", N_("Nie wiem")))),
        Question("met_by", "D8", "multi", N_("Kto teraz pomaga"), required=True,
                 visible_when={"q": "met_status", "in": ["pelne", "czesciowe"]},
                 options=(*_options(
                     ("rodzina", N_("Rodzina/bliscy")),
                     ("sasiedzi", N_("Sąsiedzi, znajomi, wolontariusze")),
                     ("ops_cus", N_("OPS/CUS")),
                     ("gmina_inna", N_("Inna jednostka gminy (szkoła, GOK, biblioteka)")),
                     ("powiat", N_("Powiat (PCPR, PUP)")),
                     ("ochrona_zdrowia", N_("Ochrona zdrowia (NFZ)")),
                     ("ngo_parafia", N_("Organizacja pozarządowa / parafia")),
                     ("prywatna", N_("Usługa prywatna, płatna"))),
                     Option("nikt", N_("Nikt"), exclusive=True))),
        Question("barriers", "D9", "multi", N_("Co utrudnia skorzystanie z pomocy"),
                 options=_options(
                     ("brak_uslugi", N_("Brak takiej usługi w gminie")),
                     ("dojazd", N_("Za daleko, brak dojazdu")), ("koszt", N_("Koszt")),
                     ("kryteria", N_("Nie spełniam kryteriów (np. dochodowych)")),
                     ("oczekiwanie", N_("Długie oczekiwanie")),
                     ("godziny", N_("Nieodpowiednie godziny")),
                     ("brak_informacji", N_("Brak informacji")),
                     ("wstyd", N_("Obawa przed oceną, wstyd")),
                     ("bariery_architektoniczne", N_("Bariery architektoniczne")),
                     ("inne", N_("Inne")))),
        Question("preferred_forms", "D10", "multi", N_("Preferowana forma"), required=True,
                 options=_options(
                     ("w_domu", N_("W domu")),
                     ("placowka_dzienna", N_("W placówce dziennej w miejscowości")),
                     ("zajecia_grupowe", N_("Zajęcia grupowe")),
                     ("spotkania_indywidualne", N_("Spotkania indywidualne")),
                     ("telefon_internet", N_("Telefon / internet")),
                     ("dowoz", N_("Dowóz, transport")),
                     ("poradnictwo", N_("Informacja i poradnictwo")),
                     ("pomoc_sasiedzka", N_("Pomoc sąsiedzka / wolontariacka")))),
        Question("frequency", "D11", "single", N_("Jak często"), options=_options(
            ("jednorazowo", N_("Jednorazowo")), ("kilka_razy_w_roku", N_("Kilka razy w roku")),
            ("co_miesiac", N_("Co miesiąc")), ("co_tydzien", N_("Co tydzień")),
            ("codziennie", N_("Codziennie")))),
        Question("access_view", "D12", "single",
                 N_("Czy taka usługa powinna być dostępna dla wszystkich mieszkańców, którzy "
                    "jej potrzebują, czy tylko dla osób w określonej sytuacji?"),
                 options=_options(
                     ("powszechna", N_("Dla wszystkich")),
                     ("selekcyjna", N_("Dla osób w określonej sytuacji")),
                     ("nie_wiem", N_("Trudno powiedzieć")))),
    ),
)

NEEDS = Module("needs", "D", N_("Potrzeby"), (NEED,), visible_when=INTERVIEW,
               hidden_error="interview_not_held")

COMMUNITY = Module("community", "E", N_("Miejscowość i potencjał"), (
    Question("services_rating", "E1", "single",
             N_("Jak ocenia Pan/Pani dostępność usług społecznych w swojej miejscowości?"),
             required=COMPLETE, options=_options(
                 ("bardzo_dobrze", N_("Bardzo dobrze")), ("raczej_dobrze", N_("Raczej dobrze")),
                 ("ani_ani", N_("Ani dobrze, ani źle")), ("raczej_zle", N_("Raczej źle")),
                 ("bardzo_zle", N_("Bardzo źle")),
                 ("trudno_powiedziec", N_("Trudno powiedzieć")))),
    # Community level: every area, also without consent A4.
    Question("community_gaps", "E2", "multi", N_("Czego najbardziej brakuje w miejscowości?"),
             hint=N_("Wybierz do 3."), max_choices=3,
             options=tuple(Option(a.key, _C1_LABELS[a.key]) for a in AREAS)),
    Question("volunteering", "E3", "single",
             N_("Czy byłby Pan/byłaby Pani gotów/gotowa pomagać innym mieszkańcom "
                "(wolontariat, pomoc sąsiedzka)?"),
             options=_options(("tak", N_("Tak")), ("moze", N_("Może")), ("nie", N_("Nie")))),
    Question("info_sources", "E4", "multi",
             N_("Skąd dowiaduje się Pan/Pani o pomocy i usługach w gminie?"),
             options=(*_options(
                 ("strona_gminy", N_("Strona gminy/BIP")),
                 ("media_spolecznosciowe", N_("Media społecznościowe")),
                 ("tablica_soltys", N_("Tablica ogłoszeń, sołtys")),
                 ("parafia", N_("Parafia")), ("sasiedzi_rodzina", N_("Sąsiedzi, rodzina")),
                 ("ops_cus", N_("OPS/CUS")), ("media_lokalne", N_("Lokalna gazeta/radio"))),
                 Option("nie_wiem", N_("Nie wiem, gdzie szukać"), exclusive=True))),
), visible_when=INTERVIEW, hidden_error="interview_not_held")

CONTACT = Group(
    "contact", "F1.kontakt", N_("Dane do kontaktu"), pii_check=False, stored_apart=True,
    visible_when={"q": "contact_requested", "eq": True}, hidden_error="contact_not_requested",
    questions=(
        Question("name", "F1.1", "text", N_("Imię"), max_length=80, required=True),
        Question("phone_or_email", "F1.2", "text", N_("Telefon lub e-mail"), max_length=120,
                 required=True),
        Question("when", "F1.3", "text", N_("Pora kontaktu"), max_length=120),
    ),
)

CLOSING = Module("closing", "F", N_("Zakończenie"), (
    Question("contact_requested", "F1", "bool",
             N_("Czy chce Pan/Pani, aby ktoś (OPS/CUS/organizacja) skontaktował się w sprawie "
                "zgłoszonej potrzeby?"),
             hint=N_("„Tak” otwiera osobny formularz kontaktu, przechowywany oddzielnie od "
                     "odpowiedzi."),
             required=COMPLETE),
    CONTACT,
    Question("researcher_note", "F2", "textarea", N_("Notatka Researchera"),
             hint=N_("Bez danych osobowych."), max_length=500),
    Question("respondent_code", "F3", "code", N_("Kod respondenta"),
             hint=N_("Wpisz ten kod na ulotce – służy do wglądu w dane lub ich usunięcia."),
             required=True),
), visible_when=INTERVIEW, hidden_error="interview_not_held")

QUESTIONNAIRE = Questionnaire(
    version=VERSION,
    title=N_("Diagnoza potrzeb mieszkańców – kwestionariusz domowy"),
    clause_version="2026.1",
    modules=(VISIT, CONSENTS, HOUSEHOLD, NEED_AREAS, NEEDS, COMMUNITY, CLOSING),
)
