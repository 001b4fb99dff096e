"""The manager's meeting form: the meeting, participants by age band, rows of needs."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forms.vocabulary import TARGET_GROUPS
from researcher.admin.forms import MultiCheckboxField, choices_from
from researcher.card.forms import area_choices
from researcher.labels import URGENCY_LABELS
from researcher.meetings.models import AGE_BANDS, MEETING_KIND_LABELS

BLANK_NEED_ROWS = 5


class NeedRowForm(Form):
    # Choices are checked by the service, only for rows with a description: blank rows pass.
    description = TextAreaField(_l("Potrzeba"), validators=[Optional(), Length(max=1000)])
    area = SelectField(_l("Obszar"), choices=choices_from(area_choices()), validate_choice=False)
    target_groups = MultiCheckboxField(
        _l("Grupy docelowe"), choices=choices_from({g.key: _l(g.label) for g in TARGET_GROUPS}),
        validate_choice=False,
    )
    urgency = SelectField(
        _l("Pilność"), choices=choices_from(URGENCY_LABELS), default="12m", validate_choice=False
    )
    voiced_by = IntegerField(
        _l("Ile osób ją zgłosiło"), validators=[Optional(), NumberRange(min=1)], default=1
    )


def _participants_form() -> type[Form]:
    fields = {
        band: IntegerField(label, validators=[Optional(), NumberRange(min=0)], default=0)
        for band, label in AGE_BANDS.items()
    }
    return type("ParticipantsForm", (Form,), fields)


class MeetingForm(FlaskForm):
    campaign = SelectField(_l("Kampania"), coerce=int)
    held_on = DateField(_l("Data spotkania"), validators=[DataRequired(_l("Podaj datę."))])
    kind = SelectField(_l("Rodzaj spotkania"), choices=choices_from(MEETING_KIND_LABELS))
    organiser = StringField(
        _l("Organizator (instytucja lub grupa)"),
        validators=[DataRequired(_l("Podaj organizatora.")), Length(max=200)],
    )
    locality = StringField(_l("Miejscowość (opcjonalnie)"), validators=[Length(max=120)])
    participants = FormField(_participants_form(), label=_l("Uczestnicy według wieku (szacunkowo)"))
    needs = FieldList(FormField(NeedRowForm), min_entries=BLANK_NEED_ROWS)
