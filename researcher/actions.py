"""The one commit of a page's write, and where the service's refusal is shown.

`act`: a write behind a button (a status button, merge, propose), with no form to show an error
beside: success and refusal become flashes. `saving`: a form's write, the refusal put beside the
field it names so the form is shown again. Both commit once on success and roll back on the
refusal, so a view never commits half of a write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from flask import flash
from flask_wtf import FlaskForm
from wtforms import Field

from researcher.extensions import db

T = TypeVar("T")
Refusal = type[Exception] | tuple[type[Exception], ...]


def act(action: Callable[[], T], refusal: Refusal, success: str) -> T | None:
    """What `action()` returns, committed and `success` flashed; None when it raised `refusal`."""
    try:
        result = action()
    except refusal as error:
        db.session.rollback()
        flash(str(error), "error")
        return None
    db.session.commit()
    flash(success, "success")
    return result


class Saved:
    """Truthy once the writes of a `saving` block are committed."""

    def __init__(self) -> None:
        self.committed = False

    def __bool__(self) -> bool:
        return self.committed


@contextmanager
def saving(
    form: FlaskForm, refusal: Refusal, beside: str | Callable[[str | None], Field]
) -> Iterator[Saved]:
    """Commit the block's writes; or, when it raises `refusal`, roll back and show the message
    beside the field the error names (`error.field`), else beside the field named `beside`;
    `beside` may instead map the error's field to the form field (nested or renamed fields)."""
    saved = Saved()
    try:
        yield saved
    except refusal as error:
        db.session.rollback()
        named = getattr(error, "field", None)
        field = beside(named) if callable(beside) else getattr(form, named or beside)
        field.errors.append(str(error))
        return
    db.session.commit()
    saved.committed = True
