"""Forms of the field pages: the backup upload."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField
from wtforms.validators import DataRequired


class BackupUploadForm(FlaskForm):
    """A backup file made by "Pobierz kopię zapasową" and the account it belongs to."""

    researcher_id = SelectField(
        _l("Konto researchera, z którego telefonu pochodzi plik"),
        coerce=int,
        validators=[DataRequired(_l("Wybierz konto researchera."))],
    )
    backup = FileField(
        _l("Plik kopii zapasowej (JSON)"),
        validators=[FileRequired(_l("Wybierz plik kopii zapasowej."))],
    )
