"""Recording a meeting and its needs, from the manager's page or from a phone (same rules).

A meeting's needs are stored as `needs` rows of the channel "spotkanie" (through
`intake.services.new_need`, so they are counted, reviewed, analysed and exported like every
need); re-saving a meeting updates its needs by position and keeps the manager's review.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask_babel import gettext as _

from analysis.pii import mask_pii
from forms.vocabulary import AREAS_BY_KEY, TARGET_GROUPS_BY_KEY
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.intake.services import NeedEntry, is_sensitive, new_need
from researcher.interviews.models import Channel
from researcher.interviews.record_rules import after_today
from researcher.labels import URGENCY_LABELS
from researcher.meetings.models import AGE_BANDS, Meeting, MeetingKind
from researcher.service_errors import ServiceError

MAX_NEEDS = 40


class MeetingError(ServiceError):
    """A meeting rule was broken; `field` names the form field it belongs to."""


@dataclass
class MeetingNeed:
    description: str
    area: str
    target_groups: list[str]
    urgency: str
    voiced_by: int
    service_type: str | None = None


@dataclass
class MeetingInput:
    held_on: date
    kind: str
    organiser: str
    participants: dict[str, int]
    locality_id: int | None = None
    needs: list[MeetingNeed] = field(default_factory=list)


def _check(campaign: Campaign, data: MeetingInput) -> int:
    """Raise MeetingError for a broken rule; the total of participants."""
    if data.kind not in set(MeetingKind):
        raise MeetingError(_("Wybierz rodzaj spotkania."), "kind")
    if after_today(data.held_on):
        raise MeetingError(_("Data z przyszłości."), "held_on")
    if not data.organiser.strip():
        raise MeetingError(_("Podaj organizatora."), "organiser")
    unknown = set(data.participants) - set(AGE_BANDS)
    if unknown or any(not isinstance(n, int) or n < 0 for n in data.participants.values()):
        raise MeetingError(_("Liczby uczestników muszą być liczbami całkowitymi ≥ 0."),
                           "participants")  # fmt: skip
    total = sum(data.participants.values())
    if total < 1:
        raise MeetingError(_("Podaj liczbę uczestników."), "participants")
    if data.locality_id is not None:
        locality = db.session.get(Locality, data.locality_id)
        if locality is None or locality.gmina_code != campaign.gmina_code:
            raise MeetingError(_("Miejscowość spoza gminy kampanii."), "locality_id")
    if len(data.needs) > MAX_NEEDS:
        raise MeetingError(_("Najwyżej %(n)s potrzeb z jednego spotkania.", n=MAX_NEEDS), "needs")
    for i, need in enumerate(data.needs):
        _check_need(i, need, total)
    return total


def _check_need(i: int, need: MeetingNeed, total: int) -> None:
    """Raise MeetingError naming `needs.<i>.<field>` for a broken rule."""
    if not need.description.strip():
        raise MeetingError(_("Opisz potrzebę."), f"needs.{i}.description")
    if need.area not in AREAS_BY_KEY:
        raise MeetingError(_("Wybierz obszar."), f"needs.{i}.area")
    if not need.target_groups or not set(need.target_groups) <= set(TARGET_GROUPS_BY_KEY):
        raise MeetingError(_("Wybierz co najmniej jedną grupę docelową z listy."),
                           f"needs.{i}.target_groups")  # fmt: skip
    if need.urgency not in URGENCY_LABELS:
        raise MeetingError(_("Wybierz pilność."), f"needs.{i}.urgency")
    if not 1 <= need.voiced_by <= total:
        raise MeetingError(
            _("Liczba zgłaszających: od 1 do liczby uczestników (%(n)s).", n=total),
            f"needs.{i}.voiced_by",
        )


def save_meeting(
    campaign: Campaign,
    data: MeetingInput,
    by: User,
    meeting: Meeting | None = None,
    *,
    uuid: str | None = None,
    device_id: str | None = None,
    revision: int = 1,
) -> Meeting:
    """Create `meeting` (None) or update it, with its needs (flushed)."""
    total = _check(campaign, data)
    if meeting is None:
        meeting = Meeting(uuid=uuid or str(uuid_module.uuid4()), recorded_by_id=by.id,
                          device_id=device_id)  # fmt: skip
        db.session.add(meeting)
    meeting.revision = revision
    meeting.campaign_id = campaign.id
    meeting.locality_id = data.locality_id
    meeting.held_on = data.held_on
    meeting.kind = data.kind
    meeting.organiser = mask_pii(data.organiser.strip())[:200]
    meeting.participants = {band: n for band, n in data.participants.items() if n}
    meeting.participants_total = total
    db.session.flush()
    existing = {need.position: need for need in meeting.needs}
    for position, item in enumerate(data.needs, start=1):
        entry = NeedEntry(
            channel=Channel.MEETING, day=data.held_on, description=item.description,
            area=item.area, target_groups=item.target_groups, urgency=item.urgency,
            locality_id=data.locality_id, service_type=item.service_type,
            voiced_by=item.voiced_by,
        )  # fmt: skip
        need = existing.pop(position, None)
        if need is None:
            need = new_need(campaign, entry, by, position)
            need.meeting_id = meeting.id
            continue
        need.description = mask_pii(item.description.strip())
        need.area, need.target_groups = item.area, list(item.target_groups)
        need.urgency, need.voiced_by = item.urgency, item.voiced_by
        need.service_type = (item.service_type or "").strip() or None
        need.locality_id = data.locality_id
        need.recorded_on = data.held_on
        need.recorded_at = datetime.combine(data.held_on, time(10, 0))
        need.sensitive = is_sensitive(item.area, item.target_groups)
    for leftover in existing.values():
        db.session.delete(leftover)
    db.session.flush()
    db.session.expire(meeting, ["needs"])
    return meeting


def delete_meeting(meeting: Meeting) -> None:
    db.session.delete(meeting)
    db.session.flush()


def meetings_of(campaign_id: int | None = None) -> list[Meeting]:
    query = db.select(Meeting).order_by(Meeting.held_on.desc(), Meeting.id.desc())
    if campaign_id:
        query = query.where(Meeting.campaign_id == campaign_id)
    return list(db.session.scalars(query))
