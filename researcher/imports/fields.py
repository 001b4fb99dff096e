"""Marshmallow fields for spreadsheet cells: text in, codes out, Polish messages.

A heading of the template is the field's `data_key`; `metadata` gives the template its
description (`help`) and an example (`example`). A choice accepts the code or its label, in
any letter case, so that a person typing "Pomoc społeczna" and one typing "pomoc_spoleczna"
both succeed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

MESSAGES = {
    "required": _l("To pole jest wymagane."),
    "null": _l("To pole jest wymagane."),
    "invalid_date": _l("Niepoprawna data (oczekiwano RRRR-MM-DD)."),
    "invalid_integer": _l("Oczekiwano liczby całkowitej."),
    "too_long": _l("Najwyżej %(max)s znaków."),
    "too_small": _l("Oczekiwano liczby nie mniejszej niż %(min)s."),
}


def _base(kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs.setdefault(
        "error_messages", {"required": MESSAGES["required"], "null": MESSAGES["null"]}
    )
    return kwargs


class Text(fields.String):
    """Trimmed text, at most `max_length` characters."""

    def __init__(self, max_length: int = 1000, **kwargs: Any) -> None:
        super().__init__(**_base(kwargs))
        self.max_length = max_length

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        text = str(value).strip()
        if not text:
            raise self.make_error("required")
        if len(text) > self.max_length:
            raise ValidationError(str(MESSAGES["too_long"]) % {"max": self.max_length})
        return text


class Day(fields.Field):
    """A date written as RRRR-MM-DD (spreadsheet dates arrive in that form) or DD.MM.RRRR."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_base(kwargs))

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> date:
        text = str(value).strip()[:10]
        try:
            if "." in text:
                day, month, year = text.split(".")
                return date(int(year), int(month), int(day))
            return date.fromisoformat(text)
        except ValueError as error:
            raise ValidationError(str(MESSAGES["invalid_date"])) from error


class Count(fields.Field):
    """A whole number not below `minimum`."""

    def __init__(self, minimum: int = 0, **kwargs: Any) -> None:
        super().__init__(**_base(kwargs))
        self.minimum = minimum

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        try:
            number = int(str(value).strip())
        except ValueError as error:
            raise ValidationError(str(MESSAGES["invalid_integer"])) from error
        if number < self.minimum:
            raise ValidationError(str(MESSAGES["too_small"]) % {"min": self.minimum})
        return number


def _lookup(choices: Mapping[str, Any]) -> dict[str, str]:
    table = {}
    for code, label in choices.items():
        table[code.lower()] = code
        table[str(label).strip().lower()] = code
    return table


class Choice(fields.Field):
    """One code of `choices` (code → label), given as the code or the label."""

    def __init__(self, choices: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(**_base(kwargs))
        self.choices = choices

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        text = str(value).strip().lower()
        code = _lookup(self.choices).get(text)
        if code is None:
            raise ValidationError(
                str(_l("Niedozwolona wartość: „%(value)s”.")) % {"value": str(value).strip()}
            )
        return code


class Choices(Choice):
    """Several codes of `choices`, separated by commas (or `|`)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[str]:
        parts = [p for p in str(value).replace("|", ",").split(",") if p.strip()]
        codes = [super(Choices, self)._deserialize(p, attr, data, **kwargs) for p in parts]
        return list(dict.fromkeys(codes))
