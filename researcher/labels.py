"""Display labels for the app's own codes (roles, statuses, kinds), translated lazily."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from analysis.pii import mask_pii
from forms.vocabulary import AREAS_BY_KEY, TARGET_GROUPS_BY_KEY
from researcher.auth.models import ADMIN, MANAGER, RESEARCHER
from researcher.campaigns.models import CAMPAIGN_STATUS_LABELS
from researcher.interviews.models import NEED_STATUS_LABELS

ROLE_LABELS = {
    RESEARCHER: _l("Researcher OP"),
    MANAGER: _l("Menedżer US"),
    ADMIN: _l("Administrator"),
}
LOCALITY_KIND_LABELS = {
    "miejscowosc": _l("Miejscowość"),
    "solectwo": _l("Sołectwo"),
    "osiedle": _l("Osiedle"),
}

#: Kryterium dostępu of a service-card row (DOMAIN: Karta usług i kryteriów dostępu).
CRITERION_LABELS = {
    "powszechnosc": _l("Powszechność"),
    "selekcyjne": _l("Selekcyjne"),
    "selekcyjne_gotowosc": _l("Selekcyjne z gotowością do zmiany na powszechność"),
}
PROVIDER_LABELS = {
    "cus_ops": _l("CUS / OPS"),
    "gmina_inna": _l("Inna jednostka gminy"),
    "ngo_pes": _l("Organizacja pozarządowa / PES"),
    "powiat": _l("Powiat"),
    "inny": _l("Inny"),
}
URGENCY_LABELS = {
    "pilna": _l("Pilna"),
    "3m": _l("W ciągu 3 miesięcy"),
    "12m": _l("W ciągu roku"),
    "dlugofalowa": _l("Na przyszłość"),
}


def _label(mapping: dict):
    return lambda code: mapping.get(code, code)


def area_label(key: str) -> str:
    area = AREAS_BY_KEY.get(key)
    return _(area.label) if area else key


def group_label(key: str) -> str:
    group = TARGET_GROUPS_BY_KEY.get(key)
    return _(group.label) if group else key


def init_labels(app: Flask) -> None:
    # Free text written by researchers is shown to managers only with personal data masked.
    app.jinja_env.filters["mask_pii"] = mask_pii
    app.jinja_env.globals.update(
        get_locale=get_locale,
        role_label=_label(ROLE_LABELS),
        status_label=_label(CAMPAIGN_STATUS_LABELS),
        locality_kind_label=_label(LOCALITY_KIND_LABELS),
        criterion_label=_label(CRITERION_LABELS),
        provider_label=_label(PROVIDER_LABELS),
        need_status_label=_label(NEED_STATUS_LABELS),
        urgency_label=_label(URGENCY_LABELS),
        area_label=area_label,
        group_label=group_label,
    )
