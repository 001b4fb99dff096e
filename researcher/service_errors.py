"""The refusal a service raises when one of its rules is broken.

The message is for the user; `field` names the form field (or import column) it belongs to, so
a view can show it beside that field and fall back to a field of its own choosing when None.
Each feature subclasses it (ReviewError, CardError, …) so a view catches only its own.
"""

from __future__ import annotations


class ServiceError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
