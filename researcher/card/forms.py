"""Forms of the service card editor."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from forms.vocabulary import AREAS, MATERIAL, OUT_OF_SCOPE, TARGET_GROUPS
from researcher.form_fields import MultiCheckboxField, choices_from
from researcher.labels import CRITERION_LABELS, PROVIDER_LABELS

YES_NO = {"tak": _l("tak"), "nie": _l("nie")}
# "Nowe do uruchomienia" may stay blank, as in row 3 of the seed template.
YES_NO_BLANK = {**YES_NO, "": _l("— puste —")}
NEW_CHOICES = {"tak": True, "nie": False, "": None}


def area_choices() -> dict[str, str]:
    return {a.key: _l(a.label) for a in (*AREAS, OUT_OF_SCOPE, MATERIAL)}


class CardForm(FlaskForm):
    campaign = SelectField(_l("Kampania"), coerce=int, validators=[Optional()])
    title = StringField(_l("Tytuł"), validators=[Length(max=200)])
    organisation_name = StringField(
        _l("Nazwa organizacji pozarządowej (w tytule karty)"), validators=[Length(max=200)]
    )
    prepared_on = DateField(_l("Sporządzona w dniu"), validators=[DataRequired(_l("Podaj datę."))])
    prepared_by_name = StringField(
        _l("Menedżer ds. usług społecznych (imię i nazwisko)"),
        validators=[DataRequired(_l("Podaj imię i nazwisko.")), Length(max=200)],
    )


class RowForm(FlaskForm):
    name = StringField(
        _l("Nazwa usługi / działania wspierającego"),
        validators=[DataRequired(_l("Podaj nazwę usługi.")), Length(max=300)],
    )
    area = SelectField(_l("Obszar"), choices=choices_from(area_choices()))
    offered = RadioField(_l("Dotychczas oferowane"), choices=choices_from(YES_NO), default="nie")
    new = RadioField(
        _l("Nowe do uruchomienia"), choices=choices_from(YES_NO_BLANK), default="tak"
    )
    criterion = RadioField(
        _l("Kryterium dostępu"), choices=choices_from(CRITERION_LABELS), default="powszechnosc"
    )
    criterion_description = TextAreaField(
        _l("Opis kryterium (wymagany, gdy dostęp nie jest powszechny)"),
        validators=[Length(max=2000)],
    )
    target_groups = MultiCheckboxField(
        _l("Grupy docelowe"), choices=choices_from({g.key: _l(g.label) for g in TARGET_GROUPS})
    )
    provider = SelectField(
        _l("Proponowany realizator"),
        choices=choices_from({"": _l("— nie wskazano —"), **PROVIDER_LABELS}),
        validators=[Optional()],
    )
    justification = TextAreaField(_l("Uzasadnienie"), validators=[Length(max=4000)])
