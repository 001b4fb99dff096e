"""The form that starts an export: campaign, kind, variant and format."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.validators import DataRequired, Optional, ValidationError

from researcher.form_fields import choices_from
from researcher.interviews.models import CHANNEL_LABELS

KIND_LABELS = {
    "diagnosis": _l("Diagnoza dla gminy (tabele, teksty, wykresy)"),
    "card": _l("Karta usług i kryteriów dostępu"),
}
VARIANT_LABELS = {
    "cus": _l("CUS – jeden odbiorca"),
    "ops": _l("OPS – tabele według jednostek gminy odpowiedzialnych za obszary"),
}
FORMAT_LABELS = {
    "xlsx": _l("XLSX (arkusz)"),
    "docx": _l("DOCX (raport)"),
    "pdf": _l("PDF"),
    "csv": _l("CSV (Excel, średnik)"),
    "json": _l("JSON (dla innych systemów)"),
}
CARD_FORMATS = ("docx", "pdf", "xlsx")


class ExportForm(FlaskForm):
    campaign = SelectField(_l("Kampania"), coerce=int, validators=[DataRequired()])
    kind = RadioField(_l("Co eksportować"), choices=choices_from(KIND_LABELS), default="diagnosis")
    variant = RadioField(_l("Wariant"), choices=choices_from(VARIANT_LABELS), default="cus")
    format = RadioField(_l("Format"), choices=choices_from(FORMAT_LABELS), default="xlsx")
    # Diagnosis only: the needs of one channel (people counts are never filtered).
    channel = SelectField(
        _l("Kanał zgłoszenia potrzeb (diagnoza)"),
        choices=choices_from({"": _l("Wszystkie kanały"), **CHANNEL_LABELS}),
        default="", validators=[Optional()],
    )  # fmt: skip
    # Which card the card export takes (0: the campaign's most recently changed one).
    card = SelectField(_l("Karta usług (eksport karty)"), coerce=int, default=0,
                       validators=[Optional()])  # fmt: skip

    def validate_format(self, field: RadioField) -> None:
        if self.kind.data == "card" and field.data not in CARD_FORMATS:
            raise ValidationError(_l("Kartę usług można pobrać jako DOCX, PDF lub XLSX."))
