"""Forms of the resources register and of referrals."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forms.vocabulary import AREAS, TARGET_GROUPS
from researcher.admin.forms import MultiCheckboxField, choices_from
from researcher.resources.models import (
    ACCESS_LABELS,
    COST_LABELS,
    INSTITUTION_LABELS,
    RESOURCE_KIND_LABELS,
    RESOURCE_STATUS_LABELS,
)

ALL = {"": _l("— wszystkie —")}
NONE = {"": _l("— nie dotyczy / nie wiadomo —")}


def statutory_area_choices() -> dict[str, str]:
    return {a.key: _l(a.label) for a in AREAS}


class ResourceFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: filters live in the URL

    gmina = SelectField(_l("Gmina"), validators=[Optional()])
    kind = SelectField(_l("Rodzaj"), choices=choices_from({**ALL, **RESOURCE_KIND_LABELS}))
    area = SelectField(_l("Obszar"), choices=choices_from({**ALL, **statutory_area_choices()}))
    status = SelectField(_l("Status"), choices=choices_from({**ALL, **RESOURCE_STATUS_LABELS}))


class ResourceForm(FlaskForm):
    gmina = SelectField(_l("Gmina"), validators=[DataRequired()])
    kind = SelectField(_l("Rodzaj"), choices=choices_from(RESOURCE_KIND_LABELS))
    name = StringField(
        _l("Nazwa"), validators=[DataRequired(_l("Podaj nazwę.")), Length(max=200)]
    )
    provider = StringField(_l("Kto prowadzi / realizator"), validators=[Length(max=200)])
    institution = SelectField(
        _l("Rodzaj instytucji"), choices=choices_from({**NONE, **INSTITUTION_LABELS})
    )
    description = TextAreaField(
        _l("Opis: co oferuje, umiejętności, dostępność"), validators=[Length(max=2000)]
    )
    areas = MultiCheckboxField(_l("Obszary usług"), choices=choices_from(statutory_area_choices()))
    target_groups = MultiCheckboxField(
        _l("Grupy docelowe (puste: wszyscy)"),
        choices=choices_from({g.key: _l(g.label) for g in TARGET_GROUPS}),
    )
    localities = MultiCheckboxField(_l("Obsługiwane miejscowości (puste: cała gmina)"), coerce=int)
    access = RadioField(
        _l("Kryterium dostępu"), choices=choices_from({**NONE, **ACCESS_LABELS}), default=""
    )
    cost = RadioField(_l("Koszt"), choices=choices_from({**NONE, **COST_LABELS}), default="")
    capacity_per_month = IntegerField(
        _l("Liczba osób miesięcznie (pojemność)"), validators=[Optional(), NumberRange(min=0)]
    )
    hours_per_month = IntegerField(
        _l("Godzin miesięcznie (bank czasu, wolontariat)"),
        validators=[Optional(), NumberRange(min=0)],
    )
    how_to_reach = TextAreaField(
        _l("Jak dotrzeć (adres instytucji, godziny, telefon instytucji)"),
        validators=[Length(max=1000)],
    )
    contact = StringField(
        _l("Kontakt do wolontariusza (szyfrowany; nie wyświetla się ponownie)"),
        validators=[Length(max=200)],
    )
    source = StringField(_l("Źródło informacji"), validators=[Length(max=200)])
    source_date = DateField(_l("Data informacji"), validators=[Optional()])




class ReferralForm(FlaskForm):
    resource = SelectField(_l("Zasób"), coerce=int)


class ReferralStatusForm(FlaskForm):
    status = SelectField(_l("Status skierowania"))
