"""Display labels for the app's own codes (roles, statuses, kinds), translated lazily."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from researcher.auth.models import ADMIN, MANAGER, RESEARCHER

ROLE_LABELS = {
    RESEARCHER: _l("Researcher OP"),
    MANAGER: _l("Menedżer US"),
    ADMIN: _l("Administrator"),
}
STATUS_LABELS = {
    "planowana": _l("Planowana"),
    "aktywna": _l("Aktywna"),
    "zakonczona": _l("Zakończona"),
}
LOCALITY_KIND_LABELS = {
    "miejscowosc": _l("Miejscowość"),
    "solectwo": _l("Sołectwo"),
    "osiedle": _l("Osiedle"),
}


def _label(mapping: dict):
    return lambda code: mapping.get(code, code)


def init_labels(app: Flask) -> None:
    app.jinja_env.globals.update(
        get_locale=get_locale,
        role_label=_label(ROLE_LABELS),
        status_label=_label(STATUS_LABELS),
        locality_kind_label=_label(LOCALITY_KIND_LABELS),
    )
