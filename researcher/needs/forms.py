"""Forms of the needs review."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from forms.vocabulary import TARGET_GROUPS
from researcher.card.forms import area_choices
from researcher.form_fields import MultiCheckboxField, choices_from
from researcher.interviews.models import CHANNEL_LABELS, NEED_STATUS_LABELS, NeedStatus
from researcher.labels import URGENCY_LABELS

STATUS_CHOICES = {**NEED_STATUS_LABELS, NeedStatus.NEW: _l("Nowa (do przejrzenia)")}
SCOPE_CHOICES = {
    "": _l("Usługa społeczna (w zakresie ustawy)"),
    "potrzeba_materialna": _l("Potrzeba materialna (poza definicją usługi społecznej)"),
    "poza_zakresem": _l("Poza zakresem 14 obszarów (np. drogi, transport)"),
}


class NeedFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: filters live in the URL

    q = StringField(_l("Szukaj w opisach"), validators=[Optional(), Length(max=200)])
    szukaj = StringField(
        _l("Szukaj kampanii: gmina, powiat, nazwa lub kod TERC"),
        validators=[Optional(), Length(max=100)],
    )
    campaign = SelectField(_l("Kampania"), coerce=int, validators=[Optional()])
    area = SelectField(
        _l("Obszar"), choices=choices_from({"": _l("— wszystkie —"), **area_choices()})
    )
    urgency = SelectField(
        _l("Pilność"), choices=choices_from({"": _l("— wszystkie —"), **URGENCY_LABELS})
    )
    status = SelectField(
        _l("Status"), choices=choices_from({"": _l("— wszystkie —"), **STATUS_CHOICES})
    )
    channel = SelectField(
        _l("Kanał"), choices=choices_from({"": _l("— wszystkie —"), **CHANNEL_LABELS})
    )
    date_from = DateField(_l("Od dnia"), validators=[Optional()])
    date_to = DateField(_l("Do dnia"), validators=[Optional()])


class ReviewForm(FlaskForm):
    area = SelectField(_l("Obszar (po weryfikacji)"), choices=choices_from(area_choices()))
    target_groups = MultiCheckboxField(
        _l("Grupy docelowe (po weryfikacji)"),
        choices=choices_from({g.key: _l(g.label) for g in TARGET_GROUPS}),
    )
    status = RadioField(_l("Status"), choices=choices_from(STATUS_CHOICES))
    reason = TextAreaField(_l("Powód odrzucenia"), validators=[Length(max=1000)])
    scope_flag = RadioField(_l("Zakres"), choices=choices_from(SCOPE_CHOICES), default="")
    quote_approved = BooleanField(
        _l("Opis można cytować w eksportach (sprawdzony, bez danych osobowych)")
    )
