"""The dashboard's filter form: read from the query string, so filters keep in the URL."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from researcher.admin.forms import choices_from
from researcher.interviews.models import CHANNEL_LABELS


def _optional_int(value: object) -> int | None:
    if value in (None, "", "None"):
        return None
    return int(value)  # type: ignore[arg-type]


class FilterForm(Form):
    """Campaign (and with it the gmina), locality, date range. GET form: no CSRF token."""

    szukaj = StringField(
        _l("Szukaj kampanii: gmina, powiat, nazwa lub kod TERC"),
        validators=[Optional(), Length(max=100)],
    )
    kampania = SelectField(_l("Kampania (gmina)"), coerce=_optional_int, validate_choice=True)
    miejscowosc = SelectField(
        _l("Miejscowość"), coerce=_optional_int, validate_choice=True, validators=[Optional()]
    )
    kanal = SelectField(
        _l("Kanał (dotyczy potrzeb)"),
        choices=choices_from({"": _l("Wszystkie kanały"), **CHANNEL_LABELS}),
        validators=[Optional()],
    )
    od = DateField(_l("Od dnia"), validators=[Optional()])
    do = DateField(_l("Do dnia"), validators=[Optional()])

    def validate_do(self, field: DateField) -> None:
        if field.data and self.od.data and field.data < self.od.data:
            raise ValidationError(_l("Data końcowa jest wcześniejsza niż początkowa."))


class AcrossForm(Form):
    """The scope of the view across campaigns: the country, a voivodeship or a powiat."""

    woj = SelectField(_l("Województwo"), validate_choice=True, validators=[Optional()])
    powiat = SelectField(_l("Powiat"), validate_choice=True, validators=[Optional()])
