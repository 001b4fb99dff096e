"""The registry of published questionnaire versions, and the respondent code (F3).

Every version ever published stays in `QUESTIONNAIRES`, so a record is always validated
against the version it was recorded with. To publish a new version, add a
`definition_<version>.py` module and register it here; never edit a published one.
"""

from __future__ import annotations

import re
import secrets

from forms import definition_2026_1
from forms.model import Questionnaire

QUESTIONNAIRES: dict[str, Questionnaire] = {
    q.version: q for q in (definition_2026_1.QUESTIONNAIRE,)
}

#: The version new interviews are recorded with.
CURRENT_VERSION = "2026.1"

#: Upper-case letters and digits that cannot be mistaken for each other when handwritten or
#: read aloud: none of 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B.
RESPONDENT_CODE_ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
RESPONDENT_CODE_LENGTH = 6
RESPONDENT_CODE_PATTERN = re.compile(
    f"^[{RESPONDENT_CODE_ALPHABET}]{{{RESPONDENT_CODE_LENGTH}}}$"
)


class UnknownVersion(KeyError):
    """No questionnaire of this version was ever published."""


def get_questionnaire(version: str) -> Questionnaire:
    """The published questionnaire `version`; raises UnknownVersion if there is none."""
    try:
        return QUESTIONNAIRES[version]
    except (KeyError, TypeError):
        raise UnknownVersion(version) from None


def new_respondent_code() -> str:
    """A fresh random respondent code (F3), e.g. "K7M4QX", printed on the leaflet."""
    return "".join(
        secrets.choice(RESPONDENT_CODE_ALPHABET) for _ in range(RESPONDENT_CODE_LENGTH)
    )
