"""Residents' requests: recorded with their date and the one-month deadline (art. 12(3))."""

from __future__ import annotations

import calendar
from datetime import date

from flask_babel import gettext as _

from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import User
from researcher.extensions import db, utcnow
from researcher.rights.codes import candidates, code_hash
from researcher.rights.lookup import matching_visits
from researcher.rights.models import RequestKind, RequestStatus, RightsRequest


class RequestError(Exception):
    """The request cannot be recorded or closed; the message is for the user."""


def one_month_after(day: date) -> date:
    """The same day a month later, or the month's last day (31 January → 28/29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def open_request(kind: str, code_text: str, received_on: date, note: str, by: User
                 ) -> RightsRequest:
    """Record a request for the code the resident gave (normalised when it is unambiguous)."""
    try:
        kind = RequestKind(kind)
    except ValueError as error:
        raise RequestError(_("Nieznany rodzaj wniosku.")) from error
    codes = candidates(code_text)
    if not codes:
        raise RequestError(_("To nie jest kod respondenta (6 znaków z ulotki)."))
    stored = {v.respondent_code for v in matching_visits(codes)}
    if len(stored) > 1:
        raise RequestError(_("Kod jest niejednoznaczny (%(codes)s): poproś mieszkańca o "
                             "sprawdzenie ulotki.", codes=", ".join(sorted(stored))))
    code = stored.pop() if stored else codes[0]
    request = RightsRequest(
        kind=kind, status=RequestStatus.OPEN, respondent_code=code, code_hash=code_hash(code),
        received_on=received_on, due_on=one_month_after(received_on), note=note.strip()[:500],
        created_by_id=by.id,
    )
    db.session.add(request)
    db.session.flush()
    record_access(AccessAction.RIGHTS_REQUEST, by.id, "rights_request", request.id,
                  kind=str(kind), change="opened")
    return request


def close_request(request: RightsRequest, status: str, by: User) -> None:
    """Mark a request done or refused (a refusal must be explained to the resident)."""
    if status not in (RequestStatus.DONE, RequestStatus.REFUSED):
        raise RequestError(_("Nieznany stan wniosku."))
    request.status = status
    request.closed_at = utcnow()
    request.closed_by_id = by.id
    record_access(AccessAction.RIGHTS_REQUEST, by.id, "rights_request", request.id,
                  kind=request.kind, change=status)


def open_requests() -> list[RightsRequest]:
    """Requests still open, the most urgent deadline first."""
    return list(db.session.scalars(
        db.select(RightsRequest).where(RightsRequest.status == RequestStatus.OPEN)
        .order_by(RightsRequest.due_on, RightsRequest.id)
    ))
