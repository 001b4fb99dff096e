"""Display labels for the app's own codes (roles, statuses, kinds), translated lazily."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_decimal, format_percent, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from analysis.pii import mask_pii
from forms.questionnaire import CURRENT_VERSION, get_questionnaire
from forms.vocabulary import AREAS_BY_KEY, TARGET_GROUPS_BY_KEY
from researcher.auth.models import ADMIN, MANAGER, RESEARCHER
from researcher.campaigns.models import CAMPAIGN_STATUS_LABELS
from researcher.interviews.models import CHANNEL_LABELS, NEED_STATUS_LABELS
from researcher.meetings.models import MEETING_KIND_LABELS
from researcher.steering.models import REVIEW_STATUS_LABELS

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


def answer_label(key: str, value: object, version: str = CURRENT_VERSION) -> str:
    """An answer to question `key` as the questionnaire words it: option labels (a list
    joined by commas), "Tak"/"Nie" for yes/no, text as it is, "—" when unanswered. An option
    the questionnaire does not know (the schema rejects those) shows as "? (code)"."""
    if value is None or value == "" or value == []:
        return "—"
    question = get_questionnaire(version).questions_by_key.get(key)
    if isinstance(value, bool):
        return _("Tak") if value else _("Nie")
    if question is None or not question.options:
        return str(value)
    labels = {o.key: o.label for o in question.options}
    values = value if isinstance(value, list) else [value]
    return ", ".join(_(labels[v]) if v in labels else f"? ({v})" for v in values)


def decimal(value: float | int | None, digits: int = 1) -> str:
    """A number in the reader's language ("55,2" in Polish), `digits` after the separator."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0")


def percent(value: float | None, digits: int = 0) -> str:
    """A share as a percentage in the reader's language ("55 %" in Polish); "–" for None."""
    if value is None:
        return "–"
    return format_percent(value, format="#,##0" + ("." + "0" * digits if digits else "") + "%")


def _overflow_safe(babel_filter):
    def show(value, *args, **kwargs):
        try:
            return babel_filter(value, *args, **kwargs)
        except OverflowError:
            return value.strftime("%Y-%m-%d %H:%M UTC") if hasattr(value, "hour") else str(value)

    return show


def init_labels(app: Flask) -> None:
    # Free text written by researchers is shown to managers only with personal data masked.
    app.jinja_env.filters["mask_pii"] = mask_pii
    # Numbers go through Babel like dates (Flask-Babel's datetimeformat/dateformat filters,
    # which show Polish local time): never "%.1f" in a template.
    app.jinja_env.filters["decimal"] = decimal
    app.jinja_env.filters["percent"] = percent
    # A stored time no rule would accept today (year 9999) must not break a page: Babel's
    # conversion to Polish time overflows at the end of year 9999, so those show in UTC.
    for name in ("datetimeformat", "dateformat"):
        app.jinja_env.filters[name] = _overflow_safe(app.jinja_env.filters[name])
    app.jinja_env.globals.update(
        get_locale=get_locale,
        role_label=_label(ROLE_LABELS),
        status_label=_label(CAMPAIGN_STATUS_LABELS),
        review_status_label=_label(REVIEW_STATUS_LABELS),
        locality_kind_label=_label(LOCALITY_KIND_LABELS),
        criterion_label=_label(CRITERION_LABELS),
        provider_label=_label(PROVIDER_LABELS),
        need_status_label=_label(NEED_STATUS_LABELS),
        urgency_label=_label(URGENCY_LABELS),
        area_label=area_label,
        answer_label=answer_label,
        group_label=group_label,
        channel_label=_label(CHANNEL_LABELS),
        meeting_kind_label=_label(MEETING_KIND_LABELS),
    )
