"""Rectification (art. 16): a free-text answer of a visit corrected at the resident's request.

The correction is a new revision of the visit: the earlier one goes to `visit_versions` (the
history is kept), a `Rectification` row says which answer, who, when and from which request,
and the access log records it. The new text is masked at ingestion like any synced answer
(forms/masking.py), so a correction never brings a PESEL or a phone number in.
Services: they add, change and flush; the view commits once.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from forms.masking import mask_data
from forms.questionnaire import get_questionnaire
from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import User
from researcher.extensions import db, utcnow
from researcher.interviews.answers import stored_data, visit_answers
from researcher.interviews.apply import content_hash
from researcher.interviews.models import Need, Visit, VisitVersion
from researcher.rights.models import Rectification, RequestKind, RequestStatus, RightsRequest

#: Need columns a free-text answer of a need is copied to (apply.need_columns).
NEED_COLUMNS = ("description", "service_type", "target_groups_other")


class RectifyError(Exception):
    """The correction cannot be made; the message is for the user."""


@dataclass(frozen=True)
class Answer:
    """One free-text answer that can be corrected: `path` into `visit.data`."""

    path: str
    code: str
    label: str
    value: str
    max_length: int | None
    required: bool = False


def editable_answers(visit: Visit) -> list[Answer]:
    """The visit's free-text answers (never the contact form: it is not part of the answers)."""
    questionnaire = get_questionnaire(visit.form_version)
    data = visit_answers(visit)
    found = [
        Answer(q.key, q.code, _(q.label), data.get(q.key) or "", q.max_length, bool(q.required))
        for _module, q in questionnaire.questions()
        if q.qtype.free_text and isinstance(data.get(q.key, ""), str)
    ]
    for _module, group in questionnaire.groups():
        if not group.repeat or not group.pii_check:
            continue
        for index, entry in enumerate(data.get(group.key) or []):
            if not isinstance(entry, dict):
                continue
            for q in group.questions:
                if q.qtype.free_text and isinstance(entry.get(q.key, ""), str):
                    found.append(Answer(f"{group.key}.{index}.{q.key}", f"{q.code} ({index + 1})",
                                        _(q.label), entry.get(q.key) or "", q.max_length,
                                        bool(q.required)))
    return found


def _set(data: dict[str, Any], path: str, value: str) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    parts = path.split(".")
    holder: Any = changed
    for part in parts[:-1]:
        holder = holder[int(part)] if isinstance(holder, list) else holder[part]
    holder[parts[-1]] = value
    return changed


def _need_at(visit: Visit, index: int) -> Need | None:
    """The row of the `index`-th need of the visit's answer: its rows in order when they are
    the list (a need withdrawn under A4 leaves a gap in positions), else position index + 1."""
    if "needs" not in visit.data:
        rows = list(visit.needs)
        return rows[index] if index < len(rows) else None
    return next((n for n in visit.needs if n.position == index + 1), None)


def rectify(made: RightsRequest, visit: Visit, path: str, value: str, by: User
            ) -> list[str]:
    """Store `value` as the answer at `path`, as a new revision of `visit`; returns the kinds
    of personal data masked in it (to warn the person who typed it)."""
    if made.kind != RequestKind.RECTIFICATION or made.status != RequestStatus.OPEN:
        raise RectifyError(_("Sprostowanie zapisuje się tylko w otwartym wniosku o sprostowanie."))
    if not made.respondent_code or visit.respondent_code != made.respondent_code:
        raise RectifyError(_("Ta wizyta nie należy do kodu z wniosku."))
    answers = {a.path: a for a in editable_answers(visit)}
    if path not in answers:
        raise RectifyError(_("Tej odpowiedzi nie można sprostować."))
    value = value.strip()
    if not value and answers[path].required:
        raise RectifyError(_("Ta odpowiedź jest wymagana: wpisz poprawioną treść."))
    limit = answers[path].max_length
    if limit and len(value) > limit:
        raise RectifyError(_("Tekst jest za długi (najwyżej %(n)s znaków).", n=limit))
    whole = visit_answers(visit)  # the needs too: a need's text is rectified like the rest
    masked, found = mask_data(_set(whole, path, value), visit.form_version)
    if masked == whole:
        raise RectifyError(_("Nowa treść jest taka sama jak zapisana."))
    db.session.add(VisitVersion(
        visit_uuid=visit.uuid, revision=visit.revision, kind="replaced",
        form_version=visit.form_version, content_hash=visit.content_hash,
        recorded_at=visit.recorded_at, data=whole, researcher_id=visit.researcher_id,
    ))
    now = utcnow()
    before = visit.revision
    visit.revision = before + 1
    visit.content_hash = content_hash({"form_version": visit.form_version,
                                       "recorded_at": visit.recorded_at.isoformat(),
                                       "data": masked})
    visit.updated_at = now
    parts = path.split(".")
    if len(parts) == 3 and parts[2] in NEED_COLUMNS:
        need = _need_at(visit, int(parts[1]))
        if need is not None:
            setattr(need, parts[2], masked[parts[0]][int(parts[1])][parts[2]] or
                    ("" if parts[2] == "description" else None))
            need.updated_at = now
    # The needs leave `data` only if their rows, as changed above, give them back.
    visit.data = stored_data(masked, visit.needs)
    entry = Rectification(visit_id=visit.id, request_id=made.id, by_id=by.id, at=now,
                          path=path, from_revision=before, to_revision=before + 1)
    db.session.add(entry)
    db.session.flush()
    record_access(AccessAction.RECTIFICATION, by.id, "visit", visit.id, request_id=made.id,
                  path=path, revision=before + 1)
    return sorted({kind for kinds in found.values() for kind in kinds})
