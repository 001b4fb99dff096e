"""Forms: one need entered by hand, and a file to import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from forms.vocabulary import TARGET_GROUPS
from researcher.admin.forms import MultiCheckboxField, choices_from
from researcher.card.forms import area_choices
from researcher.intake.services import DESCRIPTION_MAX, ENTRY_CHANNELS
from researcher.interviews.models import CHANNEL_LABELS
from researcher.labels import URGENCY_LABELS


class NeedEntryForm(FlaskForm):
    campaign = SelectField(_l("Kampania"), coerce=int)
    channel = SelectField(
        _l("Kanał"), choices=choices_from({c.value: CHANNEL_LABELS[c] for c in ENTRY_CHANNELS})
    )
    day = DateField(_l("Data zgłoszenia"), validators=[DataRequired(_l("Podaj datę."))])
    description = TextAreaField(
        _l("Opis potrzeby"),
        validators=[DataRequired(_l("Opisz potrzebę.")), Length(max=DESCRIPTION_MAX)],
    )
    area = SelectField(_l("Obszar"), choices=choices_from(area_choices()))
    target_groups = MultiCheckboxField(
        _l("Grupy docelowe"), choices=choices_from({g.key: _l(g.label) for g in TARGET_GROUPS})
    )
    urgency = SelectField(_l("Pilność"), choices=choices_from(URGENCY_LABELS), default="12m")
    locality = StringField(
        _l("Miejscowość (opcjonalnie)"), validators=[Optional(), Length(max=120)]
    )
    service_type = StringField(_l("Rodzaj usługi (opcjonalnie)"), validators=[Length(max=100)])
    pii_confirmed = BooleanField(
        _l("Zapisz z zamaskowanymi danymi osobowymi (PESEL, telefon, e-mail)")
    )


class NeedImportForm(FlaskForm):
    campaign = SelectField(_l("Kampania"), coerce=int)
    file = FileField(_l("Plik XLSX lub CSV"), validators=[FileRequired(_l("Wybierz plik."))])
