"""Contact data shown only after a reason is given: the reason form and the one view step.

A need's follow-up (a respondent's contact) and the resources register (a volunteer's contact)
reveal sealed data the same way. The service that decrypts also writes the access-log line, so
the view commits that line once, or rolls back and shows the service's refusal by the reason.
The page part is the macro in templates/macros/contact.html.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from researcher.extensions import db


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Powód odczytu danych kontaktowych"),
        validators=[DataRequired(_l("Podaj powód odczytu.")), Length(max=500)],
    )


def reveal_contact(
    form: ReasonForm,
    read: Callable[[str], dict[str, Any] | None],
    refusal: type[Exception],
) -> dict[str, Any] | None:
    """The contact `read(reason)` decrypts on a valid POST, its logged read committed.

    None before the form is sent, when `read` refuses with `refusal` (shown by the reason) and
    when nothing was stored (the read is still logged, and a warning says so).
    """
    if not form.validate_on_submit():
        return None
    try:
        shown = read(form.reason.data)
    except refusal as error:
        db.session.rollback()
        form.reason.errors.append(str(error))
        return None
    db.session.commit()
    if shown is None:
        flash(_("Brak zapisanych danych kontaktowych."), "warning")
    return shown
