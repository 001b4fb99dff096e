"""Needs that did not come from a visit: one entered by hand, or many imported from a file.

Such a need has no respondent: it counts as a need (by its own `recorded_on`), never as a
person. It is about the community ("ogół mieszkańców"), since no one gave the art. 9 consent
a household need with a sensitive group would require. Personal data in its text (PESEL,
phone, e-mail) are masked before it is stored: the text was typed or copied in by the
manager, and nobody can be asked to correct it later.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, validates

from analysis.pii import find_pii, mask_pii
from forms.vocabulary import AREAS, AREAS_BY_KEY, SENSITIVE_GROUP_KEYS, TARGET_GROUPS
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.imports import services as imports
from researcher.imports.fields import Choice, Choices, Count, Day, Text
from researcher.imports.models import ImportFile
from researcher.interviews.models import CHANNEL_LABELS, Channel, Need
from researcher.interviews.record_rules import after_today
from researcher.labels import URGENCY_LABELS
from researcher.reports.jobs import request_counts
from researcher.service_errors import ServiceError

IMPORT_KIND = "needs"
#: Channels a manager enters by hand or imports (a visit comes from the phone; a meeting
#: has its own page, but a list of needs from meetings may be imported too).
ENTRY_CHANNELS = [c for c in Channel if c is not Channel.VISIT]
DESCRIPTION_MAX = 1000
# Stored at 10:00 UTC: the same day in Poland whatever the season.
_HOUR = time(10, 0)


class EntryError(ServiceError):
    """A need entry or import rule was broken; `field` names the form field."""


@dataclass
class NeedEntry:
    """One need as the manager gives it."""

    channel: str
    day: date
    description: str
    area: str
    target_groups: list[str]
    urgency: str = "12m"
    locality_id: int | None = None
    service_type: str | None = None
    voiced_by: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # other columns of `needs`


def is_sensitive(area: str, groups: list[str]) -> bool:
    known = AREAS_BY_KEY.get(area)
    return bool(known and known.health_related) or bool(SENSITIVE_GROUP_KEYS & set(groups))


def new_need(campaign: Campaign, entry: NeedEntry, by: User, position: int = 1) -> Need:
    """A Need of a channel other than a visit (added to the session, not flushed)."""
    if entry.channel not in ENTRY_CHANNELS:
        raise EntryError(_("Wybierz kanał."), "channel")
    if entry.area not in AREAS_BY_KEY:
        raise EntryError(_("Wybierz obszar."), "area")
    if not entry.target_groups:
        raise EntryError(_("Wybierz co najmniej jedną grupę docelową z listy."), "target_groups")
    if entry.locality_id is not None:
        locality = db.session.get(Locality, entry.locality_id)
        if locality is None or locality.gmina_code != campaign.gmina_code:
            raise EntryError(_("Miejscowość spoza gminy kampanii."), "locality")
    need = Need(
        channel=entry.channel,
        position=position,
        campaign_id=campaign.id,
        locality_id=entry.locality_id,
        researcher_id=by.id,
        description=mask_pii(entry.description.strip()),
        area=entry.area,
        service_type=(entry.service_type or "").strip() or None,
        beneficiary="ogol",
        target_groups=list(entry.target_groups),
        urgency=entry.urgency,
        met_status="nie_wiem",
        met_by=[],
        barriers=[],
        preferred_forms=[],
        sensitive=is_sensitive(entry.area, entry.target_groups),
        consent_art9=False,
        recorded_at=datetime.combine(entry.day, _HOUR),
        recorded_on=entry.day,
        voiced_by=entry.voiced_by,
        **entry.extra,
    )
    db.session.add(need)
    return need


def locality_by_name(campaign: Campaign, name: str | None) -> int | None:
    """The id of the campaign gmina's locality called `name` (any letter case); None if blank."""
    if not name or not name.strip():
        return None
    locality_id = _locality_ids(campaign).get(name.strip().lower())
    if locality_id is None:
        raise EntryError(_("Nie ma takiej miejscowości w gminie kampanii."), "locality")
    return locality_id


def create_need(campaign: Campaign, entry: NeedEntry, by: User) -> Need:
    """Enter one need by hand."""
    need = new_need(campaign, entry, by)
    db.session.flush()
    return need


# --- import ------------------------------------------------------------------------------------


def _labels(mapping: dict) -> dict[str, str]:
    return {str(k): str(v) for k, v in mapping.items()}


