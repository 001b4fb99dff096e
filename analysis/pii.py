"""Detect and mask personal data in free text: PESEL, Polish phone numbers, e-mail addresses.

One implementation serves the researcher's warnings while typing (mirrored in
`static/js/pii.js`), the server-side warnings on sync, and the masking done before any text
is analysed, labelled or shown to the manager.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)

#: Placeholders put in place of what was found; stable so tests and templates can rely on them.
PLACEHOLDERS = {"pesel": "[PESEL]", "phone": "[TELEFON]", "email": "[EMAIL]"}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")
# Polish numbers: 9 digits, optionally +48/0048, grouped by spaces or hyphens (3-3-3 or 2-3-2-2).
_PHONE = re.compile(
    r"(?<![\d\w])(?:(?:\+|00)48[ -]?)?"
    r"(?:\d{3}[ -]?\d{3}[ -]?\d{3}|\(?\d{2}\)?[ -]?\d{3}[ -]?\d{2}[ -]?\d{2})"
    r"(?![\d\w])"
)


@dataclass(frozen=True)
class PiiMatch:
    """A stretch of text that looks like personal data."""

    kind: str  # "pesel" | "phone" | "email"
    start: int
    end: int
    text: str


def is_valid_pesel(digits: str) -> bool:
    """True when `digits` is 11 digits with a correct PESEL check digit."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, PESEL_WEIGHTS, strict=False))
    return (10 - total % 10) % 10 == int(digits[10])


def find_pii(text: str) -> list[PiiMatch]:
    """Every PESEL, phone number and e-mail address in `text`, in order, without overlaps."""
    found: list[PiiMatch] = []
    for m in _EMAIL.finditer(text):
        found.append(PiiMatch("email", m.start(), m.end(), m.group()))
    for m in _ELEVEN_DIGITS.finditer(text):
        if is_valid_pesel(m.group()):
            found.append(PiiMatch("pesel", m.start(), m.end(), m.group()))
    for m in _PHONE.finditer(text):
        found.append(PiiMatch("phone", m.start(), m.end(), m.group()))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[PiiMatch] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def mask_pii(text: str) -> str:
    """`text` with every PESEL, phone number and e-mail replaced by a placeholder."""
    out: list[str] = []
    pos = 0
    for match in find_pii(text):
        out.append(text[pos : match.start])
        out.append(PLACEHOLDERS[match.kind])
        pos = match.end
    out.append(text[pos:])
    return "".join(out)


def pii_kinds(text: str) -> list[str]:
    """The distinct kinds of personal data found in `text`, in a stable order."""
    kinds = {m.kind for m in find_pii(text)}
    return [k for k in ("pesel", "phone", "email") if k in kinds]
