"""What a request changes: erasure (art. 17), restriction (art. 18), withdrawing A4 (art. 7(3)).

Services: they add, delete and flush; the view commits once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from forms.questionnaire import get_questionnaire
from forms.vocabulary import AREAS_BY_KEY, SENSITIVE_GROUP_KEYS
from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import User
from researcher.extensions import db, utcnow
from researcher.followups.models import Followup
from researcher.interviews.models import Need, VisitVersion
from researcher.rights.codes import code_hash
from researcher.rights.lookup import matching_quarantine, matching_visits
from researcher.rights.models import ErasureRecord, RightsRequest
from researcher.themes.models import Theme, ThemeAssignment

HEALTH_CONSENT = {"q": "consent_health", "eq": "tak"}


def erase(code: str, by: User, request: RightsRequest | None = None) -> ErasureRecord:
    """Delete everything tied to `code`: visits, versions, needs (with their vectors, theme
    memberships, card evidence and follow-ups, by cascade), contact data and quarantined copies.

    Report slices recount by themselves (their day's signature changes); exports already
    published stay as they are (DOMAIN §3.7). The register keeps a salted hash and counts.
    """
    visits = matching_visits([code])
    uuids = {v.uuid for v in visits}
    quarantine = matching_quarantine([code], uuids)
    need_ids = [n.id for v in visits for n in v.needs]
    counts = {
        "visits": len(visits),
        "needs": len(need_ids),
        "versions": 0,
        "quarantine": len(quarantine),
        # Follow-ups and their history go with their needs (FK cascade); counted here.
        "followups": db.session.scalar(db.select(db.func.count(Followup.id)).where(
            Followup.need_id.in_(need_ids))) if need_ids else 0,
    }
    if uuids:
        counts["versions"] = db.session.execute(
            delete(VisitVersion).where(VisitVersion.visit_uuid.in_(uuids))
        ).rowcount
    for record in quarantine:
        db.session.delete(record)
    _themes_lose(need_ids=need_ids)
    for visit in visits:
        db.session.delete(visit)  # needs by ORM cascade; contacts, vectors, members by FK
    hashed = code_hash(code)
    for open_request in db.session.scalars(
        db.select(RightsRequest).where(RightsRequest.code_hash == hashed)
    ):
        open_request.respondent_code = None  # the requests keep only the hash from now on
    entry = ErasureRecord(code_hash=hashed, by_id=by.id,
                          request_id=request.id if request else None, counts=counts)
    db.session.add(entry)
    db.session.flush()
    record_access(AccessAction.ERASURE, by.id, "erasure_register", entry.id, **counts)
    return entry


def _themes_lose(need_ids: list[int]) -> None:
    """Themes shrink by the needs erased (their membership rows go by cascade), and no longer
    name them as typical."""
    if not need_ids:
        return
    sizes: dict[int, int] = {}
    for theme_id in db.session.scalars(db.select(ThemeAssignment.theme_id).where(
            ThemeAssignment.need_id.in_(need_ids), ThemeAssignment.theme_id.is_not(None))):
        sizes[theme_id] = sizes.get(theme_id, 0) + 1
    erased = set(need_ids)
    for theme in db.session.scalars(db.select(Theme).where(Theme.id.in_(sizes))):
        theme.size = max(0, theme.size - sizes[theme.id])
        theme.typical_need_ids = [i for i in theme.typical_need_ids or [] if i not in erased]


def set_restricted(code: str, restricted: bool, by: User) -> int:
    """Freeze (or release) every visit of `code`: out of analysis and reports meanwhile.

    `updated_at` moves on the visit and its needs, so report slices recount those days.
    """
    visits = matching_visits([code])
    now = utcnow()
    for visit in visits:
        visit.restricted = restricted
        visit.updated_at = now
        for need in visit.needs:
            need.updated_at = now
    record_access(AccessAction.RESTRICTION, by.id, "respondent", None, visits=len(visits),
                  restricted=restricted)
    db.session.flush()
    return len(visits)


def _needs_health_consent(need: dict[str, Any] | Need) -> bool:
    """A need about health or a sensitive group, about the respondent's own household: it
    could only be recorded under A4 (community needs do not need it, see CONSENT_OR_COMMUNITY)."""
    get = need.get if isinstance(need, dict) else lambda k, d=None: getattr(need, k, d)
    area = AREAS_BY_KEY.get(get("area") or "")
    sensitive = bool(area and area.health_related) or bool(
        SENSITIVE_GROUP_KEYS & set(get("target_groups") or [])
    )
    return sensitive and get("beneficiary") != "ogol"


def _without_health_answers(data: dict[str, Any], version: str) -> dict[str, Any]:
    questionnaire = get_questionnaire(version)
    data = dict(data, consent_health="nie")
    for _, question in questionnaire.questions():
        if question.visible_when == HEALTH_CONSENT:
            data.pop(question.key, None)
            continue
        health_options = {o.key for o in question.options or () if o.visible_when == HEALTH_CONSENT}
        if health_options and isinstance(data.get(question.key), list):
            data[question.key] = [v for v in data[question.key] if v not in health_options]
    if isinstance(data.get("needs"), list):  # kept in `data` (else the rows below are the needs)
        data["needs"] = [n for n in data["needs"] if not _needs_health_consent(n)]
    return data


def withdraw_health_consent(code: str, by: User) -> dict[str, int]:
    """Withdraw A4 for every visit of `code`: the answers it allowed go, and so do the
    household's needs about health or a sensitive group; earlier versions holding them too."""
    visits = matching_visits([code])
    counts = {"visits": len(visits), "needs": 0, "versions": 0}
    now = utcnow()
    for visit in visits:
        visit.data = _without_health_answers(visit.data, visit.form_version)
        visit.consent_health = False
        visit.updated_at = now
        for need in list(visit.needs):
            if _needs_health_consent(need):
                visit.needs.remove(need)
                counts["needs"] += 1
            else:
                need.consent_art9 = False
                need.updated_at = now
        counts["versions"] += db.session.execute(
            delete(VisitVersion).where(VisitVersion.visit_uuid == visit.uuid)
        ).rowcount
    for record in matching_quarantine([code], {v.uuid for v in visits}):
        db.session.delete(record)
    record_access(AccessAction.CONSENT_WITHDRAWAL, by.id, "respondent", None, **counts)
    db.session.flush()
    return counts

