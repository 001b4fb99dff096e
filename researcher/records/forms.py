"""The record-level export form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField

from researcher.admin.forms import choices_from

FORMATS = {"xlsx": _l("XLSX (trzy arkusze)"), "csv": _l("CSV w archiwum ZIP (UTF-8 z BOM, „;”)")}


class RecordExportForm(FlaskForm):
    campaign = SelectField(_l("Kampania"), coerce=int)
    fmt = RadioField(_l("Format"), choices=choices_from(FORMATS), default="xlsx")
    with_codes = BooleanField(
        _l("Pokaż kody respondentów (domyślnie zastąpione losowym kluczem tego eksportu)")
    )
