"""The phrase bank of the demo generator, part 2: family, learning, work, leisure, community,
housing, environment, reintegration, and the material and out-of-scope needs residents also
mention. Templates and slots work as in `researcher.demo.phrases`.
"""

from __future__ import annotations

from researcher.demo.phrases import Topic

_FAMILY = ("family", "single_parent", "multigen")
_SENIOR = ("senior_alone", "senior_couple")
_WORKING_AGE = ("18_29", "30_44", "45_59")

OTHER_TOPICS: tuple[Topic, ...] = (
    Topic(
        "zajecia_dzieci", ("edukacja", "kultura", "sport_turystyka"),
        ("dzieci", "rodziny_z_dziecmi", "mlodziez"), ("zajecia_grupowe", "placowka_dzienna"),
        pool="child", audience=_FAMILY, weight=2.6, urgency="low",
        services=("zajęcia dla dzieci",), frequencies=("co_tydzien",),
        helpers=("gmina_inna", "prywatna", "rodzina"), barriers=("brak_uslugi", "dojazd", "koszt",
                                                                 "godziny"),
        own=(
            "Dla {p.gen} nie ma żadnych zajęć po szkole, wszystko jest w Otwocku, a nie ma kto "
            "wozić, "
            "{bo_praca}.",
            "{p.nom} chciał{p.a}by chodzić na {zajecia}, ale {gdzie} nic takiego nie ma.",
            "Zajęcia popołudniowe dla {p.gen} w świetlicy – po lekcjach {p.on} siedzi tylko z "
            "telefonem.",
            "Brakuje zajęć dodatkowych dla {p.gen}, a wożenie do miasta {czesto} nie wchodzi w "
            "grę.",
            "{p.nom} ma {wiek} i potrzebuje zajęć wyrównawczych z matematyki, w szkole nie "
            "nadąża.",
            "Korepetycje dla {p.gen} przed egzaminem – {koszt}.",
            "{p.nom} potrzebuje logopedy, w szkole powiedzieli, że trzeba, a najbliższy jest "
            "daleko.",
            "Przydałyby się zajęcia sportowe dla {p.gen}, {p.on} ma dużo energii, a tu jest tylko "
            "boisko bez trenera.",
        ),
        family=(
            "Po szkole dzieci nie mają co robić, przydałyby się zajęcia w świetlicy {czesto}.",
            "Potrzebujemy świetlicy dla dzieci czynnej do 17, {bo_praca}.",
            "Mamy trójkę dzieci i na żadne dodatkowe zajęcia nas nie stać – przydałyby się "
            "darmowe w szkole.",
            "Szukamy zajęć z angielskiego dla dzieci na miejscu, dojazd {dokad} zajmuje godzinę.",
            "Dzieci chciałyby chodzić na {zajecia}, ale {autobus}.",
        ),
        community=(
            "Brakuje zajęć popołudniowych dla dzieci w świetlicy, a {autobus}.",
            "Dzieci we wsi nie mają gdzie spędzać czasu po lekcjach, świetlica jest zamknięta.",
            "Przydałoby się kółko zainteresowań: plastyka, szachy, robotyka – cokolwiek dla "
            "dzieci na miejscu.",
            "W wakacje dzieci się nudzą, potrzebne półkolonie w szkole.",
        ),
    ),
    Topic(
        "mlodziez", ("edukacja", "sport_turystyka", "kultura"), ("mlodziez", "mlodzi_dorosli"),
        ("zajecia_grupowe", "placowka_dzienna"), pool="teen", audience=(*_FAMILY, "young"),
        weight=1.2, urgency="low", frequencies=("co_tydzien", "co_miesiac"),
        own=(
            "{p.nom} ma {wiek} i nie ma tu gdzie spotkać się z rówieśnikami, tylko przystanek.",
            "Dla {p.gen} przydałby się klub młodzieżowy, coś innego niż telefon i gry.",
        ),
        community=(
            "Młodzież nie ma gdzie się podziać, siedzą pod sklepem – potrzebny klub młodzieżowy.",
            "Przydałoby się miejsce dla nastolatków z opiekunem, może w remizie albo w szkole.",
            "Dla młodzieży nic tu nie ma: ani kina, ani kawiarni, ani zajęć.",
        ),
    ),
    Topic(
        "cyfrowe", ("edukacja",), ("seniorzy", "ogol"),
        ("zajecia_grupowe", "spotkania_indywidualne"),
        audience=_SENIOR, weight=1.0, urgency="low", services=("kurs komputerowy",),
        frequencies=("co_tydzien", "kilka_razy_w_roku"),
        own=(
            "{p.nom} chciał{p.a}by nauczyć się obsługi smartfona, ma {wiek}, ale chętnie by się "
            "uczył{p.a}.",
        ),
        mine=(
            "Chciał{r.a}bym się nauczyć obsługi komputera i telefonu, żeby rozmawiać z wnukami "
            "przez internet.",
            "Nie umiem nic załatwić przez internet, a wszystko teraz jest online – przydałby się "
            "kurs.",
            "[ogol,mlodzi_dorosli] Przydałby się kurs angielskiego dla dorosłych, wieczorami.",
        ),
        community=(
            "Seniorzy potrzebują pomocy z internetem, bankowością i e-receptą – kursy w bibliotece "
            "by się przydały.",
        ),
    ),
    Topic(
        "praca", ("bezrobocie",), ("bezrobotni", "mlodzi_dorosli", "samotni_rodzice"),
        ("spotkania_indywidualne", "poradnictwo", "zajecia_grupowe"), pool="adult",
        audience=("adult", "young", "single_parent"), weight=1.6, mine_ages=_WORKING_AGE,
        services=("doradztwo zawodowe",), frequencies=("kilka_razy_w_roku", "co_miesiac"),
        helpers=("powiat", "rodzina"), barriers=("dojazd", "brak_informacji", "godziny", "koszt"),
        own=(
            "{p.nom} skończył{p.a} szkołę i nie może znaleźć pracy, siedzi w domu.",
            "{p.nom} stracił{p.a} pracę i potrzebuje szkolenia, żeby zmienić zawód.",
            "Dla {p.gen} przydałoby się prawo jazdy albo kurs zawodowy, bez tego tu nie ma pracy.",
        ),
        mine=(
            "Szukam pracy od pół roku, w urzędzie pracy nic dla mnie nie ma.",
            "Po urlopie wychowawczym trudno mi wrócić do pracy, przydałoby się doradztwo i jakieś "
            "szkolenie.",
            "Chciał{r.a}bym się przekwalifikować, ale kursy są w Warszawie i płatne.",
            "Potrzebuję pracy na pół etatu blisko domu, bo opiekuję się dziećmi.",
            "Mam {wiek_r} i nikt nie chce mnie zatrudnić, potrzebna pomoc w szukaniu pracy.",
        ),
        community=(
            "Młodzi wyjeżdżają, bo tu nie ma pracy – przydałoby się doradztwo i staże na miejscu.",
            "[rodziny_z_dziecmi,bezrobotni] Kobiety po urlopach macierzyńskich nie mają gdzie "
            "wrócić do pracy.",
        ),
    ),
    Topic(
        "kultura", ("kultura",), ("ogol", "seniorzy", "dzieci"),
        ("zajecia_grupowe", "placowka_dzienna"), audience=("adult", *_SENIOR), weight=1.2,
        urgency="low", frequencies=("co_miesiac", "kilka_razy_w_roku"),
        helpers=("gmina_inna", "ngo_parafia"), barriers=("brak_uslugi", "godziny", "dojazd"),
        mine=(
            "Lubię czytać, a do biblioteki mam daleko – przydałby się bibliobus albo dowóz "
            "książek.",
            "Chciał{r.a}bym chodzić na zajęcia taneczne albo rękodzieło, ale nic takiego u nas "
            "nie ma.",
            "Brakuje mi wyjść do kina czy teatru, sam{r.a} nie dojadę {dokad} wieczorem.",
        ),
        community=(
            "We wsi nie ma żadnych wydarzeń kulturalnych, nawet festynu.",
            "Biblioteka jest otwarta dwa dni w tygodniu do piętnastej, po pracy nie da się zdążyć.",
            "Przydałoby się kino plenerowe albo wyjazdy do teatru dla mieszkańców.",
            "Świetlica stoi zamknięta, a mogłyby tam być zajęcia dla wszystkich.",
            "Potrzebne miejsce dla koła gospodyń, na próby chóru i spotkania.",
        ),
    ),
    Topic(
        "sport", ("sport_turystyka",), ("ogol", "dzieci", "seniorzy"), ("zajecia_grupowe",),
        pool="child", audience=("family", "young", "adult"), weight=1.2, urgency="low",
        frequencies=("co_tydzien", "kilka_razy_w_roku"), barriers=("brak_uslugi", "dojazd"),
        own=(
            "[dzieci,mlodziez] {p.nom} trenował{p.a}by piłkę, ale najbliższy klub jest daleko i "
            "nie ma dojazdu.",
        ),
        mine=(
            "[ogol] Chciał{r.a}bym chodzić na basen, ale najbliższy jest w Otwocku.",
            "[ogol,mlodzi_dorosli] Przydałyby się zajęcia fitness wieczorem w szkole, dla "
            "dorosłych.",
        ),
        community=(
            "[dzieci,mlodziez] Boisko jest, ale nie ma trenera ani zajęć dla dzieci.",
            "[ogol,mlodzi_dorosli] Przydałaby się siłownia plenerowa i ścieżka do spacerów.",
            "[seniorzy] Zajęcia ruchowe dla seniorów, na przykład nordic walking albo gimnastyka, "
            "{czesto}.",
            "[seniorzy,seniorzy_75] Wycieczki dla seniorów chociaż dwa razy w roku – sami nigdzie "
            "nie pojedziemy.",
        ),
    ),
    Topic(
        "razem", ("aktywnosc_obywatelska",), ("ogol", "mlodziez", "opiekunowie"),
        ("zajecia_grupowe", "pomoc_sasiedzka"), audience=("adult", "senior_couple"), weight=1.0,
        urgency="low", frequencies=("co_miesiac", "kilka_razy_w_roku"),
        barriers=("brak_informacji", "brak_uslugi"),
        mine=(
            "Chciał{r.a}bym działać w stowarzyszeniu albo w radzie sołeckiej, ale nie wiem, jak "
            "zacząć.",
            "[opiekunowie] Przydałaby się grupa wsparcia dla opiekunów, żeby pogadać z kimś w tej "
            "samej "
            "sytuacji.",
        ),
        community=(
            "Ludzie się nie znają, przydałyby się spotkania sąsiedzkie albo festyn.",
            "Chętnie byśmy coś robili razem, ale nie ma kto tego zorganizować.",
            "[opiekunowie,osoby_niepelnosprawne,rodziny_z_dziecmi] Brakuje grupy wsparcia dla "
            "rodziców dzieci z niepełnosprawnościami.",
            "[mlodziez,mlodzi_dorosli] Młodzi chcą pomagać, ale nie wiedzą gdzie – przydałby się "
            "punkt wolontariatu.",
        ),
    ),
    Topic(
        "mieszkanie", ("mieszkalnictwo",), ("seniorzy", "osoby_niepelnosprawne",
                                            "seniorzy_75"),
        ("w_domu", "poradnictwo"), audience=(*_SENIOR, "multigen", "young"), weight=1.3,
        frequencies=("jednorazowo",), helpers=("rodzina", "prywatna"),
        barriers=("koszt", "kryteria", "brak_informacji", "bariery_architektoniczne"),
        own=(
            "Łazienka nie jest dostosowana dla {p.gen}, potrzebny prysznic bez brodzika i "
            "uchwyty.",
            "{p.nom} mieszka na piętrze i nie schodzi po schodach, potrzebny podjazd albo "
            "krzesełko na schody.",
            "Dom {p.gen} jest zawilgocony, grzyb na ścianach, a sam{p.a} nie da rady z remontem.",
        ),
        mine=(
            "[osoby_niepelnosprawne] Potrzebuję dostosować mieszkanie po wypadku, progi i wąskie "
            "drzwi to dla mnie "
            "bariera.",
        ),
        family=(
            "[ogol] Mieszkamy w starym domu, dach przecieka, a na remont nas nie stać.",
            "[mlodzi_dorosli,rodziny_z_dziecmi] Szukamy mieszkania dla młodej rodziny, wynajem za "
            "drogi, a komunalnych brak.",
            "[ogol,seniorzy] W zimie w domu jest zimno i wilgotno, przydałaby się pomoc przy "
            "ociepleniu.",
        ),
        community=(
            "Przydałoby się mieszkanie wspomagane dla starszych, którzy nie mogą już mieszkać "
            "sami.",
            "[mlodzi_dorosli] Młodzi nie mają gdzie mieszkać, w gminie brakuje mieszkań na "
            "wynajem.",
        ),
    ),
    Topic(
        "srodowisko", ("srodowisko",), ("ogol", "seniorzy"), ("poradnictwo", "zajecia_grupowe"),
        audience=("adult", *_SENIOR), weight=1.0, urgency="low",
        frequencies=("jednorazowo", "kilka_razy_w_roku"), barriers=("brak_informacji", "koszt"),
        own=("{p.nom} ma stary piec i potrzebuje pomocy przy wniosku o wymianę.",),
        family=(
            "Chcemy wymienić stary piec na pompę ciepła, ale nie wiemy, jak złożyć wniosek o "
            "dofinansowanie.",
            "Potrzebna pomoc w wypełnieniu wniosku do programu Czyste Powietrze, sami się gubimy.",
            "Na dachu mamy eternit, nie wiemy, jak się go pozbyć i czy gmina dopłaca.",
        ),
        community=(
            "Zimą nie da się oddychać od dymu z kominów, ludzie palą czym popadnie.",
            "Przydałoby się więcej informacji o segregacji śmieci, ludzie nie wiedzą, co gdzie "
            "wyrzucać.",
            "W lesie są dzikie wysypiska, trzeba by zrobić akcję sprzątania i edukację.",
        ),
    ),
    Topic(
        "reintegracja", ("reintegracja",), ("bezrobotni", "uzaleznienia", "zdrowie_psychiczne"),
        ("spotkania_indywidualne", "zajecia_grupowe", "poradnictwo"), pool="adult",
        audience=("adult",), weight=1.2, frequencies=("co_tydzien", "co_miesiac"),
        mine_ages=_WORKING_AGE,
        helpers=("ngo_parafia", "powiat"), barriers=("wstyd", "brak_uslugi", "dojazd"),
        own=(
            "{p.nom} jest po terapii i chce wrócić do pracy, ale nikt {p.go} nie zatrudni.",
            "{p.nom} po długim leczeniu nie pracuje od lat, przydałoby się miejsce, gdzie można "
            "stopniowo wrócić do pracy.",
        ),
        mine=(
            "Po terapii jestem trzeźw{r.y} od roku i potrzebuję pomocy w znalezieniu pracy.",
            "Po kryzysie długo nie pracował{r.em}, chciał{r.a}bym wrócić, ale boję się, że nie dam "
            "rady.",
        ),
        community=(
            "Brakuje centrum integracji społecznej, ludzie po kryzysie nie mają gdzie zacząć.",
            "[po_wyroku,bezrobotni] Osoby wychodzące z więzienia wracają do wsi i nie mają "
            "żadnego wsparcia.",
            "[uzaleznienia] Potrzebne wsparcie dla osób z problemem alkoholowym i ich rodzin, "
            "mityngi są daleko.",
            "Ludzie po kryzysie psychicznym długo nie wracają do pracy, przydałby się klub "
            "integracji, gdzie można zacząć od kilku godzin.",
            "Po wyjściu z nałogu człowiek zostaje sam, przydałaby się spółdzielnia socjalna albo "
            "praca z opiekunem.",
        ),
    ),
    Topic(
        "rodzina", ("wspieranie_rodziny",), ("rodziny_z_dziecmi", "mlodziez", "samotni_rodzice"),
        ("spotkania_indywidualne", "poradnictwo", "w_domu"), pool="teen",
        audience=("family", "single_parent"), weight=1.4,
        services=("asystent rodziny", "poradnictwo rodzinne"),
        frequencies=("co_tydzien", "co_miesiac"), helpers=("ops_cus", "gmina_inna", "rodzina"),
        barriers=("wstyd", "brak_informacji", "oczekiwanie"),
        own=(
            "{p.nom} ma {wiek} i przestał{p.a} słuchać, wagaruje – potrzebujemy porady, jak sobie "
            "z tym radzić.",
            "Z {p.ins} ciągle się kłócimy, przydałby się ktoś, kto pomoże nam się dogadać.",
        ),
        mine=(
            "Jestem sam{r.a} z dziećmi i nie ogarniam wszystkiego, przydałby się asystent rodziny.",
            "Nie radzę sobie z wychowaniem syna, szkoła przysyła pisma, a ja nie wiem, gdzie "
            "szukać pomocy.",
        ),
        family=(
            "Przydałyby się warsztaty dla rodziców, jak rozmawiać z nastolatkami.",
            "Po rozwodzie dzieci bardzo to przeżywają, potrzebujemy poradnictwa rodzinnego.",
        ),
        community=(
            "Rodziny w kryzysie nie mają tu żadnego wsparcia, asystent rodziny jest jeden na całą "
            "gminę.",
            "Brakuje placówki wsparcia dziennego dla dzieci z rodzin, które sobie nie radzą.",
            "[przemoc,rodziny_z_dziecmi] W niektórych domach jest przemoc, ludzie boją się "
            "zgłosić – potrzebny punkt "
            "konsultacyjny.",
        ),
    ),
    Topic(
        "zlobek", ("polityka_prorodzinna",), ("male_dzieci", "rodziny_z_dziecmi"),
        ("placowka_dzienna", "zajecia_grupowe"), pool="toddler", audience=("family",
                                                                           "single_parent"),
        weight=1.3, services=("żłobek", "klub dziecięcy"), frequencies=("codziennie",),
        helpers=("rodzina", "prywatna"), barriers=("brak_uslugi", "koszt", "dojazd", "godziny"),
        own=(
            "Dla {p.gen} nie ma miejsca w żłobku, a muszę wrócić do pracy.",
            "{p.nom} ma {wiek}, potrzebujemy klubu dziecięcego blisko domu, bo {dokad} codziennie "
            "nie damy rady.",
        ),
        mine=(
            "Opieka nad dzieckiem po południu, bo pracuję na zmiany, a babci nie ma na miejscu.",
        ),
        family=(
            "Potrzebny żłobek w gminie, na liście czekamy od roku.",
            "Jako młodzi rodzice potrzebujemy porady – położna przyszła raz i tyle.",
            "Przydałoby się miejsce, gdzie rodzice z małymi dziećmi mogliby się spotykać, taki "
            "klub malucha.",
        ),
        community=(
            "Młode rodziny się tu sprowadzają, a żłobka nie ma ani jednego.",
            "Brakuje placu zabaw i miejsca dla rodziców z małymi dziećmi.",
        ),
    ),
    Topic(
        "piecza", ("piecza_zastepcza",), ("piecza", "dzieci"), ("spotkania_indywidualne",
                                                                "poradnictwo"),
        pool="young_relative", audience=("multigen", "senior_couple"), weight=1.0,
        services=("wsparcie rodziny zastępczej",), helpers=("powiat", "rodzina"),
        barriers=("brak_informacji", "dojazd", "oczekiwanie"),
        own=(
            "[piecza,mlodzi_dorosli] {p.nom} usamodzielnia się po rodzinie zastępczej i "
            "potrzebuje pomocy z mieszkaniem "
            "i pracą.",
        ),
        family=(
            "Wychowujemy wnuki jako rodzina zastępcza i potrzebujemy wsparcia psychologa i "
            "prawnika.",
            "Jesteśmy rodziną zastępczą, brakuje nam pomocy przy dzieciach po trudnych "
            "przeżyciach.",
            "Chcielibyśmy zostać rodziną zastępczą, ale nie wiemy, gdzie się zgłosić i jak to "
            "wygląda.",
        ),
        community=(
            "W gminie brakuje rodzin zastępczych, dzieci trafiają daleko od domu.",
            "Rodziny zastępcze w gminie są zostawione same sobie, nikt im nie pomaga na co dzień.",
        ),
    ),
    Topic(
        "sprawy", ("pomoc_spoleczna",), ("seniorzy", "ogol"), ("poradnictwo", "w_domu"),
        audience=_SENIOR, weight=0.9, services=("poradnictwo prawne", "praca socjalna"),
        frequencies=("kilka_razy_w_roku", "jednorazowo"), helpers=("rodzina", "ops_cus"),
        barriers=("brak_informacji", "dojazd", "wstyd"),
        own=(
            "{p.nom} nie wie, jakie świadczenia {p.mu} przysługują, przydałaby się porada "
            "pracownika socjalnego.",
        ),
        mine=(
            "Potrzebuję pomocy w wypełnianiu wniosków, w urzędzie nikt nie ma czasu wytłumaczyć.",
            "Przydałoby się, żeby ktoś z gminy przyjeżdżał na wieś i pomagał załatwić sprawy.",
        ),
        community=(
            "Starsi nie wiedzą, gdzie szukać pomocy – przydałby się punkt informacyjny raz w "
            "tygodniu w świetlicy.",
        ),
    ),
    Topic(
        "materialne", ("poza_zakresem", "pomoc_spoleczna"), ("ogol", "seniorzy",
                                                             "rodziny_wielodzietne"),
        ("poradnictwo", "w_domu"), weight=1.0, urgency="high", helpers=("ops_cus", "rodzina"),
        barriers=("kryteria", "wstyd", "brak_informacji"),
        other=("Opał na zimę", "Pomoc finansowa", "Żywność i rachunki"),
        mine=(
            "[seniorzy,osoby_samotne] Potrzebuję opału na zimę, z emerytury nie starcza na węgiel.",
            "Brakuje pieniędzy na leki, po opłaceniu rachunków nic nie zostaje.",
            "Od kiedy stracił{r.em} pracę, ledwo wiążemy koniec z końcem – przydałaby się paczka "
            "żywnościowa.",
        ),
        family=(
            "Potrzebujemy opału na zimę, drewno zdrożało i nie mamy zapasu.",
            "Potrzebna pomoc w opłaceniu rachunku za prąd, przyszło bardzo dużo.",
            "[rodziny_z_dziecmi,rodziny_wielodzietne] Dzieci potrzebują butów i kurtek na zimę, "
            "nie mamy za co kupić.",
            "Przydałaby się pralka, stara się zepsuła, a na nową nas nie stać.",
        ),
    ),
    Topic(
        "infrastruktura", ("poza_zakresem",), ("ogol",), ("dowoz", "poradnictwo"),
        weight=1.1, urgency="low", barriers=("dojazd",),
        other=("Droga i chodnik", "Oświetlenie ulicy", "Komunikacja autobusowa", "Internet"),
        community=(
            "Dziurawa droga do przystanku, zimą nieodśnieżona.",
            "Brak chodnika przy drodze powiatowej, dzieci chodzą do szkoły poboczem.",
            "Na naszej ulicy nie ma latarni, wieczorem strach wyjść.",
            "{autobus}, przydałoby się więcej kursów do Otwocka.",
            "Internet jest bardzo słaby, dzieci nie mogą się uczyć zdalnie.",
            "Nie mamy kanalizacji, szambo wywozimy co dwa tygodnie.",
            "Potrzebne progi zwalniające, samochody pędzą przez wieś.",
        ),
    ),
)
