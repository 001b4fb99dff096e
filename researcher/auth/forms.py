"""Login and password forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("Adres e-mail"), validators=[DataRequired(_l("Podaj adres e-mail."))])
    password = PasswordField(_l("Hasło"), validators=[DataRequired(_l("Podaj hasło."))])


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Obecne hasło"), validators=[DataRequired(_l("Podaj obecne hasło."))]
    )
    new = PasswordField(
        _l("Nowe hasło"),
        validators=[
            DataRequired(_l("Podaj nowe hasło.")),
            Length(min=10, message=_l("Hasło musi mieć co najmniej %(min)d znaków.")),
        ],
    )
    confirm = PasswordField(
        _l("Powtórz nowe hasło"),
        validators=[EqualTo("new", message=_l("Hasła nie są takie same."))],
    )
