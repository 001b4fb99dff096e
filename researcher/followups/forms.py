"""Forms of the follow-up pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from forms.vocabulary import TARGET_GROUPS
from researcher.admin.forms import choices_from
from researcher.card.forms import area_choices
from researcher.followups.models import FOLLOWUP_STATUS_LABELS

ALL = {"": _l("— wszystkie —")}


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: filters live in the URL

    campaign = SelectField(_l("Kampania"), coerce=int, validators=[Optional()])
    locality = SelectField(_l("Miejscowość"), coerce=int, validators=[Optional()])
    area = SelectField(_l("Obszar"), choices=choices_from({**ALL, **area_choices()}))
    group = SelectField(
        _l("Grupa docelowa"),
        choices=choices_from({**ALL, **{g.key: _l(g.label) for g in TARGET_GROUPS}}),
    )
    status = SelectField(
        _l("Status"), choices=choices_from({**ALL, **FOLLOWUP_STATUS_LABELS})
    )


class StatusForm(FlaskForm):
    status = SelectField(_l("Nowy status"), validators=[DataRequired()])
    note = TextAreaField(
        _l("Krótka notatka (bez danych osobowych)"), validators=[Length(max=500)]
    )
    pii_confirmed = BooleanField(_l("Sprawdziłem notatkę — zapisz mimo ostrzeżenia"))


class AssignForm(FlaskForm):
    assignee = SelectField(_l("Prowadzi"), coerce=int, validators=[Optional()])
