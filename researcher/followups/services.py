"""The follow-up queue, status changes and the one way to read a resident's contact data.

Contact data are decrypted only here: for a holder of "kontakt z mieszkańcami", one record at
a time, after a stated reason, and every read leaves an entry in the access log. A researcher
sees only the follow-ups assigned to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import case, func

from analysis.pii import pii_kinds
from forms.messages import MESSAGES
from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import ADMIN, MANAGER, User
from researcher.auth.permissions import Permission
from researcher.extensions import db, utcnow
from researcher.followups.models import CLOSED, TRANSITIONS, Followup, FollowupEvent, FollowupStatus
from researcher.interviews.contacts import decrypt_contact
from researcher.interviews.models import Contact, Need, Visit
from researcher.resources.models import Referral, ReferralStatus
from researcher.service_errors import ServiceError

URGENCY_ORDER = ("pilna", "3m", "12m", "dlugofalowa")
MIN_REASON = 10
QUEUE_LIMIT = 200


class FollowupError(ServiceError):
    """A follow-up rule was broken; `field` names the form field it belongs to."""


@dataclass
class QueueQuery:
    campaign_id: int | None = None
    locality_id: int | None = None
    area: str | None = None
    target_group: str | None = None
    status: str | None = None


@dataclass
class QueueRow:
    need: Need
    followup: Followup | None

    @property
    def status(self) -> str:
        return self.followup.status if self.followup else FollowupStatus.TO_CONTACT

    @property
    def safeguarding(self) -> bool:
        return safeguarding_applies(self.need)


def is_manager(user: User) -> bool:
    return user.role in (MANAGER, ADMIN)


def safeguarding_applies(need: Need) -> bool:
    """DOMAIN §3.9: an urgent need may go to OPS/CUS only with the person's consent."""
    return need.urgency == "pilna"


def _urgency_rank():
    return case({u: i for i, u in enumerate(URGENCY_ORDER)}, value=Need.urgency, else_=9)


def queue(query: QueueQuery, viewer: User) -> list[QueueRow]:
    """Needs whose respondent asked to be contacted: most urgent first, then the oldest."""
    status = func.coalesce(Followup.status, FollowupStatus.TO_CONTACT.value)
    stmt = (
        db.select(Need, Followup)
        .join(Visit, Visit.id == Need.visit_id)
        .outerjoin(Followup, Followup.need_id == Need.id)
        .where(Visit.contact_requested.is_(True))
    )
    if not is_manager(viewer):
        stmt = stmt.where(Followup.assigned_to_id == viewer.id)
    if query.campaign_id:
        stmt = stmt.where(Need.campaign_id == query.campaign_id)
    if query.locality_id:
        stmt = stmt.where(Need.locality_id == query.locality_id)
    if query.area:
        stmt = stmt.where(func.coalesce(Need.reviewed_area, Need.area) == query.area)
    if query.status:
        stmt = stmt.where(status == query.status)
    stmt = stmt.order_by(_urgency_rank(), Need.recorded_at, Need.id)
    rows = [QueueRow(need, followup) for need, followup in db.session.execute(stmt)]
    if query.target_group:  # a JSON list: filtered here, the same on SQLite and PostgreSQL
        rows = [r for r in rows if query.target_group in _groups(r.need)]
    return rows[:QUEUE_LIMIT]


def _groups(need: Need) -> list[str]:
    if need.reviewed_target_groups is not None:
        return need.reviewed_target_groups
    return need.target_groups


def urgent_open_count() -> int:
    """Urgent needs with contact consent whose follow-up is not closed (the start-page flag)."""
    stmt = (
        db.select(func.count())
        .select_from(Need)
        .join(Visit, Visit.id == Need.visit_id)
        .outerjoin(Followup, Followup.need_id == Need.id)
        .where(Visit.contact_requested.is_(True), Need.urgency == "pilna")
        .where(func.coalesce(Followup.status, "do_kontaktu").not_in([s.value for s in CLOSED]))
    )
    return db.session.scalar(stmt) or 0


def need_in_queue(need_id: int) -> Need | None:
    """The need, if its respondent asked to be contacted; otherwise it has no follow-up."""
    need = db.session.get(Need, need_id)
    if need is None or not need.visit.contact_requested:
        return None
    return need


