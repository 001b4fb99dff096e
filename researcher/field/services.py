"""Server side of the field app: page data for the offline page, today's visits, backups.

Nothing here knows HTTP: the views pass the user, the translation function and the time zone.
Importing a backup only adds and flushes (through `apply_record`); the view commits once.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from forms.client import client_definition
from forms.questionnaire import (
    CURRENT_VERSION,
    QUESTIONNAIRES,
    RESPONDENT_CODE_ALPHABET,
    RESPONDENT_CODE_LENGTH,
    get_questionnaire,
)
from forms.schema import MAX_RECORD_BYTES
from researcher.auth.models import RESEARCHER, User
from researcher.campaigns.models import Campaign
from researcher.campaigns.services import campaigns_for
from researcher.extensions import db
from researcher.interviews.answers import visit_answers
from researcher.interviews.models import Visit
from researcher.interviews.sync import RecordResult, apply_record
from researcher.steering.assignments import assigned_localities

Translate = Callable[[str], str]

#: The most records one backup file may hold: weeks of visits (a long day is ~60).
MAX_BACKUP_RECORDS = 2000
#: The largest backup file accepted: as many records of the largest size (32 MB).
MAX_BACKUP_BYTES = MAX_BACKUP_RECORDS * MAX_RECORD_BYTES


class BackupError(Exception):
    """The uploaded file is not a usable backup; the message is for the user."""


# --- the offline page -----------------------------------------------------------------------


def _campaign(campaign: Campaign, assigned: set[int]) -> dict[str, Any]:
    # The researcher's assigned localities first (issue 12); the others stay choosable.
    localities = sorted(campaign.gmina.localities, key=lambda loc: loc.id not in assigned)
    return {
        "id": campaign.id,
        "name": campaign.name,
        "gmina": campaign.gmina.display_name,
        "questionnaire_version": campaign.questionnaire_version,
        "has_assignments": bool(assigned),
        # The dates a paper interview may be given (record_rules checks them again).
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "localities": [
            {"id": loc.id, "name": loc.name, "kind": loc.kind, "assigned": loc.id in assigned}
            for loc in localities
        ],
    }


def field_bootstrap(user: User, translate: Translate) -> dict[str, Any]:
    """Everything the offline page needs: campaigns with their localities, the questionnaire
    definitions of every version those campaigns use, and the respondent-code alphabet."""
    campaigns = campaigns_for(user)
    versions = {c.questionnaire_version for c in campaigns} | {CURRENT_VERSION}
    assigned = assigned_localities(user, [c.id for c in campaigns])
    return {
        "researcher_id": user.id,
        "campaigns": [_campaign(c, assigned.get(c.id, set())) for c in campaigns],
        "current_version": CURRENT_VERSION,
        "definitions": {
            v: client_definition(v, translate=translate) for v in sorted(versions)
            if v in QUESTIONNAIRES
        },
        "respondent_code": {"alphabet": RESPONDENT_CODE_ALPHABET, "length": RESPONDENT_CODE_LENGTH},
    }


def correction_record(user: User, visit_uuid: str) -> dict[str, Any] | None:
    """A synced visit of `user` as a record to correct (the next save sends revision + 1).

    Contact data stay on the server (the sync keeps them when a correction has none), so
    they are never sent back to a phone.
    """
    try:
        uuid.UUID(visit_uuid)  # PostgreSQL compares it as a uuid: anything else finds nothing
    except ValueError:
        return None
    visit = db.session.scalar(
        db.select(Visit).where(Visit.uuid == visit_uuid, Visit.researcher_id == user.id)
    )
    if visit is None:
        return None
    data = visit_answers(visit)  # the needs rebuilt from their rows, as the phone sent them
    return {
        "uuid": visit.uuid,
        "revision": visit.revision,
        "form_version": visit.form_version,
        "recorded_at": visit.recorded_at.replace(tzinfo=UTC).isoformat(),
        # Kept through corrections: the interview's own duration, not the correction's.
        "opened_at": _iso(visit.opened_at),
        "finished_at": _iso(visit.finished_at),
        "data": data,
        **({"from_paper": True} if visit.from_paper else {}),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.replace(tzinfo=UTC).isoformat() if moment else None


# --- "Moje wizyty" --------------------------------------------------------------------------


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The local day `day` in `zone` as naive UTC bounds [start, end), as visits are stored."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return (
        start.astimezone(UTC).replace(tzinfo=None),
        end.astimezone(UTC).replace(tzinfo=None),
    )


def visits_on(user: User, day: date, zone: ZoneInfo) -> list[Visit]:
    """The visits `user` recorded on the local day `day`, oldest first."""
    start, end = day_bounds(day, zone)
    stmt = (
        db.select(Visit)
        .where(Visit.researcher_id == user.id, Visit.recorded_at >= start, Visit.recorded_at < end)
        .order_by(Visit.recorded_at)
    )
    return list(db.session.scalars(stmt))


def outcome_labels(translate: Translate, version: str = CURRENT_VERSION) -> dict[str, str]:
    """The visit outcomes (W0.3) in questionnaire order, with their labels."""
    question = get_questionnaire(version).questions_by_key["visit_outcome"]
    return {o.key: translate(o.label) for o in question.options}


def count_outcomes(visits: list[Visit], outcomes: dict[str, str]) -> dict[str, int]:
    """How many visits ended with each outcome (every outcome listed, zeros included)."""
    counts = Counter(dict.fromkeys(outcomes, 0))
    counts.update(visit.visit_outcome for visit in visits)
    return dict(counts)


# --- backup upload --------------------------------------------------------------------------


def researchers() -> list[User]:
    """Researcher accounts a backup may belong to."""
    stmt = db.select(User).where(User.role == RESEARCHER).order_by(User.email)
    return list(db.session.scalars(stmt))


@dataclass
class Backup:
    device_id: str | None
    records: list[Any]


def parse_backup(raw: bytes) -> Backup:
    """The records of a backup file `{"device_id", "exported_at", "records": [...]}`.

    Raises BackupError for a file that is too big, not JSON, or not shaped like a backup.
    Records themselves are not checked here: each goes through the sync validation.
    """
    if len(raw) > MAX_BACKUP_BYTES:
        raise BackupError(
            _("Plik jest za duży: najwyżej %(mb)d MB.", mb=MAX_BACKUP_BYTES // (1024 * 1024))
        )
    try:
        payload = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BackupError(_("To nie jest plik JSON. Wybierz plik pobrany przyciskiem "
                             "„Pobierz kopię zapasową”.")) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("records"), list):
        raise BackupError(_("Plik nie wygląda na kopię zapasową: brak listy „records”."))
    records = payload["records"]
    if not records:
        raise BackupError(_("Kopia zapasowa nie zawiera żadnych wizyt."))
    if len(records) > MAX_BACKUP_RECORDS:
        raise BackupError(_("Najwyżej %(n)d wizyt w jednym pliku.", n=MAX_BACKUP_RECORDS))
    return Backup(_device_id(payload.get("device_id")), records)


def _device_id(value: Any) -> str | None:
    try:
        return str(uuid.UUID(str(value))) if value is not None else None
    except ValueError:
        return None


def import_backup(backup: Backup, researcher: User) -> list[RecordResult]:
    """Apply every record of `backup` as `researcher` through the same validation as sync;
    rejected ones land in the quarantine (source "backup"). The caller commits."""
    batch_id = str(uuid.uuid4())
    return [
        apply_record(raw, researcher, backup.device_id, batch_id, source="backup", index=index)
        for index, raw in enumerate(backup.records)
    ]
