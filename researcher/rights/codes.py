"""Respondent codes as residents write them back: tolerant matching, and a salted hash.

A code (F3) is printed on the leaflet from `RESPONDENT_CODE_ALPHABET`, which leaves out
letters and digits easily mistaken for others. A resident reading it back may still write
"O" or "0" for "Q"/"D", "I", "l" or "1" for "7"/"T", lower case, spaces or hyphens:
`candidates` gives every code such a spelling could stand for.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re

from flask import current_app

from forms.questionnaire import RESPONDENT_CODE_ALPHABET, RESPONDENT_CODE_LENGTH

#: Characters outside the alphabet (or easily swapped inside it) → what they may stand for.
LOOKALIKES: dict[str, str] = {
    "0": "QD", "O": "QD", "1": "7T", "I": "7T", "L": "7T", "U": "UV", "V": "VU",
}  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-_.·/]+")


def normalise(text: str) -> str:
    """Upper case, without spaces, hyphens or dots."""
    return _SEPARATORS.sub("", text or "").upper()


def candidates(text: str) -> list[str]:
    """Every valid code `text` may mean (several when look-alikes are involved), sorted."""
    code = normalise(text)
    if len(code) != RESPONDENT_CODE_LENGTH:
        return []
    options = []
    for char in code:
        chars = [c for c in LOOKALIKES.get(char, char) if c in RESPONDENT_CODE_ALPHABET]
        if not chars:
            return []
        options.append(chars)
    return sorted({"".join(p) for p in itertools.product(*options)})


def code_hash(code: str) -> str:
    """A salted hash of a code (HMAC with the app's secret key): it proves an erasure and
    matches a repeated request without keeping the code itself."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, normalise(code).encode(), hashlib.sha256).hexdigest()
