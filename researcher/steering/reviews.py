"""Review back to the researcher: the manager marks a visit "do wyjaśnienia" with a comment,
the researcher corrects it on the phone (a new revision, the usual correction flow), the
manager closes the thread. `visit_history` lays the revisions and the threads on one line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from researcher.auth.models import User
from researcher.extensions import db, utcnow
from researcher.interviews.models import Visit, VisitVersion
from researcher.service_errors import ServiceError
from researcher.steering.models import ReviewStatus, VisitReview

MAX_COMMENT = 2000


class ReviewError(ServiceError):
    """The review cannot be changed so; the message is for the user."""


def _comment(text: str | None, required: bool) -> str | None:
    text = (text or "").strip()
    if required and not text:
        raise ReviewError(_("Napisz, co trzeba wyjaśnić."))
    if len(text) > MAX_COMMENT:
        raise ReviewError(_("Komentarz może mieć najwyżej %(n)d znaków.", n=MAX_COMMENT))
    return text or None


def open_review(visit: Visit, comment: str, by: User) -> VisitReview:
    """Mark `visit` "do wyjaśnienia" (one open thread a visit at a time). Flushes."""
    if open_review_of(visit) is not None:
        raise ReviewError(_("Ta wizyta ma już otwarte pytanie. Zamknij je przed kolejnym."))
    review = VisitReview(visit_id=visit.id, comment=_comment(comment, True),
                         revision=visit.revision, opened_by_id=by.id)
    db.session.add(review)
    db.session.flush()
    return review


def close_review(review: VisitReview, comment: str | None, by: User) -> None:
    """Close the thread, with an optional last word. Flushes."""
    if review.status == ReviewStatus.CLOSED:
        raise ReviewError(_("To pytanie jest już zamknięte."))
    review.closing_comment = _comment(comment, False)
    review.status = ReviewStatus.CLOSED
    review.closed_by_id = by.id
    review.closed_at = utcnow()
    db.session.flush()


def open_review_of(visit: Visit) -> VisitReview | None:
    return db.session.scalar(
        db.select(VisitReview).where(VisitReview.visit_id == visit.id,
                                     VisitReview.status == ReviewStatus.OPEN)
    )


def reviews_of(visit: Visit) -> list[VisitReview]:
    return list(db.session.scalars(
        db.select(VisitReview).where(VisitReview.visit_id == visit.id).order_by(VisitReview.id)
    ))


def open_reviews_for(user: User) -> list[tuple[VisitReview, Visit]]:
    """The open threads on `user`'s visits, oldest first (their "Moje wizyty")."""
    rows = db.session.execute(
        db.select(VisitReview, Visit).join(Visit, Visit.id == VisitReview.visit_id)
        .where(Visit.researcher_id == user.id, VisitReview.status == ReviewStatus.OPEN)
        .order_by(VisitReview.opened_at)
    )
    return [(review, visit) for review, visit in rows]


def open_visit_ids(visit_ids: list[int]) -> set[int]:
    """Which of these visits have an open thread (one statement)."""
    if not visit_ids:
        return set()
    return set(db.session.scalars(
        db.select(VisitReview.visit_id).where(VisitReview.visit_id.in_(visit_ids),
                                              VisitReview.status == ReviewStatus.OPEN)
    ))


@dataclass
class HistoryEvent:
    at: datetime
    kind: str  # "revision" | "opened" | "closed": the template words them
    revision: int | None = None
    review: VisitReview | None = None


def visit_history(visit: Visit, reviews: list[VisitReview]) -> list[HistoryEvent]:
    """Revisions as received (an older one's time is when the next replaced it) and the
    review threads opened and closed, oldest first."""
    versions = db.session.scalars(
        db.select(VisitVersion).where(VisitVersion.visit_uuid == visit.uuid,
                                      VisitVersion.kind == "replaced")
        .order_by(VisitVersion.revision)
    ).all()
    events = [HistoryEvent(visit.received_at, "revision", versions[0].revision
                           if versions else visit.revision)]
    for index, version in enumerate(versions):
        following = versions[index + 1].revision if index + 1 < len(versions) else visit.revision
        events.append(HistoryEvent(version.stored_at, "revision", following))
    for review in reviews:
        events.append(HistoryEvent(review.opened_at, "opened", review.revision, review))
        if review.closed_at:
            events.append(HistoryEvent(review.closed_at, "closed", None, review))
    return sorted(events, key=lambda e: e.at)