def followup_of(need: Need) -> Followup | None:
    return db.session.scalar(db.select(Followup).where(Followup.need_id == need.id))


def may_see(user: User, need: Need) -> bool:
    """Managers see the whole queue; a researcher only the follow-ups assigned to them."""
    if is_manager(user):
        return True
    followup = followup_of(need)
    return followup is not None and followup.assigned_to_id == user.id


def may_read_contact(user: User, need: Need) -> bool:
    """Only named holders of "kontakt z mieszkańcami", and a researcher only for their own."""
    return user.has_permission(Permission.CONTACTS) and may_see(user, need)


def open_followup(need: Need, by: User) -> Followup:
    """The need's follow-up, created in "do kontaktu" the first time someone acts on it."""
    followup = followup_of(need)
    if followup is None:
        followup = Followup(need=need, status=FollowupStatus.TO_CONTACT)
        followup.events.append(
            FollowupEvent(user_id=by.id, from_status=None, to_status=FollowupStatus.TO_CONTACT)
        )
        db.session.add(followup)
        db.session.flush()
    return followup


def note_warnings(note: str) -> list[str]:
    """The field app's personal-data warnings, for a follow-up note."""
    return [_(MESSAGES[f"pii_{kind}"]) for kind in pii_kinds(note)]


def change_status(
    followup: Followup, by: User, to: str, note: str = "", pii_confirmed: bool = False
) -> FollowupEvent:
    """Move a follow-up along the allowed path; closing it stores `closed_at`."""
    try:
        target = FollowupStatus(to)
    except ValueError:
        raise FollowupError(_("Nieznany status."), "status") from None
    current = FollowupStatus(followup.status)
    if target not in TRANSITIONS[current]:
        raise FollowupError(
            _("Ze statusu „%(old)s” nie można przejść do „%(new)s”.", old=current, new=target),
            "status",
        )
    if target == FollowupStatus.REFERRED and not _has_referral(followup.need_id):
        raise FollowupError(
            _("Najpierw zaproponuj skierowanie do zasobu (Zasoby i skierowania)."), "status"
        )
    note = note.strip()
    if len(note) > 500:
        raise FollowupError(_("Notatka może mieć najwyżej 500 znaków."), "note")
    warnings = note_warnings(note)
    if warnings and not pii_confirmed:
        raise FollowupError(" ".join(warnings), "note")
    event = FollowupEvent(user_id=by.id, from_status=current, to_status=target, note=note)
    followup.events.append(event)
    followup.status = target
    followup.closed_at = utcnow() if target in CLOSED else None
    db.session.flush()
    return event


def _has_referral(need_id: int) -> bool:
    stmt = db.select(Referral.id).where(
        Referral.need_id == need_id, Referral.status != ReferralStatus.DECLINED
    )
    return db.session.scalar(stmt.limit(1)) is not None


def assign(followup: Followup, by: User, assignee: User | None) -> None:
    """Give the follow-up to a researcher (who often knows the household), or take it back."""
    followup.assigned_to_id = assignee.id if assignee else None
    db.session.flush()


def read_contact(need: Need, user: User, reason: str) -> dict[str, Any] | None:
    """Decrypt the contact data of the need's respondent and log the read with its reason.

    Raises FollowupError without reading anything when the user may not or gave no reason.
    """
    if not may_read_contact(user, need):
        raise FollowupError(_("Brak uprawnienia „Kontakt z mieszkańcami” do tej sprawy."))
    reason = reason.strip()
    if len(reason) < MIN_REASON:
        raise FollowupError(
            _("Podaj powód odczytu (co najmniej %(n)s znaków).", n=MIN_REASON), "reason"
        )
    contact = db.session.scalar(db.select(Contact).where(Contact.visit_id == need.visit_id))
    record_access(
        AccessAction.CONTACT_READ, user.id, "need", need.id,
        reason=reason[:500], visit_id=need.visit_id, found=contact is not None,
    )
    db.session.flush()
    return decrypt_contact(contact.token) if contact else None


def history(followup: Followup) -> list[FollowupEvent]:
    """The follow-up's changes, newest first."""
    stmt = (
        db.select(FollowupEvent)
        .where(FollowupEvent.followup_id == followup.id)
        .order_by(FollowupEvent.at.desc(), FollowupEvent.id.desc())
    )
    return list(db.session.scalars(stmt))
