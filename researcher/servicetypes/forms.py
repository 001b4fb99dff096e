"""The review form: its CSRF token and the two buttons; the group fields are read by name
(one `nazwa-N` per group, one `grupa-KEY` per wording), as many as the page showed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class ReviewForm(FlaskForm):
    save = SubmitField(_l("Zapisz zmiany (bez zatwierdzania)"))
    approve = SubmitField(_l("Zapisz i zatwierdź grupy"))


NAME_FIELD = "nazwa-"
MOVE_FIELD = "grupa-"
