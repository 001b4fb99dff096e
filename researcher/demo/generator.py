"""Generate realistic synced visit records for the demo and the benchmarks; pure Python.

`generate_records(n, campaign_id=…, locality_ids=[…], seed=…)` returns `n` records in the
sync format of docs/api.md (questionnaire 2026.1): a realistic mix of visit outcomes and, for
interviews, households whose needs come from the phrase bank of `researcher.demo.phrases`
(Polish as residents say it, varied in wording and inflection). Every record passes
`forms.schema.validate_sync_record`; the same seed gives the same records. No Flask, no
database, no names, phone numbers or PESEL in any answer.
"""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from forms.questionnaire import RESPONDENT_CODE_ALPHABET, RESPONDENT_CODE_LENGTH
from forms.vocabulary import AREA_KEYS, AREAS_BY_KEY, SENSITIVE_GROUP_KEYS
from researcher.demo.people import (
    BAND_AGES,
    PROFILES,
    Household,
    Person,
    Speaker,
    lat,
    member,
    people,
)
from researcher.demo.phrases import CARE_TOPICS, CLOSERS, NOTES, OPENERS, SLOTS, Topic
from researcher.demo.phrases_more import OTHER_TOPICS

FORM_VERSION = "2026.1"
WARSAW = ZoneInfo("Europe/Warsaw")
DEFAULT_START = datetime(2026, 3, 9, tzinfo=WARSAW)  # a Monday; fieldwork crosses into DST
FIELDWORK_DAYS = 42
TOPICS: tuple[Topic, ...] = CARE_TOPICS + OTHER_TOPICS

OUTCOMES = {"zrealizowany": 55, "przerwany": 5, "odmowa": 12, "nikt": 18, "inny_termin": 5,
            "brak_doroslego": 2, "niezamieszkany": 3}
HOURS = {9: 4, 10: 7, 11: 8, 12: 7, 13: 5, 14: 5, 15: 7, 16: 9, 17: 9, 18: 7, 19: 3}
_CARE = {"opieka_senior", "wytchnienie", "asystencja", "dowoz", "rehabilitacja", "posilki"}


