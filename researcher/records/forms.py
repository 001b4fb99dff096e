"""The record-level export form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField

from researcher.admin.forms import choices_from

FORMATS = {"xlsx": _l("XLSX (trzy arkusze)"), "csv": _l("CSV w archiwum ZIP (UTF-8 z BOM, „;”)")}
#: Offered only when the optional SPSS writer is installed (`records.spss.available`).
SPSS_FORMAT = {"sav": _l("SPSS .sav w archiwum ZIP (etykiety zmiennych i wartości)")}


def formats(with_spss: bool) -> dict[str, object]:
    """The formats the page offers: SPSS only when its library is installed."""
    return {**FORMATS, **(SPSS_FORMAT if with_spss else {})}


class RecordExportForm(FlaskForm):
    campaign = SelectField(_l("Kampania"), coerce=int)
    fmt = RadioField(_l("Format"), choices=choices_from(FORMATS), default="xlsx")
    with_codes = BooleanField(
        _l("Pokaż kody respondentów (domyślnie zastąpione losowym kluczem tego eksportu)")
    )
