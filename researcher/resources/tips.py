"""Resource tips from the phone: record kind "resource_tip" of `POST /api/v1/sync`.

A researcher notes a resource met in the field (a neighbour willing to help, a club, a parish
initiative) offline; it arrives as an entry of the register in status "zgloszony" and the
manager confirms or rejects it. A tip holds no contact data of a person: free text is checked
for them with the field app's warnings, and the manager asks the resource through the
researcher. Idempotent by uuid: a tip sent twice is stored once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from analysis.pii import pii_kinds
from forms.messages import message
from forms.vocabulary import AREA_KEYS
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.campaigns.services import may_work_on
from researcher.extensions import db
from researcher.interviews.kinds import KindOutcome, record_kind
from researcher.resources import services
from researcher.resources.models import Resource, ResourceKind, ResourceStatus

KIND = "resource_tip"
FREE_TEXT = ("name", "description", "how_to_reach")


class TipDataSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # fields of a newer phone are ignored, not fatal

    campaign_id = fields.Integer(required=True)
    locality_id = fields.Integer(load_default=None, allow_none=True)
    resource_kind = fields.String(
        required=True, validate=validate.OneOf([k.value for k in ResourceKind])
    )
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=1000))
    areas = fields.List(fields.String(validate=validate.OneOf(AREA_KEYS)), load_default=list)
    how_to_reach = fields.String(load_default="", validate=validate.Length(max=500))


class TipSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    kind = fields.String(required=True, validate=validate.Equal(KIND))
    uuid = fields.UUID(required=True)
    revision = fields.Integer(load_default=1)
    recorded_at = fields.AwareDateTime(required=True)
    data = fields.Nested(TipDataSchema, required=True)


TIP_SCHEMA = TipSchema()


def _flatten(messages: Any, path: str = "") -> dict[str, list[str]]:
    if isinstance(messages, dict):
        out: dict[str, list[str]] = {}
        for key, value in messages.items():
            out.update(_flatten(value, f"{path}.{key}" if path else str(key)))
        return out
    return {path: list(messages) if isinstance(messages, list) else [str(messages)]}


def _warnings(data: dict[str, Any]) -> dict[str, list[str]]:
    found = {}
    for key in FREE_TEXT:
        kinds = pii_kinds(data.get(key) or "")
        if kinds:
            found[f"data.{key}"] = [message(f"pii_{k}") for k in kinds]
    return found


@record_kind(KIND)
def apply_tip(record: dict[str, Any], user: User, device_id: str) -> KindOutcome:
    """Store a tip as a register entry to be confirmed; reject what the register would."""
    try:
        tip = TIP_SCHEMA.load(record)
    except ValidationError as error:
        return KindOutcome("rejected", _flatten(error.messages))
    data = tip["data"]
    warnings = _warnings(data)
    uuid = str(tip["uuid"])
    if db.session.scalar(db.select(Resource.id).where(Resource.tip_uuid == uuid)):
        return KindOutcome("unchanged", warnings=warnings)
    campaign = db.session.get(Campaign, data["campaign_id"])
    if campaign is None or not may_work_on(user, campaign):
        return KindOutcome(
            "rejected", {"data.campaign_id": [_("Nie masz dostępu do tej kampanii.")]}
        )
    recorded: date = tip["recorded_at"].date()
    try:
        resource = services.create(
            services.ResourceInput(
                gmina_code=campaign.gmina_code,
                kind=data["resource_kind"],
                name=data["name"],
                description=data["description"],
                areas=data["areas"],
                locality_ids=[data["locality_id"]] if data["locality_id"] else [],
                how_to_reach=data["how_to_reach"],
                source=f"zgłoszenie z terenu: {user.display_name}",
                source_date=recorded,
            ),
            user,
            status=ResourceStatus.TIP,
        )
    except services.ResourceError as error:
        field = {"locality_ids": "locality_id", "kind": "resource_kind"}.get(
            error.field or "", error.field or "name"
        )
        return KindOutcome("rejected", {f"data.{field}": [str(error)]})
    resource.tip_uuid = uuid
    db.session.flush()
    return KindOutcome("created", warnings=warnings)
