"""The recommendation form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from researcher.admin.forms import MultiCheckboxField


class RecommendationForm(FlaskForm):
    title = StringField(
        _l("Rekomendacja (krótko)"),
        validators=[DataRequired(_l("Podaj tytuł rekomendacji.")), Length(max=200)],
    )
    body = TextAreaField(
        _l("Uzasadnienie i propozycja"),
        validators=[DataRequired(_l("Opisz rekomendację.")), Length(max=4000)],
    )
    evidence = MultiCheckboxField(_l("Dowody (co najmniej jeden)"), choices=[])