class NeedRowSchema(Schema):
    """One row of the needs import; headings are the `data_key`s (the template's columns)."""

    day = Day(required=True, data_key="data", metadata={
        "help": _l("Dzień zgłoszenia (RRRR-MM-DD lub DD.MM.RRRR)."), "example": "2026-05-12"})
    channel = Choice(
        {c.value: CHANNEL_LABELS[c] for c in ENTRY_CHANNELS}, required=True, data_key="kanał",
        metadata={"help": _l("Skąd przyszła potrzeba."), "example": "media_spolecznosciowe"})
    description = Text(
        max_length=DESCRIPTION_MAX, required=True, data_key="opis",
        metadata={"help": _l("Treść potrzeby, bez nazwisk, adresów i telefonów."),
                  "example": "Brakuje dowozu seniorów do przychodni"})
    area = Choice({a.key: a.label for a in AREAS}, required=True, data_key="obszar",
                  metadata={"help": _l("Obszar usług społecznych (kod lub nazwa)."),
                            "example": "zdrowie"})
    target_groups = Choices(
        {g.key: g.label for g in TARGET_GROUPS}, required=True, data_key="grupy docelowe",
        metadata={"help": _l("Kogo dotyczy; kilka po przecinku."), "example": "seniorzy"})
    urgency = Choice(_labels(URGENCY_LABELS), data_key="pilność", load_default="12m",
                     metadata={"help": _l("Domyślnie: w ciągu roku."), "example": "3m"})
    locality = Text(max_length=120, data_key="miejscowość", load_default=None,
                    metadata={"help": _l("Nazwa miejscowości z gminy kampanii (opcjonalnie)."),
                              "example": ""})
    service_type = Text(max_length=100, data_key="rodzaj usługi", load_default=None,
                        metadata={"help": _l("Np. dowóz, opieka wytchnieniowa (opcjonalnie)."),
                                  "example": "dowóz door-to-door"})
    voiced_by = Count(minimum=1, data_key="liczba osób", load_default=None,
                      metadata={"help": _l("Ile osób zgłosiło (np. na spotkaniu; opcjonalnie)."),
                                "example": ""})

    @validates("day")
    def _not_in_future(self, value: date, **kwargs: Any) -> None:
        if after_today(value):
            raise ValidationError(_("Data z przyszłości."))


def duplicate_key(data: dict[str, Any]) -> Hashable:
    """Same text (ignoring case and spaces) on the same day: the same need."""
    return (" ".join(mask_pii(data["description"]).lower().split()), data["day"])


def stored_keys(campaign: Campaign) -> set[Hashable]:
    rows = db.session.execute(
        db.select(Need.description, Need.recorded_on).where(Need.campaign_id == campaign.id)
    )
    return {(" ".join(text.lower().split()), day) for text, day in rows}


def _locality_ids(campaign: Campaign) -> dict[str, int]:
    rows = db.session.execute(
        db.select(Locality.name, Locality.id).where(Locality.gmina_code == campaign.gmina_code)
    )
    return {name.strip().lower(): locality_id for name, locality_id in rows}


@dataclass
class NeedImportPreview:
    result: imports.Preview
    pii_rows: list[int]  # rows whose text has personal data (masked when stored)
    unknown_localities: list[tuple[int, str]]


def preview_import(stored: ImportFile, campaign: Campaign) -> NeedImportPreview:
    """Validate the kept file: per-row errors, duplicates, texts with personal data."""
    result = imports.preview_file(
        stored, NeedRowSchema(), duplicate_key, stored_keys(campaign)
    )
    localities = _locality_ids(campaign)
    unknown = []
    for row in list(result.valid):
        name = row.data.get("locality")
        if name and name.strip().lower() not in localities:
            unknown.append((row.row, name))
            result.valid.remove(row)
            result.errors.append(imports.RowError(
                row.row, "miejscowość", _("Nie ma takiej miejscowości w gminie kampanii.")
            ))  # fmt: skip
    pii_rows = [row.row for row in result.valid if find_pii(row.data["description"])]
    return NeedImportPreview(result, pii_rows, unknown)


def apply_import(stored: ImportFile, campaign: Campaign, by: User) -> dict[str, int]:
    """Store the valid rows of the kept file as needs (once)."""
    preview = preview_import(stored, campaign)
    localities = _locality_ids(campaign)

    def write(row: imports.ValidRow) -> None:
        data = row.data
        name = (data.get("locality") or "").strip().lower()
        new_need(campaign, NeedEntry(
            channel=data["channel"], day=data["day"], description=data["description"],
            area=data["area"], target_groups=data["target_groups"], urgency=data["urgency"],
            locality_id=localities.get(name) if name else None,
            service_type=data.get("service_type"), voiced_by=data.get("voiced_by"),
            extra={"import_file_id": stored.id},
        ), by)  # fmt: skip

    done = imports.apply(stored, preview.result, write)
    request_counts([campaign.id])  # hundreds of needs at once: count them before anyone looks
    return done


def upload_import(filename: str, content: bytes, campaign: Campaign, by: User) -> ImportFile:
    return imports.upload(IMPORT_KIND, filename, content, by.id, {"campaign_id": campaign.id})
