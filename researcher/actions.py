"""One write behind a button: run the service, then commit once or roll back, and say which.

For POST routes without a form to show errors beside (a status button, merge, propose): the
service's refusal becomes an error flash, its success a success flash. Routes with a form put
the refusal beside the field instead and keep their own try/except.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import flash

from researcher.extensions import db

T = TypeVar("T")


def act(action: Callable[[], T], refusal: type[Exception], success: str) -> T | None:
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
