"""The record kind "meeting": a meeting and its needs recorded on a phone, synced offline.

Idempotent like a visit: the uuid names the meeting, a higher revision replaces it, the same
or a lower one is answered "unchanged"; only the researcher who recorded it may change it.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from researcher.campaigns.models import Campaign
from researcher.campaigns.services import may_work_on
from researcher.extensions import db
from researcher.interviews.kinds import KindOutcome, record_kind
from researcher.meetings.models import Meeting
from researcher.meetings.services import MeetingError, MeetingInput, MeetingNeed, save_meeting


class _NeedSchema(Schema):
    description = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    area = fields.String(required=True)
    target_groups = fields.List(fields.String(), required=True)
    urgency = fields.String(required=True)
    voiced_by = fields.Integer(required=True, strict=True)
    service_type = fields.String(load_default=None, allow_none=True)


class _DataSchema(Schema):
    campaign_id = fields.Integer(required=True, strict=True)
    held_on = fields.Date(required=True)
    kind = fields.String(required=True)
    organiser = fields.String(required=True, validate=validate.Length(min=1, max=200))
    locality_id = fields.Integer(load_default=None, allow_none=True, strict=True)
    participants = fields.Dict(keys=fields.String(), values=fields.Integer(strict=True),
                               required=True)  # fmt: skip
    needs = fields.List(fields.Nested(_NeedSchema), load_default=list)


class MeetingRecordSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # the envelope's own keys (kind, recorded_at …)

    uuid = fields.UUID(required=True)
    revision = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    data = fields.Nested(_DataSchema, required=True)


def _errors_by_path(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            out.update(_errors_by_path(value, f"{prefix}.{key}" if prefix else str(key)))
    else:
        out[prefix or "record"] = [str(m) for m in messages]
    return out


@record_kind("meeting")
def apply_meeting(raw: dict[str, Any], user: Any, device_id: str) -> KindOutcome:
    try:
        record = MeetingRecordSchema().load(raw)
    except ValidationError as error:
        return KindOutcome("rejected", _errors_by_path(error.messages))
    data = record["data"]
    campaign = db.session.get(Campaign, data.pop("campaign_id"))
    if campaign is None or not may_work_on(user, campaign):
        return KindOutcome(
            "rejected", {"data.campaign_id": [_("Brak dostępu do tej kampanii.")]}
        )
    uuid = str(record["uuid"])
    meeting = db.session.scalar(db.select(Meeting).where(Meeting.uuid == uuid))
    if meeting is not None:
        if meeting.recorded_by_id != user.id:
            return KindOutcome("conflict")
        if record["revision"] <= meeting.revision:
            return KindOutcome("unchanged")
    needs = [MeetingNeed(**need) for need in data.pop("needs")]
    try:
        save_meeting(campaign, MeetingInput(**data, needs=needs), user, meeting, uuid=uuid,
                     device_id=device_id, revision=record["revision"])  # fmt: skip
    except MeetingError as error:
        return KindOutcome("rejected", {f"data.{error.field}": [str(error)]})
    return KindOutcome("created" if meeting is None else "updated")
