"""The phrase bank of the demo generator, part 1: slots, and care and health needs.

Needs as residents say them, by topic and scope; part 2 (`phrases_more`) has the rest.

A template is Polish text with slots filled by `researcher.demo.generator`:
`{p.…}` is the person the need is about (`nom`, `gen`, `dat`, `acc`, `ins` cases, and the
gendered endings `a` (był/była), `y` (chory/chora), `on`, `go`, `mu`, `niego`, `nim`, `mogl`,
`powinien`); `{r.…}` is the respondent (`a`, `y`, `em` (byłem/byłam), `ka` (opiekun/ka),
`mogl`, `powinien` (powinienem/powinnam), `malzonka` (męża/żony)); `{wiek}` and `{wiek_r}` are
ages with the right form of "lat"; any other `{name}` is drawn from `SLOTS`.

Scopes decide D4 (beneficiary): `own` is about a household member or a neighbour `{p}`,
`mine` about the respondent, `family` about the whole household, `community` about the whole
village ("ogół mieszkańców"). No names, addresses, phone numbers or diagnoses, ever.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One kind of need, with the answers that usually go with it."""

    key: str
    areas: tuple[str, ...]  # D2 as researchers set it; the first is the usual choice
    groups: tuple[str, ...]  # D5 candidates; the first is always chosen
    forms: tuple[str, ...]  # D10 candidates
    own: tuple[str, ...] = ()
    mine: tuple[str, ...] = ()
    family: tuple[str, ...] = ()
    community: tuple[str, ...] = ()
    pool: str = "elder"  # who {p} is in `own` templates (and `mine` ones that name a person)
    audience: tuple[str, ...] = ()  # household profiles that raise the odds of this topic
    mine_ages: tuple[str, ...] = ()  # B1 age bands that may say the `mine` templates (all if ())
    weight: float = 1.0
    urgency: str = "normal"  # "high" | "normal" | "low"
    services: tuple[str, ...] = ()  # D3 suggestions
    frequencies: tuple[str, ...] = ("kilka_razy_w_roku", "co_miesiac")
    helpers: tuple[str, ...] = ("rodzina", "sasiedzi")  # D8 when partly met
    barriers: tuple[str, ...] = ("brak_uslugi", "dojazd", "koszt", "brak_informacji")
    other: tuple[str, ...] = ()  # C1.15 wording when the need is out of scope


SLOTS: dict[str, tuple[str, ...]] = {
    "dokad": ("do Otwocka", "do Warszawy", "do miasta", "do powiatu",
              "do Otwocka albo do Warszawy"),
    "placowka": ("do przychodni w Wiązownie", "do szpitala w Otwocku", "do poradni w Otwocku",
                 "do Otwocka", "do Warszawy", "do miasta"),
    "gdzie": ("u nas na wsi", "w naszej miejscowości", "w sołectwie", "tu na miejscu", "u nas",
              "w okolicy", "bliżej domu", "w Wiązownie"),
    "czesto": ("dwa razy w tygodniu", "codziennie", "kilka razy w tygodniu", "raz w tygodniu",
               "chociaż parę godzin dziennie", "na co dzień", "codziennie rano i wieczorem"),
    "bo_praca": ("bo pracujemy oboje", "bo pracuję na zmiany",
                 "bo dojeżdżam do pracy do Warszawy", "bo cały dzień jestem w pracy",
                 "bo pracuję do późna", "bo mąż pracuje za granicą"),
    "autobus": ("autobus jeździ dwa razy dziennie", "nie ma autobusu", "PKS już nie kursuje",
                "do przystanku jest ponad dwa kilometry",
                "autobusy jeżdżą rzadko, a w weekendy wcale", "busy jeżdżą tylko rano"),
    "koszt": ("prywatnie to kosztuje majątek", "prywatnie nas nie stać",
              "z emerytury na prywatne nie starcza", "prywatnie jest za drogo",
              "prywatna wizyta to dwieście złotych"),
    "czekanie": ("na NFZ czeka się miesiącami", "kolejki są na pół roku",
                 "termin dostaliśmy dopiero na przyszły rok", "na NFZ trzeba czekać ponad rok",
                 "skierowanie jest, ale terminu nie ma"),
    "lat_opieki": ("roku", "dwóch lat", "trzech lat", "pięciu lat", "kilku lat", "ośmiu lat",
                   "dawna"),
    "zajecia": ("robotykę", "plastykę", "szachy", "taniec", "piłkę nożną", "angielski",
                "programowanie", "zajęcia teatralne", "judo"),
}

