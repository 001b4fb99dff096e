"""The service types (D3) of a campaign: counted, grouped, reviewed by the manager.

`groups_of` gives what the review page and the diagnosis show; `save_review` stores the
manager's names and moves (flushes; the view commits).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from researcher.auth.models import User
from researcher.extensions import db, utcnow
from researcher.interviews.models import Need, NeedStatus
from researcher.servicetypes.grouping import OTHER, Group, automatic, reviewed
from researcher.servicetypes.models import ServiceTypeReview

OTHER_CHOICE = "inne"  # the form's value for "move to inne"
SELECT_LIMIT = 40  # with more groups, a wording's group is typed (its number), not picked
NAME_LENGTH = 120


class ReviewError(Exception):
    """A review that cannot be saved (an empty or too long name, an unknown group)."""


@dataclass(frozen=True)
class Grouped:
    """A campaign's service-type groups, and how far the manager reviewed them."""

    groups: list[Group]
    review: ServiceTypeReview | None
    approved: bool  # the groups shown are the approved review's
    new: int  # wordings entered after the approved review (placed automatically)

    @property
    def approved_on(self) -> datetime | None:
        return self.review.approved_at if self.approved and self.review else None


def wording_counts(campaign_id: int, channel: str | None = None) -> dict[str, int]:
    """Each D3 wording of the campaign with its number of needs (rejected needs left out)."""
    where = [Need.campaign_id == campaign_id, Need.status != NeedStatus.REJECTED,
             Need.service_type.is_not(None)]  # fmt: skip
    if channel is not None:
        where.append(Need.channel == channel)
    rows = db.session.execute(
        select(Need.service_type, func.count()).where(*where).group_by(Need.service_type)
    )
    return {wording: n for wording, n in rows}


def review_of(campaign_id: int) -> ServiceTypeReview | None:
    return db.session.scalar(
        select(ServiceTypeReview).where(ServiceTypeReview.campaign_id == campaign_id)
    )


def groups_of(campaign_id: int, channel: str | None = None, *, draft: bool = False) -> Grouped:
    """The groups the diagnosis uses: the approved review, else the automatic ones.

    With `draft`, a saved but not approved review is used too (the review page shows it)."""
    counts = wording_counts(campaign_id, channel)
    review = review_of(campaign_id)
    use = review is not None and (review.approved_at is not None or draft)
    if not use:
        return Grouped(automatic(counts), review, False, 0)
    groups = reviewed(counts, review.groups)
    new = sum(1 for g in groups for m in g.members if m.new)
    return Grouped(groups, review, review.approved_at is not None, new)


def _group_number(target: str, shown: list[Group]) -> int | None:
    """The position of the named group a typed or picked number points to, or None."""
    text = target.strip()
    if not text.isdigit() or not 0 < int(text) <= len(shown) or shown[int(text) - 1].other:
        return None
    return int(text) - 1


def _name(names: Mapping[int, str], shown: list[Group], position: int) -> str:
    """The group's name as the manager left it; a group that keeps a wording needs one."""
    name = " ".join((names.get(position, shown[position].name) or "").split())
    if not name:
        raise ReviewError(_("Każda grupa musi mieć nazwę (albo przenieś jej wpisy do „inne”)."))
    if len(name) > NAME_LENGTH:
        raise ReviewError(_("Nazwa grupy może mieć najwyżej %(n)d znaków.", n=NAME_LENGTH))
    return name


def save_review(
    campaign_id: int,
    names: Mapping[int, str],
    moves: Mapping[str, str],
    approve: bool,
    user: User,
) -> ServiceTypeReview:
    """Store the manager's review of the groups as the page showed them.

    `names`: group position (from 0) → its (new) name; `moves`: wording key → the number of
    the group it belongs to as the page shows it (from 1), or OTHER_CHOICE. Only wordings the
    page showed (`moves`) are stored as reviewed. Approving makes the diagnosis use the
    review; saving without approving withdraws an earlier approval.
    """
    shown = groups_of(campaign_id, draft=True).groups
    known = {m.key for g in shown for m in g.members}
    targets: dict[str, int | None] = {}  # wording key → group position, None: "inne"
    for key, target in moves.items():
        if key not in known:
            continue  # a wording gone since the page was shown (need rejected or changed)
        if target == OTHER_CHOICE:
            targets[key] = None
        elif _group_number(target, shown) is not None:
            targets[key] = _group_number(target, shown)
        else:
            raise ReviewError(_("Nieznana grupa docelowa."))
    mapping = {
        key: OTHER if position is None else _name(names, shown, position)
        for key, position in targets.items()
    }
    review = review_of(campaign_id)
    if review is None:
        review = ServiceTypeReview(campaign_id=campaign_id)
        db.session.add(review)
    now = utcnow()
    review.groups, review.updated_at, review.updated_by_id = mapping, now, user.id
    review.approved_at = now if approve else None
    review.approved_by_id = user.id if approve else None
    db.session.flush()
    return review
