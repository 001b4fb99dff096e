"""Limits that agree: the largest record a phone can make fits the per-record budget, so a
backup file (or a sync batch) as long as its record limit allows is never refused for bytes."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from forms.questionnaire import QUESTIONNAIRES
from forms.schema import MAX_BATCH_RECORDS, MAX_RECORD_BYTES
from researcher.field import services
from researcher.interviews.api import MAX_SYNC_BYTES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sync" / "interview.json"
CONTACT_KEYS = {"name", "phone_or_email", "when"}
NEED_KEYS = {"description", "service_type", "target_groups_other"}


def largest_record() -> dict:
    """The fixture interview with every text at its maximum length, in two-byte letters."""
    record = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    data = record["data"]
    data["contact_requested"], data["contact"] = True, {}
    for question in QUESTIONNAIRES[record["form_version"]].all_questions():
        if not question.max_length:
            continue
        text = "ż" * question.max_length
        if question.key in NEED_KEYS:
            for need in data["needs"]:
                need[question.key] = text
        elif question.key in CONTACT_KEYS:
            data["contact"][question.key] = text
        else:
            data[question.key] = text
    return record


def test_the_largest_record_fits_its_budget_as_a_backup_writes_it():
    written = json.dumps(largest_record(), indent=1, ensure_ascii=False).encode()
    assert len(written) <= MAX_RECORD_BYTES


def test_a_backup_of_as_many_largest_records_as_allowed_is_accepted():
    records = [largest_record()] * services.MAX_BACKUP_RECORDS
    raw = json.dumps({"device_id": None, "records": records}, indent=1,
                     ensure_ascii=False).encode()
    assert len(raw) <= services.MAX_BACKUP_BYTES
    assert len(services.parse_backup(raw).records) == services.MAX_BACKUP_RECORDS


def test_a_sync_batch_of_as_many_largest_records_as_allowed_fits_the_byte_limit():
    batch = {"device_id": "d", "batch_id": "b", "records": [largest_record()] * MAX_BATCH_RECORDS}
    assert len(json.dumps(batch, ensure_ascii=False).encode()) <= MAX_SYNC_BYTES
