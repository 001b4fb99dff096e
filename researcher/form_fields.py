"""WTForms pieces every feature's forms share: choices from a label mapping, checkbox lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget


def choices_from(mapping: Mapping[Any, Any]) -> list[SelectChoice]:
    """Select/radio choices from {code: label} (codes as text, labels kept lazy)."""
    return [SelectChoice(str(value), label) for value, label in mapping.items()]


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes (macros/forms.html renders it)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
