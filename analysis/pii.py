"""Detect and mask personal data in free text, written the ways Polish people write it.

Kinds: PESEL (check digit and birth date valid, also spaced), phone numbers (mobile 3-3-3 and
3-2-2-2, landline 2-3-2-2 with an area code, +48/0048/(0), separated by spaces, hyphens, dots
or nothing), e-mail addresses (also "(at)", "[at]", "małpa"), bank account numbers (NRB/IBAN,
26 digits, "PL" optional), street addresses ("ul./al./os./pl. Name 12/3") and, as a softer
warning that is never masked, a known first name followed by a capitalised surname.

One implementation serves the researcher's warnings while typing (mirrored in
`static/js/field/pii.js`, both run on tests/fixtures/pii_cases.json), the masking at ingestion
(`forms/masking.py`) and the masking done before any text is analysed or shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)

#: Every kind, in the stable order `pii_kinds` reports them.
KINDS = ("pesel", "phone", "email", "account", "address", "name")
#: Kinds replaced by a placeholder; a name is only warned about (too many false alarms to mask).
PLACEHOLDERS = {
    "pesel": "[PESEL]",
    "phone": "[TELEFON]",
    "email": "[EMAIL]",
    "account": "[KONTO]",
    "address": "[ADRES]",
}

_UP = "A-ZĄĆĘŁŃÓŚŹŻ"
_LO = "a-ząćęłńóśźż"
_W = r"\w"  # pii.js: [\p{L}\p{N}_]

_EMAIL = re.compile(
    r"[\w.+-]+"
    r"(?:@|\s*[(\[{]\s*(?:at|małpa)\s*[)\]}]\s*|\s+małpa\s+)"
    r"[\w-]+(?:(?:\.|\s*[(\[]\s*(?:dot|kropka)\s*[)\]]\s*|\s+kropka\s+)[\w-]+)+",
    re.IGNORECASE,
)
# Exactly 11 digits, glued or with single spaces/hyphens between them ("440514 01359").
# Letters may touch it ("pesel44051401359"): the check digit and the date keep it honest.
_PESEL = re.compile(r"(?<![0-9+])(?<![0-9][.-])[0-9](?:[ -]?[0-9]){10}(?![0-9])(?![.-][0-9])")
# 26 digits of an NRB, "PL" in front making it an IBAN: 2 + 6×4, grouped or glued.
_ACCOUNT = re.compile(r"(?<!\w)(?:PL ?)?[0-9]{2}[ -]?(?:[0-9]{4}[ -]?){5}[0-9]{4}(?![0-9])")
_SEP = r"[ .-]?"
_PHONE = re.compile(
    r"(?<![\w+])(?<![0-9][.-])"
    r"(?:\(?(?:\+|00) ?48\)? ?(?:\(0\) ?)?[.-]?)?"
    r"(?:"
    rf"[1-9][0-9]{{2}}{_SEP}[0-9]{{3}}{_SEP}[0-9]{{3}}"  # 600 123 456
    rf"|[1-9][0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}"  # 600 12 34 56
    rf"|(?:\(0?[- ]?[1-9][0-9]\)|0?[1-9][0-9]) ?[.-]?[0-9]{{3}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}"
    r")"
    r"(?!\w)(?![.-][0-9])(?! ?(?:zł|pln|złot|tys|mln|eur|€))",
    re.IGNORECASE,
)
# Words in front of a 9-digit number that make it an identifier, not a phone.
_NOT_A_PHONE_BEFORE = re.compile(
    r"(?:regon|nip|krs|dowod\w*|dowód|legitymacj\w*|paszport\w*|spraw\w*|faktur\w*|umow\w*"
    r"|decyzj\w*)"
    r"[\s.:nr]*$",
    re.IGNORECASE,
)
_STREET = (
    r"(?:[Uu]l\.|[Uu]lic[aąyę]|[Aa]l\.|[Aa]lej[aię]|[Aa]lei|[Oo]s\.|[Oo]siedl[eua]"
    r"|[Pp]l\.|[Pp]lac|[Pp]lacu)"
)
# Typed in lower case ("ul. kwiatowa 12") only after "ul."/"ulica": "os. starszych 2" is people.
_STREET_LOWER = r"(?:[Uu]l\.|[Uu]lic[aąyę])"
_TITLE = r"(?:(?:ks|gen|św|marsz|płk|kard|bp|prof|dr|im|kpt|por|mjr)\.\s*)?"
_NAME_WORD = rf"[{_UP}][{_UP}{_LO}.'-]*"
# Not followed by "-": "58-78" is a stretch of a street, not somebody's door.
_HOUSE = r"[0-9]{1,4}[a-zA-Z]?(?:\s?(?:/|m\.?|lok\.?)\s?[0-9]{1,4}[a-zA-Z]?)?(?![\w/-])"
_ADDRESS = re.compile(
    rf"(?<!\w)(?:{_STREET}\s*{_TITLE}(?:[0-9]{{1,2}}\s+)?{_NAME_WORD}(?:[\s-]+{_NAME_WORD}){{0,3}}"
    rf"|{_STREET_LOWER}\s*[{_LO}]{{3,}})"
    rf"\s+(?:nr\.?\s*)?{_HOUSE}"
)
# Without "ul.": "mieszka na Polnej 5", "przy Mickiewicza 12/3" — a street-like word (-ej, -ego,
# -a, -i, -y) right after "na"/"przy", and a house number that is not a count ("5 lat"); kept
# only with a flat number or a word about a home shortly before (project titles name places).
_ADDRESS_BARE = re.compile(
    rf"(?:(?<=przy )|(?<=Przy )|(?<=na ))[{_UP}][{_LO}]*(?:ej|ego|a|i|y)(?:\s+[{_UP}][{_LO}]+)?"
    r"\s+(?:nr\.?\s*)?[0-9]{1,3}[a-zA-Z]?(?:\s?(?:/|m\.?)\s?[0-9]{1,4}[a-zA-Z]?)?(?![\w/-])"
    r"(?!\s*(?:lat|rok|raz|dni|dzie|osob|osób|godz|km|zł|min|tyg|mies|%|r\.))"
)
_ASCII_DIGIT = re.compile(r"[0-9]")
_EMAIL_HINT = re.compile(r"[@(\[{]|małpa", re.IGNORECASE)
_FLAT = re.compile(r"[0-9]\s?(?:/|m\.?)\s?[0-9]")
_HOME_BEFORE = re.compile(r"(?:mieszk|zamieszk|adres|dom)", re.IGNORECASE)

# Words shortly before an address that make it a public place's (a library, a school, a clinic),
# not a home: project titles name them often, a resident's address is what must go.
_PUBLIC_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:bibliotek|szkoł|szkol|przedszkol|żłob|fili[ia]|urzęd|urząd|ośrod|kultury|poradni"
    r"|przychodni|kości(?!uszk)|parafi|świetlic|klub|centrum|mbp|ops|gops|mops|dps|śds|boisk|park"
    r"|placu zabaw|plac zabaw|stadion|basen|hal[ai]|muzeum|teatr|kino|kina|sklep|aptek|poczt"
    r"|dworc|dworzec|zespo[lł]|liceum|uczelni|instytut|stowarzysz|fundacj|schronisk|siedzib"
    r"|targowisk|cmentarz|remiz|osp|pcpr|nfz|zus|chodnik|przejści|parking|postojow|przystank"
    r"|rond|skrzyżowan|sp(?![^\W\d_])|zs(?![^\W\d_]))",
    re.IGNORECASE,
)

#: Common Polish first names (nominative), for the softer name warning.
FIRST_NAMES = frozenset(
    """Adam Adrian Agata Agnieszka Aleksander Aleksandra Alicja Andrzej Aneta Aniela Anna
    Antoni Antonina Arkadiusz Artur Barbara Bartosz Beata Bogdan Bogumiła Bogusław Bożena
    Cezary Czesław Czesława Damian Danuta Dariusz Dawid Dominik Dominika Dorota Edward Edyta
    Elżbieta Emil Emilia Ewa Ewelina Feliks Filip Franciszek Genowefa Grażyna Grzegorz Halina
    Helena Henryk Hanna Honorata Irena Iwona Izabela Jacek Jadwiga Jakub Jan Janina Janusz Jarosław
    Jerzy Joanna Jolanta Józef Józefa Julia Julian Justyna Kamil Kamila Karol Karolina
    Katarzyna Kazimiera Kazimierz Kinga Klaudia Krystian Krystyna Krzysztof Leszek Lucyna
    Ludwik Łukasz Maciej Magdalena Małgorzata Marcin Marek Maria Marian Marianna Mariusz
    Marta Marzena Mateusz Michał Mieczysław Mirosław Mirosława Monika Natalia Norbert Oliwia
    Paweł Patrycja Piotr Przemysław Rafał Regina Renata Robert Roman Ryszard Sebastian
    Stanisław Stanisława Stefan Stefania Sylwia Szymon Tadeusz Teresa Tomasz Urszula
    Wanda Weronika Wiesław Wiesława Wiktor Wiktoria Władysław Włodzimierz Wojciech Zbigniew
    Zdzisław Zenon Zofia Zuzanna Zygmunt""".split()
)
# Zero-width, so that in "Pani Anna Nowak" the scan still tries "Anna Nowak" after "Pani Anna".
_NAME = re.compile(
    rf"(?<!\w)(?=([{_UP}][{_LO}]+)(\s+)([{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)(?!\w))"
)
# Capitalised words after a first name that make it a place or an institution, not a person.
_NOT_A_SURNAME = frozenset({"Pawła", "Paweł", "Chrzciciela", "Bosko"})


@dataclass(frozen=True)
class PiiMatch:
    """A stretch of text that looks like personal data."""

    kind: str  # one of KINDS
    start: int
    end: int
    text: str


def is_valid_pesel(digits: str) -> bool:
    """True when `digits` is 11 digits with a valid birth date and a correct check digit."""
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        return False
    month, day = int(digits[2:4]) % 20, int(digits[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(digits, PESEL_WEIGHTS, strict=False))
    return (10 - total % 10) % 10 == int(digits[10])


def _phone_allowed(text: str, start: int) -> bool:
    return not _NOT_A_PHONE_BEFORE.search(text[max(0, start - 16) : start])


def _strong_matches(text: str) -> list[PiiMatch]:
    found: list[PiiMatch] = []
    # Cheap gates first: an e-mail needs "@", a bracket or "małpa", and every other kind a
    # digit. Most texts pass neither, and the full patterns cost ten times as much.
    if _EMAIL_HINT.search(text):
        for m in _EMAIL.finditer(text):
            found.append(PiiMatch("email", m.start(), m.end(), m.group()))
    if _ASCII_DIGIT.search(text):
        found += _numbered_matches(text)
    return found


def _numbered_matches(text: str) -> list[PiiMatch]:
    """Account numbers, PESEL, phones and addresses: the kinds that hold a digit."""
    found: list[PiiMatch] = []
    for m in _ACCOUNT.finditer(text):
        found.append(PiiMatch("account", m.start(), m.end(), m.group()))
    for m in _PESEL.finditer(text):
        if is_valid_pesel(re.sub(r"[ -]", "", m.group())):
            found.append(PiiMatch("pesel", m.start(), m.end(), m.group()))
    for m in _PHONE.finditer(text):
        if _phone_allowed(text, m.start()):
            found.append(PiiMatch("phone", m.start(), m.end(), m.group()))
    for m in _ADDRESS.finditer(text):
        if not _PUBLIC_PLACE_BEFORE.search(text[max(0, m.start() - 80) : m.start()]):
            found.append(PiiMatch("address", m.start(), m.end(), m.group()))
    for m in _ADDRESS_BARE.finditer(text):
        home = _HOME_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        if (home or _FLAT.search(m.group())) and not _PUBLIC_PLACE_BEFORE.search(
            text[max(0, m.start() - 80) : m.end()]
        ):
            found.append(PiiMatch("address", m.start(), m.end(), m.group()))
    return found


def _without_overlaps(found: list[PiiMatch]) -> list[PiiMatch]:
    # Leftmost first, the longest of those starting together (an account beats the phone in it).
    found = sorted(found, key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[PiiMatch] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def find_pii(text: str) -> list[PiiMatch]:
    """Every piece of personal data in `text`, in order, without overlaps.

    Names come last: one overlapping anything else is dropped, so it never hides a PESEL.
    """
    kept = _without_overlaps(_strong_matches(text))
    for m in _NAME.finditer(text):
        if m.group(1) not in FIRST_NAMES or m.group(3) in _NOT_A_SURNAME:
            continue
        start, found = m.start(), "".join(m.groups())
        end = start + len(found)
        if any(k.start < end and start < k.end for k in kept):
            continue
        kept.append(PiiMatch("name", start, end, found))
    return sorted(kept, key=lambda p: p.start)


def mask_pii(text: str) -> str:
    """`text` with every PESEL, phone, e-mail, account number and address replaced by a
    placeholder (names are left: they are only warned about)."""
    out: list[str] = []
    pos = 0
    # `find_pii` without the names: a name is never masked and never displaces another match.
    for match in _without_overlaps(_strong_matches(text)):
        out.append(text[pos : match.start])
        out.append(PLACEHOLDERS[match.kind])
        pos = match.end
    out.append(text[pos:])
    return "".join(out)


def pii_kinds(text: str) -> list[str]:
    """The distinct kinds of personal data found in `text`, in the order of `KINDS`."""
    kinds = {m.kind for m in find_pii(text)}
    return [k for k in KINDS if k in kinds]


def placeholder_kinds(text: str) -> list[str]:
    """The kinds whose placeholder `text` holds: what masking at ingestion replaced."""
    return [k for k, p in PLACEHOLDERS.items() if p in text]
