"""Forms of the admin pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from researcher.auth.models import RESEARCHER
from researcher.campaigns.models import CAMPAIGN_STATUS_LABELS
from researcher.form_fields import MultiCheckboxField, choices_from
from researcher.gminas.models import LOCALITY_KINDS
from researcher.labels import LOCALITY_KIND_LABELS, ROLE_LABELS


class UserForm(FlaskForm):
    email = EmailField(
        _l("Adres e-mail"),
        validators=[
            DataRequired(_l("Podaj adres e-mail.")),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Niepoprawny adres e-mail.")),
        ],
    )
    full_name = StringField(_l("Imię i nazwisko"), validators=[Optional(), Length(max=200)])
    role = RadioField(
        _l("Rola"),
        choices=choices_from(ROLE_LABELS),
        default=RESEARCHER,
        validators=[DataRequired(_l("Wybierz rolę."))],
    )


class CampaignForm(FlaskForm):
    name = StringField(
        _l("Nazwa kampanii"), validators=[DataRequired(_l("Podaj nazwę.")), Length(max=200)]
    )
    gmina = StringField(
        _l("Gmina – kod TERC (7 cyfr)"),
        validators=[
            DataRequired(_l("Podaj kod TERC gminy.")),
            Regexp(r"^\d{6,7}$", message=_l("Kod TERC gminy to 7 cyfr, np. 1417082.")),
        ],
    )
    starts_on = DateField(_l("Początek"), validators=[DataRequired(_l("Podaj datę."))])
    ends_on = DateField(_l("Koniec"), validators=[DataRequired(_l("Podaj datę."))])
    status = SelectField(_l("Status"), choices=choices_from(CAMPAIGN_STATUS_LABELS))
    questionnaire_version = SelectField(_l("Wersja kwestionariusza"), choices=[])
    open_to_all_researchers = BooleanField(_l("Otwarta dla wszystkich researcherów"))
    researchers = MultiCheckboxField(_l("Przypisani researcherzy"), coerce=int, choices=[])


class LocalityForm(FlaskForm):
    name = StringField(
        _l("Nazwa"), validators=[DataRequired(_l("Podaj nazwę.")), Length(max=120)]
    )
    kind = RadioField(
        _l("Rodzaj"), choices=choices_from(LOCALITY_KIND_LABELS), default=LOCALITY_KINDS[0]
    )
    simc = StringField(
        _l("Kod SIMC (opcjonalnie)"),
        validators=[Optional(), Regexp(r"^\d{7}$", message=_l("Kod SIMC to 7 cyfr."))],
    )
