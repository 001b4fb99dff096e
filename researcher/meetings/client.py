"""What the phone's meeting form needs, handed over in the field page's bootstrap JSON."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from forms.vocabulary import AREAS, TARGET_GROUPS
from researcher.labels import URGENCY_LABELS
from researcher.meetings.models import AGE_BANDS, MEETING_KIND_LABELS


def meeting_bootstrap() -> dict[str, Any]:
    """Choices and texts of static/js/field/meeting.js, in the current language."""
    return {
        "kinds": {str(k): str(v) for k, v in MEETING_KIND_LABELS.items()},
        "age_bands": {k: str(v) for k, v in AGE_BANDS.items()},
        "areas": {a.key: _(a.label) for a in AREAS},
        "target_groups": {g.key: _(g.label) for g in TARGET_GROUPS},
        "urgency": {k: str(v) for k, v in URGENCY_LABELS.items()},
        "strings": {
            "new": _("Nowe spotkanie z mieszkańcami"),
            "title": _("Spotkanie z mieszkańcami"),
            "intro": _("Uczestnicy spotkania nie są respondentami: zapisz, ile osób było "
                       "(szacunkowo według wieku) i jakie potrzeby zgłosili."),
            "held_on": _("Data spotkania"),
            "kind": _("Rodzaj spotkania"),
            "organiser": _("Organizator (instytucja lub grupa)"),
            "participants": _("Uczestnicy według wieku (szacunkowo)"),
            "needs": _("Potrzeby zgłoszone na spotkaniu"),
            "need": _("Potrzeba {n}"),
            "description": _("Opis potrzeby"),
            "area": _("Obszar"),
            "target_groups": _("Grupy docelowe"),
            "urgency": _("Pilność"),
            "voiced_by": _("Ile osób ją zgłosiło"),
            "add_need": _("Dodaj potrzebę"),
            "remove_need": _("Usuń tę potrzebę"),
            "save": _("Zapisz spotkanie"),
            "close": _("Zamknij bez zapisywania"),
            "saved": _("Zapisano spotkanie w telefonie."),
            "item": _("Spotkanie"),
            "needs_count": _("potrzeby: {n}"),
            "participants_count": _("uczestnicy: {n}"),
            "error_organiser": _("Podaj organizatora."),
            "error_participants": _("Podaj liczbę uczestników."),
            "error_description": _("Opisz potrzebę."),
            "error_groups": _("Wybierz co najmniej jedną grupę docelową."),
            "error_voiced_by": _("Od 1 do liczby uczestników ({n})."),
        },
    }
