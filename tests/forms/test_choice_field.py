"""`forms.schema._Choice`: the option-key field, same errors as String + OneOf."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError, fields, validate

from forms.messages import MESSAGES
from forms.schema import _Choice

KEYS = ["tak", "nie", "nie_wiem"]
ERRORS = {"invalid": MESSAGES["invalid_string"], "null": MESSAGES["null"]}


def _reference(**kwargs):
    return fields.String(
        validate=validate.OneOf(KEYS, error=MESSAGES["invalid_choice"]),
        error_messages=ERRORS,
        **kwargs,
    )


def _outcome(field, value):
    try:
        return "ok", field.deserialize(value)
    except ValidationError as err:
        return "error", err.messages


@pytest.mark.parametrize(
    "value", ["tak", "nie_wiem", "TAK", "", " tak", "inne", 1, 2.5, True, None, [], {}, b"tak"]
)
@pytest.mark.parametrize("allow_none", [False, True])
def test_choice_matches_string_with_one_of(value, allow_none):
    kwargs = {"required": False, "allow_none": allow_none}
    choice = _Choice(KEYS, error=MESSAGES["invalid_choice"], error_messages=ERRORS, **kwargs)
    assert _outcome(choice, value) == _outcome(_reference(**kwargs), value)


def test_choice_error_message_names_the_answer():
    choice = _Choice(KEYS, error=MESSAGES["invalid_choice"], error_messages=ERRORS)
    with pytest.raises(ValidationError) as err:
        choice.deserialize("inne")
    assert err.value.messages == [MESSAGES["invalid_choice"].format(input="inne")]