#: Said before the need (the template's first letter is then lower-cased).
OPENERS = ("Szczerze mówiąc, ", "Tak naprawdę to ", "Powiem krótko: ", "Przede wszystkim ",
           "No więc ", "Mówiąc wprost, ", "Jeśli mam wybrać jedno: ", "Najważniejsze: ",
           "Resp. mówi: ", "Wiadomo, ")
#: Said after it.
CLOSERS = (" Dobrze by było.", " Tego najbardziej brakuje.", " Bardzo by to pomogło.",
           " Nikt się tym nie zajmuje.", " I to pilnie.", " Prosimy o to od dawna.",
           " Tyle na razie.", " Tak to wygląda.")
#: F2, the researcher's own note (no personal data).
NOTES = ("Rozmowa przy furtce, krótka.", "Respondent(ka) się spieszył(a), część pytań pominięta.",
         "Rozmowa w domu, bardzo otwarta.", "Ulotka zostawiona, prosi o informację o wynikach.",
         "Pies na podwórku, rozmowa przez płot.", "Chętnie przyjdzie na spotkanie sołeckie.",
         "Rozmowa z pomocą domownika.", "Zaproponowano kontakt z OPS.")

_SENIOR = ("senior_alone", "senior_couple")
_OLD_AGE = ("60_74", "75_plus")
_CARER = ("multigen", "adult", "senior_couple")
_FAMILY = ("family", "single_parent", "multigen")
_ADULT = ("adult", "young")

