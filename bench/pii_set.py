"""Write tests/fixtures/pii_labelled.json: the labelled set `bench/pii.py` measures.

Real-looking personal data in need-like sentences, each kind written in the ways Polish people
write it, and hard negatives (dates, amounts, years, hours, identifiers that are not a PESEL).
Deterministic (fixed seed); run again only to change the set: `python bench/pii_set.py`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pii_labelled.json"
rng = random.Random(20261206)

BEFORE = [
    "Proszę o kontakt: {x}.",
    "Córka prosi, żeby dzwonić na {x} po 16.",
    "{x} – to numer sąsiadki.",
    "Pani chce pomocy przy zakupach, kontakt {x}",
    "Dane do kontaktu {x}, najlepiej rano.",
    "Potrzebny dowóz do lekarza ({x}).",
    "Mieszka sama, {x}, prosi o odwiedziny.",
    "W sprawie opieki wytchnieniowej: {x}",
    "{x}",
    "Syn zostawił: {x} i prosi o telefon.",
]
MOBILE_PREFIX = ["45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"]
AREA = ["12", "22", "32", "42", "58", "61", "71", "81", "85", "91", "17", "74", "89", "94"]


def digits(n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def mobile() -> str:
    d = rng.choice(MOBILE_PREFIX) + digits(7)
    sep = rng.choice([" ", "-", ".", ""])
    style = rng.choice(["333", "333", "3222"])
    body = (
        sep.join([d[:3], d[3:6], d[6:]])
        if style == "333"
        else sep.join([d[:3], d[3:5], d[5:7], d[7:]])
    )
    prefix = rng.choice(["", "", "", "+48 ", "+48", "0048 ", "+48 (0) ", "0048", "(+48) "])
    return prefix + body


def landline() -> str:
    area, d = rng.choice(AREA), digits(7)
    sep = rng.choice([" ", "-", ".", ""])
    area_s = rng.choice([area, f"({area})", f"0{area}", f"(0{area})", f"(0-{area})"])
    prefix = rng.choice(["", "", "+48 ", "0048 "]) if not area_s.startswith(("0", "(0")) else ""
    gap = rng.choice([" ", "-"]) if sep == "" else sep
    return prefix + area_s + gap + sep.join([d[:3], d[3:5], d[5:]])


def pesel() -> str:
    year = rng.randint(1920, 2008)
    month = rng.randint(1, 12) + (20 if year >= 2000 else 0)
    day = rng.randint(1, 28)
    base = f"{year % 100:02d}{month:02d}{day:02d}{digits(4)}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(c) * w for c, w in zip(base, weights, strict=True)) % 10) % 10
    p = base + str(check)
    style = rng.choice(["plain", "plain", "6-5", "2-2-2-5", "3-3-3-2"])
    if style == "6-5":
        return p[:6] + rng.choice([" ", "-"]) + p[6:]
    if style == "2-2-2-5":
        return " ".join([p[:2], p[2:4], p[4:6], p[6:]])
    if style == "3-3-3-2":
        return " ".join([p[:3], p[3:6], p[6:9], p[9:]])
    return p


FIRST = [
    "jan",
    "anna",
    "k.nowak",
    "maria.wisniewska",
    "babcia.zosia",
    "tomek1955",
    "ewa_k",
    "zbigniew.kowalczyk",
    "krystyna.w",
    "lena",
]
DOMAINS = [
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "gmail.com",
    "interia.pl",
    "poczta.fm",
    "op.pl",
    "tlen.pl",
    "gazeta.pl",
    "ops.gmina.pl",
]


def email() -> str:
    local, domain = rng.choice(FIRST), rng.choice(DOMAINS)
    style = rng.choice(["@", "@", "@", "(at)", " (at) ", "[at]", " małpa ", "(małpa)", "kropka"])
    if style == "kropka":
        return f"{local} małpa {domain.replace('.', ' kropka ')}"
    return f"{local}{style}{domain}"


def account() -> str:
    d = digits(26)
    style = rng.choice(["grouped", "grouped", "plain", "PL grouped", "PL plain", "hyphens"])
    grouped = " ".join([d[:2]] + [d[i : i + 4] for i in range(2, 26, 4)])
    if style == "grouped":
        return grouped
    if style == "plain":
        return d
    if style == "PL grouped":
        return "PL" + grouped
    if style == "hyphens":
        return "-".join([d[:2]] + [d[i : i + 4] for i in range(2, 26, 4)])
    return "PL" + d


STREETS = [
    "Kwiatowa",
    "Polna",
    "Leśna",
    "Słoneczna",
    "Szkolna",
    "Mickiewicza",
    "Kościuszki",
    "Jana Pawła II",
    "3 Maja",
    "Armii Krajowej",
    "Wojska Polskiego",
    "Piłsudskiego",
    "ks. Popiełuszki",
    "Sienkiewicza",
    "Ogrodowa",
    "11 Listopada",
    "Długa",
    "Kolejowa",
]
OSIEDLA = ["Tysiąclecia", "Słoneczne", "Piastów", "Kopernika", "Zielone", "Batorego"]
PLACES = ["Wolności", "Kościelny", "Grunwaldzki", "Rynek", "Konstytucji"]


def house() -> str:
    n = str(rng.randint(1, 160)) + rng.choice(["", "", "", "a", "b"])
    return n + rng.choice(
        [
            "",
            "",
            f"/{rng.randint(1, 60)}",
            f" m. {rng.randint(1, 60)}",
            f" m.{rng.randint(1, 60)}",
            f"/{rng.randint(1, 9)}",
            f" lok. {rng.randint(1, 20)}",
        ]
    )


def address() -> str:
    kind = rng.choice(["ul", "ul", "ul", "al", "os", "pl", "ulica", "lower"])
    if kind == "ul":
        return f"{rng.choice(['ul.', 'ul. ', 'Ul. '])}{rng.choice(STREETS)} {house()}"
    if kind == "al":
        avenue = rng.choice(["Jana Pawła II", "Wojska Polskiego", "Niepodległości", "Róż"])
        return f"al. {avenue} {house()}"
    if kind == "os":
        return f"{rng.choice(['os.', 'os. ', 'osiedle '])}{rng.choice(OSIEDLA)} {house()}"
    if kind == "pl":
        return f"{rng.choice(['pl.', 'pl. ', 'plac '])}{rng.choice(PLACES)} {house()}"
    if kind == "ulica":
        number = rng.choice(["", "", "nr "])
        return f"{rng.choice(['ulica ', 'ulicy '])}{rng.choice(STREETS)} {number}{house()}"
    return f"ul. {rng.choice(['kwiatowa', 'polna', 'leśna', 'szkolna', 'długa'])} {house()}"


LOCATIVE = ["Polnej", "Kwiatowej", "Leśnej", "Słonecznej", "Szkolnej", "Mickiewicza",
            "Kościuszki", "Długiej", "Ogrodowej", "Sienkiewicza", "Reymonta", "Lipowej"]
BARE_FRAMES = ["Pani mieszka na {x} od 40 lat.", "Adres: przy {x}.",
               "Dom przy {x}, drugie piętro.", "Zamieszkała na {x}, sama.",
               "Syn mieszka przy {x} i pomaga."]


def bare_address(frame: str) -> str:
    flat = rng.choice(["", f"/{rng.randint(1, 40)}", f" m. {rng.randint(1, 40)}"])
    if "{x}" in frame and not frame.startswith(("Pani", "Zamieszk", "Syn", "Adres", "Dom")):
        flat = flat or f"/{rng.randint(1, 40)}"
    return f"{rng.choice(LOCATIVE)} {rng.randint(1, 120)}{flat}"


NAMES = [
    "Jan Kowalski",
    "Anna Nowak",
    "Maria Wiśniewska",
    "Krystyna Wójcik",
    "Stanisław Kamiński",
    "Zofia Lewandowska",
    "Józef Zieliński",
    "Teresa Szymańska",
    "Tadeusz Woźniak",
    "Halina Dąbrowska",
    "Danuta Kozłowska",
    "Henryk Jankowski",
    "Janina Mazur",
    "Kazimierz Kwiatkowski",
    "Barbara Krawczyk",
    "Elżbieta Piotrowska-Grabowska",
]
NAME_FRAMES = [
    "Pani {x} prosi o pomoc przy zakupach.",
    "Sąsiad {x} opiekuje się nią.",
    "{x} mieszka sam od śmierci żony.",
    "Pan {x}, lat 80, potrzebuje dowozu.",
    "Zgłosiła to {x}.",
]

NEGATIVES = [
    "Od 2026-11-20 płaci 1200 zł, 3 razy w roku.",
    "Zajęcia w godz. 8:30-15:00 we wtorki.",
    "Świetlica czynna 8.00-16.00, zamknięta w soboty.",
    "Urodzona 14.05.1944, mieszka sama.",
    "Wizyta 12.03.2026 o 10:15.",
    "Budżet gminy na to 500 000 000 zł? Nie wie.",
    "Dostaje 1 450,50 zł emerytury i 300 zł dodatku.",
    "W latach 2019-2021 było 120 osób.",
    "REGON 123456789 stowarzyszenia.",
    "NIP 123-456-78-90 fundacji.",
    "NIP 1234567890.",
    "Decyzja nr 600123456 z OPS.",
    "Numer sprawy 512345678.",
    "Od 1990 do 2005 roku pracowała.",
    "Kod pocztowy 00-950 Warszawa.",
    "Pomoc dla os. starszych 2 razy w tygodniu.",
    "Potrzebuje 2-3 godzin opieki dziennie, 5 dni w tygodniu.",
    "Ma 87 lat i 3 wnuków.",
    "Pokój 12/3 w DPS.",
    "Autobus nr 112 jeździ co 2 godziny.",
    "Dopłata 250 zł/mies.",
    "Numer 44051401358 to nie PESEL.",
    "Legitymacja 123456 z 2019 r.",
    "Renta od 01.01.2020.",
    "Telefon zaufania 116 123 działa całą dobę.",
    "Tel. alarmowy 112.",
    "Ok. 15-20 osób.",
    "Rachunek 1234 5678 z zeszłego roku.",
    "Pracowała w Gminie Nowa Wieś 30 lat.",
    "Dom Kultury przy pl. Wolności organizuje zajęcia.",
    "Mieszka przy ul. Polnej od zawsze.",
    "Maria Konopnicka to patronka szkoły, dzieci chodzą tam na zajęcia.",
    "Kościół św. Jana Pawła II organizuje paczki.",
    "Koszt turnusu 2 300 zł.",
    "Zasiłek 645 zł wypłacany 10. dnia miesiąca.",
    "Wynik 7/10 w ankiecie.",
    "Od 8 do 16, pon.-pt.",
    "Numer domu 12, mieszkanie 3.",
    "Wizyty co 2-3 tygodnie.",
    "Rok 2024: 1200 osób, rok 2025: 1350 osób.",
    "Godzina 07:45 i 19:30.",
    "Dowód osobisty ABC123456 zgubiony.",
    "Numer karty 1234 na basen.",
    "Ponad 1 000 000 zł w budżecie.",
    "Rata 123,45 zł.",
    "Około 600 000 mieszkańców powiatu.",
    "Małpa w zoo bardzo się podobała wnukom.", "Była na Mazurach 2 razy w tym roku.",
    "Od 5 lat na Ukrainie 3 miesiące w roku.", "Blok przy Prądnickiej 58 ma windę?",
    "Mecz przy Łazienkowskiej 3 razy w miesiącu.", "Czy na Raspberry Pi 4 działa?",
    "Kropka nad i: brakuje świetlicy.",
    "W 2020 r. 3 osoby, w 2021 r. 5 osób.",
    "Dojazd 30-45 min autobusem.",
]


def main() -> None:
    cases: list[dict] = []
    makers = {
        "phone": [mobile, landline],
        "pesel": [pesel],
        "email": [email],
        "account": [account],
        "address": [address],
    }
    for kind, funcs in makers.items():
        for i in range(120):
            value = funcs[i % len(funcs)]()
            frame = BEFORE[i % len(BEFORE)]
            cases.append({"text": frame.format(x=value), "labels": [[kind, value]]})
    for i in range(40):  # addresses without "ul.", after "na"/"przy" with a word about a home
        frame = BARE_FRAMES[i % len(BARE_FRAMES)]
        value = bare_address(frame)
        cases.append({"text": frame.format(x=value), "labels": [["address", value]]})
    for i, name in enumerate(NAMES * 2):
        cases.append(
            {"text": NAME_FRAMES[i % len(NAME_FRAMES)].format(x=name), "labels": [["name", name]]}
        )
    for _ in range(30):  # several kinds in one text
        p, m, e = pesel(), mobile(), email()
        cases.append(
            {
                "text": f"PESEL {p}, tel. {m}, mail {e}.",
                "labels": [["pesel", p], ["phone", m], ["email", e]],
            }
        )
    for text in NEGATIVES:
        cases.append({"text": text, "labels": []})
    OUT.write_text(json.dumps(cases, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    main()
