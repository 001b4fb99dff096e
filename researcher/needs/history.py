"""A need's "Historia zmian": the manager's review (need_changes) and the researcher's own
corrections of the interview (earlier revisions kept in visit_versions), newest first, every
field and value as its label – never as a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from analysis.pii import mask_pii
from forms.questionnaire import get_questionnaire
from researcher.extensions import db
from researcher.interviews.answers import visit_answers
from researcher.interviews.models import Need, Visit, VisitVersion
from researcher.labels import NEED_STATUS_LABELS, answer_label, area_label, group_label
from researcher.needs.models import NeedChange

#: The answers of a need record (module D) that a researcher's correction can change.
NEED_ANSWERS = (
    "description", "area", "service_type", "beneficiary", "target_groups", "urgency",
    "met_status", "met_by", "barriers", "preferred_forms", "frequency", "access_view",
)
REVIEW_FIELDS = {
    "area": _l("Obszar"),
    "target_groups": _l("Grupy docelowe"),
    "status": _l("Status"),
    "scope_flag": _l("Zakres"),
    "quote_approved": _l("Cytat zatwierdzony do raportu"),
}
SCOPE_LABELS = {
    None: _l("Usługa społeczna (w zakresie ustawy)"),
    "potrzeba_materialna": _l("Potrzeba materialna (poza definicją usługi społecznej)"),
    "poza_zakresem": _l("Poza zakresem 14 obszarów (np. drogi, transport)"),
}


@dataclass(frozen=True)
class HistoryEntry:
    """One changed field: when, by whom (a sentence), what, from what to what (labels)."""

    at: datetime
    who: str
    field: str
    old: str
    new: str


def _review_value(field: str, value: Any) -> str:
    if field == "area":
        return area_label(value) if value else "—"
    if field == "target_groups":
        return ", ".join(group_label(g) for g in value or []) or "—"
    if field == "status":
        return str(NEED_STATUS_LABELS.get(value, value))
    if field == "scope_flag":
        return str(SCOPE_LABELS.get(value or None, value))
    if field == "quote_approved":
        return _("Tak") if value else _("Nie")
    return "—" if value in (None, "", []) else str(value)


def _reviews(need: Need) -> list[HistoryEntry]:
    changes = db.session.scalars(db.select(NeedChange).where(NeedChange.need_id == need.id))
    return [
        HistoryEntry(
            c.changed_at, _("menedżer (użytkownik #%(id)s)", id=c.user_id),
            str(REVIEW_FIELDS.get(c.field, c.field)),
            _review_value(c.field, c.old_value), _review_value(c.field, c.new_value),
        )
        for c in changes
    ]


def _need_answers(data: dict[str, Any], position: int) -> dict[str, Any]:
    needs = data.get("needs") if isinstance(data, dict) else None
    if not isinstance(needs, list) or len(needs) < position:
        return {}
    entry = needs[position - 1]
    return entry if isinstance(entry, dict) else {}


def _shown(version: str, key: str, value: Any) -> str:
    if key == "description":
        return mask_pii(value or "") or "—"  # a manager never sees personal data unmasked
    return answer_label(key, value, version)


def _corrections(need: Need) -> list[HistoryEntry]:
    """Field by field, what each later revision of the interview changed in this need."""
    visit: Visit = need.visit
    kept = db.session.scalars(
        db.select(VisitVersion)
        .where(VisitVersion.visit_uuid == visit.uuid, VisitVersion.kind == "replaced")
        .order_by(VisitVersion.revision)
    ).all()
    copies = [(v.revision, v.form_version, v.data, v.stored_at) for v in kept]
    copies.append((visit.revision, visit.form_version, visit_answers(visit), None))
    questions = get_questionnaire(visit.form_version).questions_by_key
    out = []
    for (revision, version, data, replaced_at), (later, _v, later_data, _r) in zip(
        copies, copies[1:], strict=False
    ):
        before, after = _need_answers(data, need.position), _need_answers(later_data, need.position)
        for key in NEED_ANSWERS:
            if before.get(key) == after.get(key):
                continue
            label = questions[key].label if key in questions else key
            out.append(HistoryEntry(
                replaced_at, _("researcher, wersja %(old)s → %(new)s", old=revision, new=later),
                f"{questions[key].code} {_(label)}" if key in questions else key,
                _shown(version, key, before.get(key)), _shown(version, key, after.get(key)),
            ))
    return out


def need_history(need: Need) -> list[HistoryEntry]:
    """Every change of `need`, newest first."""
    entries = _reviews(need) + _corrections(need)
    return sorted(entries, key=lambda e: e.at, reverse=True)