def _pick(rng: random.Random, weights: dict[str, int | float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _allowed_areas(topic: Topic, home: Household, community: bool) -> list[str]:
    return [a for a in topic.areas
            if community or home.consent or not AREAS_BY_KEY[a].health_related]


def _scopes(topic: Topic, home: Household) -> dict[str, float]:
    """The scopes this topic can be told in for this household, with their weights."""
    scopes: dict[str, float] = {}
    household_ok = bool(_allowed_areas(topic, home, community=False))
    who = people(topic.pool, home)
    if topic.own and household_ok and who:
        scopes["own"] = 4.0
    if topic.mine and household_ok and (not topic.mine_ages or home.band in topic.mine_ages):
        if topic.pool != "cared" or who:
            scopes["mine"] = 3.0
    if topic.family and household_ok and home.profile not in ("senior_alone", "young"):
        scopes["family"] = 2.0
    if topic.community:
        scopes["community"] = 2.5
    return scopes


_KEEP_CASE = ("NFZ", "PKS", "OPS", "DPS", "Otwock", "Warszaw", "Wiązown")


def _describe(
    rng: random.Random, template: str, person: Person | None, age: int, home: Household
) -> str:
    """Fill a template's slots and vary its surface the way notes taken at a door vary."""
    values: dict[str, Any] = {"p": person, "r": home.speaker}
    for _text, name, _spec, _conv in string.Formatter().parse(template):
        root = (name or "").split(".")[0]
        if root in SLOTS and root not in values:
            values[root] = rng.choice(SLOTS[root])
    values["wiek"] = lat(age)
    band = BAND_AGES.get(home.band)
    values["wiek_r"] = lat(rng.randint(*band)) if band else "swoje lata"
    text = template.format(**values)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.2:
        opener = rng.choice(OPENERS)
        keep = text.startswith(_KEEP_CASE)
        text = opener + (text if keep else text[0].lower() + text[1:])
    if rng.random() < 0.15 and text.endswith("."):
        text += rng.choice(CLOSERS)
    if " – " in text and rng.random() < 0.3:
        text = text.replace(" – ", rng.choice((" - ", ", ", " — ")))
    if text.endswith(".") and rng.random() < 0.15:
        text = text[:-1]
    if rng.random() < 0.04:
        text = text.lower()
    return text[:300]


def _choices(rng: random.Random, options: Sequence[str], low: int, high: int) -> list[str]:
    k = min(len(options), rng.randint(low, high))
    return rng.sample(list(options), k)


_URGENCY = {"high": {"pilna": 15, "3m": 40, "12m": 30, "dlugofalowa": 15},
            "normal": {"pilna": 4, "3m": 26, "12m": 45, "dlugofalowa": 25},
            "low": {"pilna": 1, "3m": 12, "12m": 45, "dlugofalowa": 42}}
_MET = {False: {"brak": 45, "czesciowe": 30, "pelne": 7, "nie_wiem": 18},
        True: {"brak": 50, "czesciowe": 12, "pelne": 3, "nie_wiem": 35}}
_BENEFICIARY = {"mine": "respondent", "family": "rodzina", "community": "ogol"}


def _groups(rng: random.Random, candidates: tuple[str, ...], topic: Topic,
            sensitive_ok: bool) -> list[str]:
    """D5: the first candidate and up to two more; sensitive ones only where allowed."""
    groups = [candidates[0], *_choices(rng, candidates[1:], 0, 2)]
    if not sensitive_ok:
        groups = [g for g in groups if g not in SENSITIVE_GROUP_KEYS] or [
            next((g for g in topic.groups if g not in SENSITIVE_GROUP_KEYS), "ogol")]
    return groups


def _need(rng: random.Random, topic: Topic, scope: str, home: Household) -> dict[str, Any]:
    """One need record (module D) of `topic`, told in `scope`."""
    community = scope == "community"
    person, age = None, 0
    if scope == "own" or (scope == "mine" and "{p." in "".join(topic.mine)):
        person = rng.choice(people(topic.pool, home))
        age = rng.randint(*person.ages)
    template = rng.choice(getattr(topic, scope))
    candidates = topic.groups
    if template.startswith("["):  # the template names its own target groups
        listed, template = template[1:].split("] ", 1)
        candidates = tuple(listed.split(","))
    areas = _allowed_areas(topic, home, community)
    area = areas[0] if rng.random() < 0.75 else rng.choice(areas)
    beneficiary = _BENEFICIARY.get(scope) or ("sasiad" if person.neighbour else "domownik")
    need: dict[str, Any] = {"description": _describe(rng, template, person, age, home),
                            "area": area}
    if topic.services and rng.random() < 0.7:
        need["service_type"] = rng.choice(topic.services)
    need |= {"beneficiary": beneficiary,
             "target_groups": _groups(rng, candidates, topic, home.consent or community),
             "urgency": _pick(rng, _URGENCY[topic.urgency]),
             "met_status": _pick(rng, _MET[community])}
    if community and "ogol" not in need["target_groups"] and rng.random() < 0.3:
        need["target_groups"].append("ogol")
    if need["met_status"] in ("pelne", "czesciowe"):
        need["met_by"] = _choices(rng, topic.helpers, 1, 2)
    if rng.random() < 0.6:
        need["barriers"] = _choices(rng, topic.barriers, 1, 3)
    need["preferred_forms"] = _choices(rng, topic.forms, 1, 2)
    if rng.random() < 0.75:
        need["frequency"] = rng.choice(topic.frequencies)
    if rng.random() < 0.7:
        need["access_view"] = _pick(rng, {"powszechna": 55, "selekcyjna": 30, "nie_wiem": 15})
    if person is not None and not person.neighbour:
        home.members.append(member(age))
    return need


def _needs(rng: random.Random, home: Household, count: int) -> list[tuple[Topic, dict]]:
    """`count` needs of different topics, the topics weighted by the household's profile."""
    chosen: list[tuple[Topic, dict]] = []
    candidates = list(TOPICS)
    while len(chosen) < count and candidates:
        weights = [t.weight * (3.0 if home.profile in t.audience else 0.5 if t.audience else 1.0)
                   for t in candidates]
        topic = rng.choices(candidates, weights=weights)[0]
        candidates.remove(topic)
        scopes = _scopes(topic, home)
        if scopes:
            chosen.append((topic, _need(rng, topic, _pick(rng, scopes), home)))
    return chosen


def _household_areas(rng: random.Random, home: Household, needs: list[tuple[Topic, dict]],
                     data: dict[str, Any]) -> None:
    """C1, C1.15 and C2 from the needs, plus an area or two the respondent also ticked."""
    allowed = [a for a in AREA_KEYS if home.consent or not AREAS_BY_KEY[a].health_related]
    areas: list[str] = []
    for _topic, need in needs:
        key = "inna" if need["area"] == "poza_zakresem" else need["area"]
        if (key == "inna" or key in allowed) and key not in areas:
            areas.append(key)
    if rng.random() < 0.35 or not areas:
        extra = rng.choice(allowed)
        if extra not in areas:
            areas.append(extra)
    data["areas"] = areas
    if "inna" in areas:
        others = [t.other for t, n in needs if t.other and n["area"] == "poza_zakresem"]
        data["areas_other"] = rng.choice(others[0] if others else ("Droga i chodnik",))
    if len(areas) >= 2:
        data["top_areas"] = areas[:3]


def _household(rng: random.Random) -> tuple[Household, str]:
    """A household profile, the respondent's age band and gender, consent A4 (B1, B2, B4)."""
    profile = _pick(rng, {k: v[0] for k, v in PROFILES.items()})
    band = _pick(rng, PROFILES[profile][1]) if rng.random() < 0.97 else "odmowa"
    gender = _pick(rng, {"kobieta": 58, "mezczyzna": 38, "inna": 2, "": 2})
    speaker = Speaker(fem=gender == "kobieta" or (gender != "mezczyzna" and rng.random() < 0.5))
    own = member(BAND_AGES[band][0]) if band != "odmowa" else "dorosli_18_59"
    home = Household(profile, band, speaker, rng.random() < 0.72, [own])
    if profile in ("family", "single_parent") or (profile == "multigen" and rng.random() < 0.6):
        home.members += _choices(rng, ("dzieci_0_3", "dzieci_4_12", "mlodziez_13_17"), 1, 2)
    if profile == "multigen":
        home.members.append(rng.choice(("osoby_60_74", "osoby_75_plus")))
    return home, gender


def _household_answers(rng: random.Random, data: dict[str, Any], home: Household, gender: str,
                       made: list[tuple[Topic, dict]], complete: bool) -> None:
    """Module B, consistent with the people the needs talk about."""
    _w, _bands, sizes, types, situations = PROFILES[home.profile]
    members = [m for m in ("dzieci_0_3", "dzieci_4_12", "mlodziez_13_17", "dorosli_18_59",
                           "osoby_60_74", "osoby_75_plus") if m in home.members]
    size = max(rng.choice(sizes), len(members) + (home.profile == "senior_couple"))
    household_type = rng.choice(types)
    if size > 1 and household_type == "osoba_samotna":
        household_type = "inne"
    if complete or home.band != "odmowa":
        data["age_band"] = home.band
    if gender:
        data["gender"] = gender
    data |= {"household_size": str(size) if size < 6 else "6_plus", "household_members": members}
    care = any(t.key in _CARE for t, n in made if n["beneficiary"] in ("domownik", "respondent"))
    if home.consent:
        data["daily_help_needed"] = "tak" if care else _pick(rng, {"nie": 80, "tak": 12,
                                                                   "odmowa": 8})
        carer = any(t.key == "wytchnienie" for t, _n in made)
        data["informal_carer"] = "tak" if carer else _pick(rng, {"nie": 85, "tak": 10,
                                                                 "odmowa": 5})
    if rng.random() < 0.9:
        data["household_type"] = household_type
    if rng.random() < 0.85:
        data["respondent_situation"] = _pick(rng, situations)


def _interview(rng: random.Random, data: dict[str, Any], complete: bool, needs: int | None) -> None:
    """Fill `data` with the answers of an interview (completed or interrupted)."""
    home, gender = _household(rng)
    data |= {"leaflet_given": True, "consent_interview": "tak", "adult": "tak",
             "consent_health": "tak" if home.consent else "nie"}
    if rng.random() < 0.9:
        data["interview_mode"] = _pick(rng, {"osobiscie": 90, "w_imieniu": 7, "tlumacz": 3})
    if not complete and rng.random() < 0.5:
        data["respondent_code"] = _code(rng)
        return  # interrupted right after the consents
    count = needs
    if count is None:
        count = 0 if rng.random() < 0.07 else int(_pick(rng, {"1": 35, "2": 35, "3": 30}))
        count = count if complete else min(count, 1)
    made = _needs(rng, home, count)
    if count == 0:
        data["areas"] = ["brak_potrzeb"]
    else:
        _household_areas(rng, home, made, data)
        data["needs"] = [need for _topic, need in made]
    _household_answers(rng, data, home, gender, made, complete)
    if complete:
        _community(rng, data, any(n["urgency"] == "pilna" for _t, n in made))
    data["respondent_code"] = _code(rng)


def _community(rng: random.Random, data: dict[str, Any], urgent: bool) -> None:
    """Modules E and F of a completed interview."""
    data["services_rating"] = _pick(rng, {"bardzo_dobrze": 5, "raczej_dobrze": 22, "ani_ani": 30,
                                          "raczej_zle": 22, "bardzo_zle": 8,
                                          "trudno_powiedziec": 13})
    if rng.random() < 0.7:
        data["community_gaps"] = _choices(rng, AREA_KEYS, 1, 3)
    if rng.random() < 0.85:
        data["volunteering"] = _pick(rng, {"tak": 25, "moze": 40, "nie": 35})
    if rng.random() < 0.8:
        sources = ("strona_gminy", "media_spolecznosciowe", "tablica_soltys", "parafia",
                   "sasiedzi_rodzina", "ops_cus", "media_lokalne")
        data["info_sources"] = (["nie_wiem"] if rng.random() < 0.12
                                else _choices(rng, sources, 1, 3))
    contact = rng.random() < (0.25 if urgent else 0.04)
    data["contact_requested"] = contact
    if contact:  # obviously fictitious: stored apart and encrypted, never in an answer
        data["contact"] = {"name": "Mieszkaniec (dane demonstracyjne)",
                           "phone_or_email": f"demo{rng.randrange(10000):04d}@example.org",
                           "when": rng.choice(("po 16", "rano", "w weekend"))}
    if rng.random() < 0.15:
        data["researcher_note"] = rng.choice(NOTES)


def _code(rng: random.Random) -> str:
    return "".join(rng.choice(RESPONDENT_CODE_ALPHABET) for _ in range(RESPONDENT_CODE_LENGTH))


def _recorded_at(rng: random.Random, first_day: datetime) -> datetime:
    """A moment of fieldwork: Monday to Saturday, 9:00–19:59 local time."""
    while True:
        day = (first_day + timedelta(days=rng.randrange(FIELDWORK_DAYS))).date()
        if day.weekday() != 6:
            break
    hour = int(_pick(rng, {str(h): w for h, w in HOURS.items()}))
    moment = time(hour, rng.randrange(60), rng.randrange(60))
    return datetime.combine(day, moment, tzinfo=WARSAW)


def generate_records(
    n: int,
    *,
    campaign_id: int,
    locality_ids: Sequence[int],
    seed: int = 0,
    start: datetime | None = None,
    needs: int | None = None,
) -> list[dict[str, Any]]:
    """`n` sync records (revision 1, questionnaire 2026.1) for `campaign_id`, sorted by time.

    Visits are spread over `locality_ids` (the first ones busier) and over six weeks of
    fieldwork from `start` (default 9 March 2026, Europe/Warsaw). By default about 55 % are
    completed interviews with 0–3 needs, the rest other outcomes; `needs=k` (1–3) makes every
    record a completed interview with exactly `k` needs, as the benchmarks want.
    """
    if needs is not None and not 1 <= needs <= 3:
        raise ValueError("needs must be between 1 and 3")
    if not locality_ids:
        raise ValueError("locality_ids must not be empty")
    rng = random.Random(seed)
    first = (start or DEFAULT_START)
    first = first.astimezone(WARSAW) if first.tzinfo else first.replace(tzinfo=WARSAW)
    locality_weights = [1 / (1 + 0.25 * i) for i in range(len(locality_ids))]
    timed: list[tuple[datetime, dict[str, Any]]] = []
    for _ in range(n):
        record_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
        moment = _recorded_at(rng, first)
        outcome = "zrealizowany" if needs else _pick(rng, OUTCOMES)
        data: dict[str, Any] = {
            "campaign_id": campaign_id,
            "locality_id": rng.choices(list(locality_ids), weights=locality_weights)[0],
            "visit_outcome": outcome,
        }
        if outcome in ("zrealizowany", "przerwany"):
            _interview(rng, data, outcome == "zrealizowany", needs)
        record = {"uuid": str(record_uuid), "revision": 1, "form_version": FORM_VERSION,
                  "recorded_at": moment.isoformat(timespec="seconds"), "data": data}
        if outcome in ("zrealizowany", "przerwany"):  # how long the form was open: 2–27 min
            opened = moment - timedelta(seconds=120 + record_uuid.int % 1500)
            record["opened_at"] = opened.isoformat(timespec="seconds")
            record["finished_at"] = record["recorded_at"]
        timed.append((moment, record))
    timed.sort(key=lambda pair: (pair[0], pair[1]["uuid"]))
    return [record for _moment, record in timed]
