"""Forms of the themes pages: the limits on k are stated here once (form and template)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import NumberRange, Optional

MIN_K, MAX_K = 2, 60  # themes of a whole campaign
SPLIT_MIN_K, SPLIT_MAX_K = 2, 6  # parts when one theme is split


class RunForm(FlaskForm):
    """Start an analysis: k empty means chosen automatically (silhouette)."""

    k = IntegerField(
        _l("Liczba tematów (puste: dobór automatyczny)"),
        validators=[
            Optional(),
            NumberRange(
                MIN_K,
                MAX_K,
                _l("Liczba tematów musi być między 2 a 60 (albo pusta: dobór automatyczny)."),
            ),
        ],
    )
    seed = IntegerField(_l("Ziarno losowania"), default=0, validators=[Optional(), NumberRange(0)])


def split_k(value: int | None) -> int:
    """How many parts a split makes: the asked number, kept within the allowed range."""
    return min(max(value or SPLIT_MIN_K, SPLIT_MIN_K), SPLIT_MAX_K)
