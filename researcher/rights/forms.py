"""Forms of the residents' requests pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from researcher.extensions import local_today
from researcher.rights.models import REQUEST_KIND_LABELS


class RequestForm(FlaskForm):
    kind = RadioField(
        _l("Czego dotyczy wniosek"),
        choices=[SelectChoice(str(k), label) for k, label in REQUEST_KIND_LABELS.items()],
        validators=[DataRequired(_l("Wybierz rodzaj wniosku."))],
    )
    code = StringField(
        _l("Kod respondenta z ulotki"),
        validators=[DataRequired(_l("Podaj kod respondenta.")), Length(max=40)],
    )
    received_on = DateField(
        _l("Data wpływu wniosku"), default=local_today,
        validators=[DataRequired(_l("Podaj datę wpływu."))],
    )
    note = StringField(
        _l("Uwagi (bez danych osobowych)"), validators=[Optional(), Length(max=500)]
    )


class ConfirmErasureForm(FlaskForm):
    """The second confirmation: the code typed once more."""

    confirm_code = StringField(
        _l("Wpisz kod jeszcze raz, aby potwierdzić usunięcie"),
        validators=[DataRequired(_l("Wpisz kod, aby potwierdzić."))],
    )