#: Care, health and disability: the needs heard most often (part 2 is `phrases_more`).
CARE_TOPICS: tuple[Topic, ...] = (
    Topic(
        "opieka_senior", ("pomoc_spoleczna",), ("seniorzy_75", "osoby_niesamodzielne", "seniorzy",
                                                "osoby_samotne"), ("w_domu",),
        audience=(*_SENIOR, *_CARER), weight=3.0, urgency="high",
        mine_ages=_OLD_AGE,
        services=("usługi opiekuńcze", "specjalistyczne usługi opiekuńcze"),
        frequencies=("codziennie", "co_tydzien"), helpers=("rodzina", "sasiedzi", "ops_cus"),
        barriers=("oczekiwanie", "koszt", "kryteria", "brak_informacji", "brak_uslugi"),
        own=(
            "{p.nom} ma {wiek} i sam{p.a} już nie daje rady z zakupami i sprzątaniem, potrzebna "
            "pomoc {czesto}.",
            "{p.nom} po szpitalu jest leżąc{p.y}, potrzebujemy opiekunki, która przyjdzie {czesto} "
            "i pomoże przy myciu i jedzeniu.",
            "Opiekuję się {p.ins}, ale pracuję i nie dam rady być przy {p.nim} cały dzień – "
            "potrzebna opiekunka z gminy.",
            "{p.nom} mieszka sam{p.a}, ma {wiek}, trzeba {p.mu} zrobić zakupy, wykupić leki i "
            "posprzątać.",
            "Potrzebna pomoc dla {p.gen} w codziennych sprawach: ubranie, posiłek, leki, {czesto}.",
            "{p.nom} coraz gorzej chodzi i boimy się, że upadnie, jak nikogo nie ma w domu.",
            "Usługi opiekuńcze dla {p.gen} – w OPS powiedzieli, że jest kolejka i trzeba czekać.",
            "{p.nom} ({wiek}) potrzebuje kogoś do pomocy przy kąpieli i ubieraniu, sami już nie "
            "dajemy rady.",
            "Chodzi o {p.acc}: po operacji biodra nie wychodzi z domu, potrzebna opiekunka kilka "
            "godzin dziennie.",
            "{p.nom} zapomina o lekach i o jedzeniu, ktoś powinien do {p.niego} zaglądać {czesto}.",
            "Dla {p.gen} potrzebna opieka w domu, do DPS-u nie chcemy {p.go} oddawać.",
            "{p.nom} ma {wiek}, jest po szpitalu i potrzebuje opieki w domu, a rodzina pracuje.",
            "Przydałaby się opiekunka środowiskowa dla {p.gen}, {bo_praca}.",
            "{p.nom} prawie nie wstaje z łóżka, sam{p.a} nie zje, potrzebna pomoc przy "
            "pielęgnacji w domu.",
            "{p.nom} mieszka sam{p.a} i boimy się, że upadnie i nikt nie usłyszy – przydałaby się "
            "teleopieka, taka opaska z przyciskiem.",
        ),
        mine=(
            "Mam {wiek_r} i mieszkam sam{r.a}, potrzebuję pomocy przy zakupach i sprzątaniu.",
            "Sam{r.a} już nie daję rady z domem, przydałaby się opiekunka {czesto}.",
            "Po operacji ledwo chodzę, potrzebuję kogoś, kto pomoże mi w domu.",
            "Trudno mi się schylać i wychodzić z domu, potrzebna pomoc w codziennych sprawach.",
            "Dzieci są za granicą, a ja jestem sam{r.a} – potrzebuję kogoś, kto czasem przyjdzie "
            "i pomoże.",
        ),
        community=(
            "Dużo starszych osób we wsi mieszka samotnie i nikt im nie pomaga na co dzień.",
            "Brakuje opiekunek środowiskowych dla starszych, w OPS mówią, że nie ma ludzi.",
            "Starsi ludzie po szpitalu zostają bez opieki, bo rodziny są daleko.",
            "W naszej wsi przydałby się dzienny dom dla seniorów, żeby nie siedzieli sami.",
        ),
    ),
    Topic(
        "posilki", ("pomoc_spoleczna",), ("seniorzy", "osoby_samotne", "seniorzy_75"),
        ("w_domu", "dowoz"), audience=(*_SENIOR, "multigen"), weight=1.2, mine_ages=_OLD_AGE,
        services=("posiłki",), frequencies=("codziennie", "co_tydzien"),
        own=(
            "{p.nom} nie gotuje już sam{p.a}, przydałyby się obiady z dowozem {czesto}.",
            "Ciepły posiłek dla {p.gen} chociaż raz dziennie, bo je same kanapki.",
            "Dowóz obiadów dla {p.gen} – {p.on} ma {wiek} i nie ustoi długo przy kuchni.",
        ),
        mine=(
            "Przydałby się ciepły obiad z dowozem, bo sam{r.a} już nie gotuję.",
            "Chciał{r.a}bym, żeby obiady przywozili do domu, chociaż kilka razy w tygodniu.",
        ),
        community=(
            "Starsi samotni we wsi potrzebują obiadów z dowozem, stołówki nie ma.",
            "Gmina powinna dowozić posiłki samotnym seniorom, jak w sąsiednich gminach.",
        ),
    ),
    Topic(
        "wytchnienie", ("pomoc_spoleczna", "niepelnosprawnosc"),
        ("opiekunowie", "osoby_niesamodzielne", "osoby_niepelnosprawne"),
        ("w_domu", "placowka_dzienna"), pool="cared", audience=_CARER, weight=2.2, urgency="high",
        services=("opieka wytchnieniowa",), frequencies=("co_miesiac", "kilka_razy_w_roku",
                                                          "co_tydzien"),
        helpers=("rodzina",), barriers=("brak_uslugi", "koszt", "brak_informacji", "kryteria"),
        mine=(
            "Opiekuję się {p.ins} od {lat_opieki} i nie mam ani jednego dnia wolnego – potrzebuję "
            "zastępstwa chociaż na kilka godzin.",
            "Potrzebuję opieki wytchnieniowej, żeby raz na jakiś czas odpocząć od opieki nad "
            "{p.ins}.",
            "Chciał{r.a}bym móc pójść do lekarza albo na zakupy, a nie mam z kim zostawić "
            "{p.gen}.",
            "Jestem z {p.ins} sam{r.a} całą dobę, jestem już wykończon{r.y} – przydałaby się pomoc "
            "choć na weekend.",
            "Od {lat_opieki} opiekuję się {p.ins}, nie miał{r.em} urlopu od lat; potrzebny turnus "
            "albo opieka zastępcza.",
            "Jak zachoruję, to nie ma kto przejąć opieki nad {p.ins} – potrzebna opieka "
            "wytchnieniowa w nagłych sytuacjach.",
            "Przydałoby się miejsce, gdzie można zostawić {p.acc} na kilka godzin, żebym "
            "{r.mogl} coś załatwić.",
            "Potrzebuję wsparcia jako opiekun{r.ka}: ktoś, kto przejmie opiekę nad {p.ins} "
            "{czesto}, żebym {r.mogl} odpocząć.",
            "Nie śpię po nocach, bo {p.nom} wymaga opieki też w nocy; potrzebna zmiana choć dwa "
            "razy w miesiącu.",
            "Zajmuję się {p.ins} i dziećmi naraz, brakuje mi sił – potrzebna pomoc, żeby czasem "
            "odetchnąć.",
            "Nikt mnie nie zastąpi przy {p.nim}, a sam{r.a} też mam swoje lata i zdrowie nie to.",
            "Jestem opiekun{r.ka} {p.gen} na pełen etat i bez przerwy; przydałby się program "
            "wytchnieniowy w gminie.",
        ),
        community=(
            "Opiekunowie osób leżących we wsi są zostawieni sami sobie, nikt ich nie odciąży.",
            "Brakuje opieki wytchnieniowej dla rodzin, które opiekują się chorymi w domu.",
            "Rodziny z osobami niesamodzielnymi potrzebują choć kilku dni odpoczynku w roku.",
        ),
    ),
    Topic(
        "rehabilitacja", ("zdrowie", "niepelnosprawnosc"),
        ("seniorzy", "osoby_niepelnosprawne", "osoby_niesamodzielne"),
        ("w_domu", "placowka_dzienna", "dowoz"), audience=(*_SENIOR, *_CARER), weight=2.4,
        services=("rehabilitacja", "rehabilitacja domowa"),
        frequencies=("co_tydzien", "codziennie", "kilka_razy_w_roku"),
        helpers=("ochrona_zdrowia", "prywatna", "rodzina"),
        barriers=("oczekiwanie", "dojazd", "koszt", "brak_uslugi"),
        own=(
            "{p.nom} po operacji kolana potrzebuje rehabilitacji, a {czekanie}.",
            "Rehabilitacja dla {p.gen} w domu, bo {p.on} nie jest w stanie dojechać {placowka}.",
            "{p.nom} po wypadku chodzi o kulach, potrzebna rehabilitacja {czesto} i dowóz.",
            "Chodzi o rehabilitację dla {p.gen} – {czekanie}, a {koszt}.",
            "{p.nom} ma {wiek} i coraz słabiej chodzi, przydałaby się gimnastyka usprawniająca na "
            "miejscu.",
            "Potrzebna rehabilitacja domowa dla {p.gen}, po szpitalu nie wstaje z łóżka.",
            "{p.nom} po operacji biodra {p.powinien} ćwiczyć z fizjoterapeutą, a najbliższa "
            "poradnia jest daleko.",
        ),
        mine=(
            "[ogol,osoby_niepelnosprawne] Mam problem z kręgosłupem i potrzebuję rehabilitacji, "
            "{czekanie}.",
            "[osoby_niepelnosprawne,ogol] Po wypadku w pracy potrzebuję rehabilitacji, a "
            "{autobus}, więc nie dojeżdżam.",
            "Bolą mnie kolana i barki, przydałyby się zabiegi rehabilitacyjne bliżej domu.",
            "{r.powinien} chodzić na rehabilitację {czesto}, ale {koszt}.",
            "Potrzebuję fizjoterapeuty, który przyjedzie do domu, bo sam{r.a} nie dojadę "
            "{placowka}.",
        ),
        community=(
            "Starsi ludzie ze wsi nie mają jak dojechać na rehabilitację do powiatu.",
            "We wsi brakuje gabinetu rehabilitacji, wszyscy jeżdżą do Otwocka.",
            "Przydałyby się zajęcia z fizjoterapeutą dla seniorów w świetlicy, bo {czekanie}.",
            "Na rehabilitację na NFZ czeka się za długo, ludzie rezygnują.",
        ),
    ),
    Topic(
        "psycholog", ("zdrowie",), ("zdrowie_psychiczne", "mlodziez", "osoby_samotne"),
        ("spotkania_indywidualne", "telefon_internet"), pool="teen",
        audience=("family", "single_parent", "young", "adult"), weight=1.4,
        services=("poradnictwo psychologiczne",), frequencies=("co_tydzien", "co_miesiac"),
        helpers=("prywatna", "ochrona_zdrowia", "gmina_inna"),
        barriers=("oczekiwanie", "koszt", "wstyd", "dojazd"),
        own=(
            "{p.nom} ({wiek}) od pół roku prawie nie wychodzi z pokoju, potrzebna pomoc "
            "psychologa, ale {czekanie}.",
            "{p.nom} bardzo przeżywa śmierć dziadka, potrzebny psycholog dla dzieci i młodzieży.",
            "Psycholog dla {p.gen}, bo w szkole {p.on} sobie nie radzi i nie chce tam chodzić.",
            "Szukamy psychologa dla {p.gen}, najbliżej jest w Warszawie, a {czekanie}.",
        ),
        mine=(
            "[zdrowie_psychiczne,osoby_samotne] Po rozwodzie jest mi bardzo ciężko, potrzebuję "
            "porozmawiać z psychologiem, a "
            "{koszt}.",
            "[zdrowie_psychiczne,ogol] Od dłuższego czasu źle śpię i nic mi się nie chce, "
            "przydałaby się rozmowa z "
            "psychologiem na miejscu.",
            "[osoby_samotne,zdrowie_psychiczne,seniorzy] Po stracie {r.malzonka} nie mogę się "
            "pozbierać – przydałaby się grupa wsparcia albo "
            "psycholog.",
        ),
        community=(
            "Młodzież we wsi nie ma gdzie szukać pomocy psychologicznej, w szkole psycholog jest "
            "raz w tygodniu.",
            "Brakuje punktu, gdzie można za darmo porozmawiać z psychologiem, chociaż "
            "telefonicznie.",
        ),
    ),
    Topic(
        "profilaktyka", ("zdrowie",), ("ogol", "seniorzy"),
        ("placowka_dzienna", "poradnictwo", "zajecia_grupowe"), audience=_SENIOR, weight=0.9,
        urgency="low", services=("badania profilaktyczne",),
        frequencies=("kilka_razy_w_roku", "jednorazowo"),
        own=(
            "{p.nom} {p.powinien} robić badania co pół roku, ale nie ma kto {p.go} zawieźć "
            "{placowka}.",
        ),
        mine=(
            "Chciał{r.a}bym zrobić badania, ale {autobus}, a sam{r.a} nie prowadzę.",
            "Muszę regularnie mierzyć ciśnienie i cukier, a do przychodni mam daleko.",
        ),
        community=(
            "Przydałyby się badania profilaktyczne na miejscu, mammobus albo cytobus, bo do "
            "miasta daleko.",
            "Dawniej był tu punkt pielęgniarski, teraz nic nie ma – chociaż raz w tygodniu "
            "pielęgniarka by się przydała.",
            "Szczepienia i badania dla starszych mogłyby być organizowane w świetlicy.",
            "Brakuje wiedzy o zdrowym odżywianiu, może jakieś spotkania z dietetykiem.",
        ),
    ),
    Topic(
        "dowoz", ("niepelnosprawnosc", "pomoc_spoleczna", "zdrowie"),
        ("osoby_niepelnosprawne", "seniorzy_75", "seniorzy"), ("dowoz",),
        audience=(*_SENIOR, *_CARER), weight=2.4, services=("dowóz door-to-door",),
        frequencies=("co_miesiac", "co_tydzien"), helpers=("rodzina", "sasiedzi", "prywatna"),
        barriers=("dojazd", "koszt", "brak_uslugi"),
        own=(
            "{p.nom} jeździ na wózku, a do lekarza {dokad} nie ma czym dojechać – potrzebny "
            "dowóz.",
            "Nie ma kto zawieźć {p.gen} na badania, ja pracuję, a {autobus}.",
            "Dowóz {p.gen} do lekarza i na zabiegi {czesto}, taksówka kosztuje sto złotych w "
            "jedną stronę.",
            "{p.nom} co miesiąc musi jechać {dokad} do specjalisty, przydałby się transport "
            "door-to-door z gminy.",
            "Potrzebny samochód z podjazdem dla wózka, żeby zawieźć {p.acc} do szpitala na "
            "kontrolę.",
            "Co tydzień wożę {p.acc} na zabiegi i biorę wolne w pracy; przydałby się dowóz.",
            "{p.nom} nie wsiądzie do autobusu, a ja nie mam samochodu – potrzebny dowóz na "
            "wizyty.",
        ),
        mine=(
            "Nie mam jak dojechać do lekarza, {autobus}, a taksówka to pół emerytury.",
            "Potrzebuję transportu na rehabilitację {placowka}, sam{r.a} nie prowadzę.",
            "Chodzę o kulach i do przychodni nie dojdę, przydałby się dowóz choć raz w miesiącu.",
            "Przydałby się bus gminny, który zawiezie {dokad} do lekarza i z powrotem.",
        ),
        community=(
            "Starsi ludzie nie mają jak dojechać do lekarza, {autobus}.",
            "Potrzebny gminny bus dla seniorów i osób na wózkach, chociaż dwa razy w tygodniu.",
            "Osoby niepełnosprawne z naszej wsi są uwięzione w domach, bo nie ma transportu.",
            "Transport door-to-door dla starszych i niepełnosprawnych – w innych gminach jest, u "
            "nas nie.",
        ),
    ),
    Topic(
        "samotnosc", ("aktywnosc_obywatelska", "pomoc_spoleczna"), ("osoby_samotne", "seniorzy"),
        ("zajecia_grupowe", "placowka_dzienna", "pomoc_sasiedzka"), audience=_SENIOR, weight=2.2,
        mine_ages=_OLD_AGE,
        services=("klub seniora",), frequencies=("co_tydzien", "co_miesiac"),
        helpers=("sasiedzi", "ngo_parafia", "rodzina"),
        barriers=("brak_uslugi", "dojazd", "wstyd", "brak_informacji"),
        own=(
            "{p.nom} mieszka sam{p.a} i jest bardzo samotn{p.y}, przydałby się ktoś, kto do "
            "{p.niego} zajrzy i porozmawia.",
            "{p.nom} całe dnie siedzi w domu i z nikim nie rozmawia, potrzebne jakieś spotkania "
            "dla seniorów.",
            "Dla {p.gen} przydałby się klub seniora – {p.on} lubi ludzi, a tu nie ma gdzie wyjść.",
        ),
        mine=(
            "Od śmierci {r.malzonka} jestem sam{r.a} i całymi dniami nie mam do kogo się odezwać.",
            "Przydałby się klub seniora, żeby było gdzie wyjść i porozmawiać z ludźmi.",
            "Dzieci mieszkają daleko, dzwonią raz w tygodniu – brakuje mi towarzystwa.",
            "Chętnie bym chodził{r.a} na spotkania dla starszych, ale u nas nic takiego nie ma.",
            "Zimą nikogo nie widzę po kilka dni, przydałyby się odwiedziny wolontariuszy.",
            "Siedzę sam{r.a} w domu, telewizor to całe moje towarzystwo.",
            "Chciał{r.a}bym gdzieś wyjść do ludzi, na kawę, na jakieś zajęcia – tylko {autobus}.",
        ),
        community=(
            "Dużo samotnych starszych ludzi, potrzebny klub seniora z kawą i rozmową, choćby raz "
            "w tygodniu.",
            "Brakuje miejsca spotkań dla starszych – świetlica stoi pusta, a ludzie siedzą po "
            "domach.",
            "Trzeba by zorganizować sąsiedzkie odwiedziny u samotnych, sami nie poproszą o pomoc.",
            "Seniorzy są samotni, brakuje klubu, gdzie mogliby się spotykać {czesto}.",
        ),
    ),
    Topic(
        "asystencja", ("niepelnosprawnosc",), ("osoby_niepelnosprawne", "opiekunowie",
                                               "mlodzi_dorosli"),
        ("w_domu", "dowoz", "spotkania_indywidualne"), pool="disabled",
        audience=("multigen", "family", "adult"), weight=2.0, urgency="high",
        services=("asystencja osobista", "środowiskowy dom samopomocy"),
        frequencies=("co_tydzien", "codziennie"), helpers=("rodzina", "ops_cus", "ngo_parafia"),
        barriers=("brak_uslugi", "kryteria", "oczekiwanie", "dojazd", "bariery_architektoniczne"),
        own=(
            "{p.nom} ({wiek}) porusza się na wózku, potrzebny asystent, który pomoże {p.mu} wyjść "
            "z domu i załatwić sprawy.",
            "Asystent osobisty dla {p.gen}, żeby {p.on} {p.mogl} chodzić na zajęcia, a nie "
            "siedzieć cały czas w domu.",
            "{p.nom} ma orzeczenie o niepełnosprawności, po szkole nie ma dla {p.niego} żadnych "
            "zajęć ani pracy.",
            "Potrzebujemy asystencji dla {p.gen} kilka godzin w tygodniu, program z gminy się "
            "skończył.",
            "{p.nom} słabo widzi i sam{p.a} nie wyjdzie z domu, przydałby się asystent do "
            "urzędu i do lekarza.",
            "Po wypadku {p.nom} nie chodzi; potrzebna pomoc asystenta przy wyjściach i w domu.",
            "Dla {p.gen} przydałby się warsztat terapii zajęciowej albo dom samopomocy bliżej "
            "domu.",
            "{p.nom} jest dorosł{p.y}, ale wymaga stałego wsparcia – potrzebny asystent, żebyśmy "
            "mogli pracować.",
        ),
        mine=(
            "Jestem na wózku i potrzebuję asystenta, który pomoże mi w wyjściach i zakupach.",
            "Słabo widzę, potrzebuję kogoś, kto przeczyta pisma z urzędu i pójdzie ze mną do "
            "lekarza.",
            "Potrzebuję asystencji osobistej kilka godzin dziennie, bo po wypadku sam{r.a} nie "
            "daję rady.",
        ),
        community=(
            "Osoby z niepełnosprawnościami nie mają żadnego wsparcia po skończeniu szkoły, "
            "siedzą w domach.",
            "Brakuje asystentów osobistych, program jest tylko na kilka miesięcy i ciągle się "
            "kończy.",
            "W gminie nie ma środowiskowego domu samopomocy, najbliższy jest daleko.",
        ),
    ),
)
