"""Keyword lexicon of the 14 statutory service areas and the two flags, for label-free suggestions.

Plain Polish words as a researcher would write them; `area_lexicon()` lemmatises them with the
same code as the needs, so an inflected form in a need matches its entry here. The words follow
the wording of art. 2 ust. 1 ustawy o CUS and the service types of DOMAIN §2.4.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.text import tokens

AREA_WORDS: dict[str, str] = {
    "polityka_prorodzinna": (
        "żłobek przedszkole niemowlę ciąża ciężarna macierzyństwo rodzicielstwo karta dużej "
        "rodziny wielodzietna becikowe urlop rodzicielski poród noworodek klub dziecięcy"
    ),
    "wspieranie_rodziny": (
        "asystent rodziny rodzina rodzic wychowanie wychowawczy poradnictwo rodzinne mediacja "
        "konflikt rozwód kryzys rodzinny szkoła dla rodziców placówka wsparcia dziennego "
        "opiekuńczo-wychowawcza świetlica środowiskowa"
    ),
    "piecza_zastepcza": (
        "piecza zastępcza rodzina zastępcza dom dziecka wychowanek usamodzielnienie "
        "usamodzielniany adopcja sierota rodzinny dom dziecka koordynator pieczy"
    ),
    "pomoc_spoleczna": (
        "opieka opiekunka usługi opiekuńcze opiekun senior starszy samotny samotnie sam "
        "zakupy sprzątanie teleopieka klub seniora dom pomocy społecznej dps ops bezdomność "
        "bezdomny schronisko noclegownia przemoc ubóstwo dzienny dom pomocy wytchnieniowa"
    ),
    "zdrowie": (
        "lekarz przychodnia zdrowie szpital rehabilitacja pielęgniarka choroba chory leczenie "
        "profilaktyka badanie szczepienie psycholog psychiatra psychoterapia depresja "
        "uzależnienie alkohol narkotyki terapia stomatolog dentysta specjalista lek recepta"
    ),
    "niepelnosprawnosc": (
        "niepełnosprawność niepełnosprawny wózek inwalidzki asystencja osobista asystent osobisty "
        "orzeczenie niewidomy niesłyszący głuchy autyzm podjazd winda bariera architektoniczna "
        "środowiskowy dom samopomocy warsztaty terapii zajęciowej dowóz transport door-to-door"
    ),
    "edukacja": (
        "szkoła lekcja korepetycje nauka uczeń nauczyciel edukacja zajęcia pozalekcyjne "
        "dodatkowe kurs szkolenie język angielski matematyka świetlica szkolna biblioteka "
        "logopeda pedagog wyrównawcze"
    ),
    "bezrobocie": (
        "praca bezrobocie bezrobotny zatrudnienie pracodawca urząd pracy doradztwo zawodowe "
        "staż przekwalifikowanie zwolnienie etat zarobek cv rozmowa kwalifikacyjna"
    ),
    "kultura": (
        "kultura dom kultury biblioteka kino teatr koncert wystawa muzeum festyn koło gospodyń "
        "chór zespół taniec warsztaty artystyczne czytelnia"
    ),
    "sport_turystyka": (
        "sport boisko siłownia basen rower rowerowy wycieczka turystyka trener piłka "
        "gimnastyka fitness plac zabaw szlak spacer kajak orlik"
    ),
    "aktywnosc_obywatelska": (
        "wolontariat wolontariusz organizacja pozarządowa stowarzyszenie rada sołectwo sąsiedzki "
        "sąsiedzka integracja spotkania mieszkańców konsultacje budżet obywatelski inicjatywa "
        "lokalna aktywność społeczna"
    ),
    "mieszkalnictwo": (
        "mieszkanie remont dach okno ściana wilgoć grzyb mieszkanie komunalne socjalne "
        "czynsz lokal eksmisja przeprowadzka mieszkanie wspomagane chronione łazienka naprawa"
    ),
    "srodowisko": (
        "środowisko smog powietrze piec odpady śmieci segregacja zieleń drzewo park las "
        "hałas ekologia zanieczyszczenie recykling klimat"
    ),
    "reintegracja": (
        "reintegracja centrum integracji społecznej klub integracji społecznej cis kis "
        "wykluczenie więzienie zakład karny więzień spółdzielnia socjalna powrót aktywizacja"
    ),
    "poza_zakresem": (
        "droga chodnik asfalt dziura oświetlenie latarnia autobus kanalizacja wodociąg woda "
        "prąd gaz internet parking ulica most przystanek rozkład jazdy"
    ),
    "potrzeba_materialna": (
        "pieniądze zasiłek paczka żywność jedzenie opał węgiel drewno ubranie odzież "
        "dopłata zapomoga długi rachunki leki refundacja meble sprzęt"
    ),
}


@lru_cache(maxsize=1)
def area_lexicon() -> dict[str, frozenset[str]]:
    """Area key → the lemmas of its keywords (stop-words dropped, as in the needs)."""
    return {key: frozenset(tokens(words)) for key, words in AREA_WORDS.items()}
