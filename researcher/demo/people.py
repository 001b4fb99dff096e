"""The people of the demo households: case forms for the templates, household profiles.

`Person` carries the Polish case forms and gendered endings the phrase-bank templates use
(`{p.gen}`, `sam{p.a}`…); `Speaker` the respondent's (`{r.a}`, `{r.em}`…). `people(pool, home)`
says who a need may be about in a given household, so that a single senior never talks about
their toddler.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Person:
    """Somebody a need is about, with the case forms and gendered endings templates use."""

    nom: str
    gen: str
    dat: str
    acc: str
    ins: str
    fem: bool
    ages: tuple[int, int]
    neighbour: bool = False

    def __getattr__(self, name: str) -> str:
        forms = _GENDERED.get(name)
        if forms is None:
            raise AttributeError(name)
        return forms[0] if self.fem else forms[1]


@dataclass(frozen=True)
class Speaker:
    """The respondent, for first-person templates."""

    fem: bool

    def __getattr__(self, name: str) -> str:
        forms = _SPEAKER.get(name)
        if forms is None:
            raise AttributeError(name)
        return forms[0] if self.fem else forms[1]


_GENDERED = {"a": ("a", ""), "y": ("a", "y"), "on": ("ona", "on"), "go": ("ją", "go"),
             "mu": ("jej", "mu"), "niego": ("niej", "niego"), "nim": ("niej", "nim"),
             "mogl": ("mogła", "mógł"), "powinien": ("powinna", "powinien")}
_SPEAKER = {"a": ("a", ""), "y": ("a", "y"), "em": ("am", "em"), "ka": ("ka", ""),
            "mogl": ("mogła", "mógł"), "powinien": ("powinnam", "powinienem"),
            "malzonka": ("męża", "żony")}


def _p(forms: str, fem: bool, ages: tuple[int, int], neighbour: bool = False) -> Person:
    return Person(*forms.split("|"), fem=fem, ages=ages, neighbour=neighbour)


PARENTS = (
    _p("mama|mamy|mamie|mamę|mamą", True, (72, 95)),
    _p("tata|taty|tacie|tatę|tatą", False, (72, 92)),
    _p("teściowa|teściowej|teściowej|teściową|teściową", True, (72, 94)),
    _p("teść|teścia|teściowi|teścia|teściem", False, (72, 90)),
    _p("babcia|babci|babci|babcię|babcią", True, (80, 97)),
    _p("dziadek|dziadka|dziadkowi|dziadka|dziadkiem", False, (80, 94)),
    _p("mama męża|mamy męża|mamie męża|mamę męża|mamą męża", True, (72, 93)),
)
NEIGHBOURS = (
    _p("sąsiadka|sąsiadki|sąsiadce|sąsiadkę|sąsiadką", True, (70, 95), True),
    _p("sąsiad|sąsiada|sąsiadowi|sąsiada|sąsiadem", False, (70, 92), True),
    _p("starsza pani z naprzeciwka|starszej pani z naprzeciwka|starszej pani z naprzeciwka|"
       "starszą panią z naprzeciwka|starszą panią z naprzeciwka", True, (78, 96), True),
    _p("pan spod lasu|pana spod lasu|panu spod lasu|pana spod lasu|panem spod lasu", False,
       (70, 90), True),
    _p("samotna sąsiadka|samotnej sąsiadki|samotnej sąsiadce|samotną sąsiadkę|samotną sąsiadką",
       True, (70, 95), True),
)
HUSBAND = _p("mąż|męża|mężowi|męża|mężem", False, (40, 90))
WIFE = _p("żona|żony|żonie|żonę|żoną", True, (40, 90))
SIBLINGS = (_p("brat|brata|bratu|brata|bratem", False, (18, 40)),
            _p("siostra|siostry|siostrze|siostrę|siostrą", True, (18, 40)))
GRANDCHILDREN = (_p("wnuk|wnuka|wnukowi|wnuka|wnukiem", False, (4, 12)),
                 _p("wnuczka|wnuczki|wnuczce|wnuczkę|wnuczką", True, (4, 12)))
LEAVERS = (_p("wnuk|wnuka|wnukowi|wnuka|wnukiem", False, (18, 24)),
           _p("wnuczka|wnuczki|wnuczce|wnuczkę|wnuczką", True, (18, 24)))
SON = _p("syn|syna|synowi|syna|synem", False, (4, 12))
DAUGHTER = _p("córka|córki|córce|córkę|córką", True, (4, 12))
CHILDREN = (SON, DAUGHTER, _p("młodszy syn|młodszego syna|młodszemu synowi|młodszego syna|"
                              "młodszym synem", False, (4, 10)),
            _p("starsza córka|starszej córki|starszej córce|starszą córkę|starszą córką", True,
               (8, 12)))
TEENS = (_p("syn|syna|synowi|syna|synem", False, (13, 17)),
         _p("córka|córki|córce|córkę|córką", True, (13, 17)),
         _p("starszy syn|starszego syna|starszemu synowi|starszego syna|starszym synem", False,
            (14, 17)),
         _p("starsza córka|starszej córki|starszej córce|starszą córkę|starszą córką", True,
            (14, 17)))
TODDLERS = (_p("synek|synka|synkowi|synka|synkiem", False, (1, 3)),
            _p("córeczka|córeczki|córeczce|córeczkę|córeczką", True, (1, 3)),
            _p("najmłodszy syn|najmłodszego syna|najmłodszemu synowi|najmłodszego syna|"
               "najmłodszym synem", False, (1, 3)),
            _p("najmłodsza córka|najmłodszej córki|najmłodszej córce|najmłodszą córkę|"
               "najmłodszą córką", True, (1, 3)))
GROWN_CHILDREN = (_p("syn|syna|synowi|syna|synem", False, (19, 35)),
                  _p("córka|córki|córce|córkę|córką", True, (19, 35)),
                  _p("zięć|zięcia|zięciowi|zięcia|zięciem", False, (25, 40)),
                  _p("synowa|synowej|synowej|synową|synową", True, (25, 40)))

#: Household profiles: weight, B1 age bands, B3 sizes, B7 types, B8 situations.
PROFILES: dict[str, tuple[int, dict[str, int], tuple[int, ...], tuple[str, ...], dict[str, int]]]
PROFILES = {
    "senior_alone": (17, {"60_74": 45, "75_plus": 55}, (1,), ("osoba_samotna",),
                     {"emerytura_renta": 95, "inna": 5}),
    "senior_couple": (14, {"60_74": 60, "75_plus": 40}, (2,), ("para_bez_dzieci",),
                      {"emerytura_renta": 88, "pracuje": 8, "dom_opieka": 4}),
    "family": (24, {"18_29": 10, "30_44": 65, "45_59": 25}, (3, 4, 4, 5, 6),
               ("rodzina_z_dziecmi",), {"pracuje": 70, "dom_opieka": 20, "bezrobotny": 5,
                                        "inna": 5}),
    "multigen": (15, {"30_44": 40, "45_59": 60}, (4, 5, 5, 6), ("wielopokoleniowa",),
                 {"pracuje": 65, "dom_opieka": 25, "bezrobotny": 10}),
    "single_parent": (6, {"18_29": 30, "30_44": 70}, (2, 3, 4), ("rodzic_samotny",),
                      {"pracuje": 65, "bezrobotny": 15, "dom_opieka": 20}),
    "adult": (16, {"30_44": 30, "45_59": 70}, (1, 2, 2, 3), ("para_bez_dzieci", "osoba_samotna",
                                                             "inne"),
              {"pracuje": 70, "bezrobotny": 15, "emerytura_renta": 10, "inna": 5}),
    "young": (8, {"18_29": 100}, (1, 2, 3, 4), ("inne", "para_bez_dzieci", "osoba_samotna"),
              {"uczy_sie": 35, "pracuje": 45, "bezrobotny": 20}),
}
BAND_AGES = {"18_29": (19, 29), "30_44": (30, 44), "45_59": (45, 59), "60_74": (60, 74),
             "75_plus": (75, 92)}
WITH_CHILDREN = ("family", "single_parent", "multigen")


def lat(n: int) -> str:
    """The number with the form of "lat" that goes with it: "82 lata", "85 lat", "1 rok"."""
    if n == 1:
        return "1 rok"
    few = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {'lata' if few else 'lat'}"


def member(age: int) -> str:
    """The B4 category of a household member of this age."""
    for limit, key in ((4, "dzieci_0_3"), (13, "dzieci_4_12"), (18, "mlodziez_13_17"),
                       (60, "dorosli_18_59"), (75, "osoby_60_74")):
        if age < limit:
            return key
    return "osoby_75_plus"


@dataclass
class Household:
    """What one interview knows about the respondent, while its needs are being made up."""

    profile: str
    band: str
    speaker: Speaker
    consent: bool
    members: list[str]


def people(pool: str, home: Household) -> tuple[Person, ...]:
    """Who `{p}` may be for this household, or () when the pool does not fit it."""
    senior = home.profile.startswith("senior")
    spouse = () if home.profile in ("senior_alone", "single_parent") else (
        replace(HUSBAND if home.speaker.fem else WIFE, ages=BAND_AGES.get(home.band, (40, 80))),)
    kids = home.profile in WITH_CHILDREN
    grown = GROWN_CHILDREN[:2] if home.band == "45_59" else ()
    elders = spouse if senior else PARENTS
    table = {
        "elder": elders + NEIGHBOURS[:2] if elders else NEIGHBOURS,
        "cared": elders + grown,
        "disabled": spouse + (() if senior else grown or SIBLINGS),
        "child": CHILDREN + (GRANDCHILDREN if home.profile == "multigen" else ()) if kids else (),
        "teen": TEENS if kids else (),
        "toddler": TODDLERS if kids else (),
        "adult": () if senior else grown + spouse + SIBLINGS,
        "young_relative": LEAVERS if home.profile in ("multigen", "senior_couple") else (),
    }
    return table[pool]
