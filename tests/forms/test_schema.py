"""The sync schemas: record envelope, batch, types and field paths, PII warnings."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from marshmallow import ValidationError

from forms.messages import MESSAGES, message
from forms.questionnaire import UnknownVersion
from forms.schema import (
    MAX_BATCH_RECORDS,
    flatten_errors,
    pii_warnings,
    record_data_schema,
    sync_batch_schema,
    validate_sync_record,
)
from forms.storable import MAX_INTEGER

VALID_PESEL = "44051401359"


# --- record envelope ----------------------------------------------------------------------


def test_fixture_record_is_valid(record):
    check = validate_sync_record(record)
    assert check.ok and check.errors == {} and check.warnings == {}
    assert check.record["uuid"] == uuid.UUID(record["uuid"])
    assert check.record["recorded_at"].utcoffset() == dt.timedelta(hours=1)
    assert len(check.record["data"]["needs"]) == 3


def test_naive_recorded_at_is_rejected(record):
    record["recorded_at"] = "2026-11-20T10:15:00"
    assert validate_sync_record(record).errors == {"recorded_at": [MESSAGES["naive_datetime"]]}


def test_malformed_recorded_at_is_rejected(record):
    record["recorded_at"] = "20.11.2026"
    assert validate_sync_record(record).errors == {"recorded_at": [MESSAGES["invalid_datetime"]]}


@pytest.mark.parametrize("revision", [0, -1])
def test_revision_below_one_is_rejected(revision, record):
    record["revision"] = revision
    assert validate_sync_record(record).errors == {
        "revision": [message("integer_range", min=1, max=MAX_INTEGER)]
    }


@pytest.mark.parametrize("revision", ["1", 1.5, True, None])
def test_revision_must_be_an_integer(revision, record):
    record["revision"] = revision
    assert list(validate_sync_record(record).errors) == ["revision"]


def test_malformed_uuid_is_rejected(record):
    record["uuid"] = "not-a-uuid"
    assert validate_sync_record(record).errors == {"uuid": [MESSAGES["invalid_uuid"]]}


def test_unknown_form_version_is_an_error_at_form_version(record):
    record["form_version"] = "2031.9"
    record["data"]["needs"][1]["urgency"] = "wczoraj"  # not checked: no definition to check it
    check = validate_sync_record(record)
    assert check.errors == {"form_version": [message("unknown_version", version="2031.9")]}


@pytest.mark.parametrize("key", ["uuid", "revision", "form_version", "recorded_at", "data"])
def test_envelope_fields_are_required(key, record):
    del record[key]
    assert validate_sync_record(record).errors[key] == [MESSAGES["required"]]


def test_unknown_envelope_field_is_rejected(record):
    record["device"] = "x"
    assert validate_sync_record(record).errors == {"device": [MESSAGES["unknown_field"]]}


def test_record_that_is_not_an_object_is_rejected():
    check = validate_sync_record(["a"])
    assert not check.ok and check.record is None


def test_data_errors_carry_the_data_prefix(record):
    record["data"]["needs"][1]["urgency"] = "wczoraj"
    check = validate_sync_record(record)
    assert check.errors == {"data.needs.1.urgency": [message("invalid_choice", input="wczoraj")]}
    assert check.record is None


def test_envelope_and_data_errors_are_reported_together(record):
    record["revision"] = 0
    record["data"]["visit_outcome"] = "zgubiony"
    assert set(validate_sync_record(record).errors) == {"revision", "data.visit_outcome"}


# --- record data: types and paths ---------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "path", "text"),
    [
        ("campaign_id", "1", "data.campaign_id", MESSAGES["invalid_integer"]),
        ("campaign_id", 0, "data.campaign_id", message("integer_range", min=1, max=MAX_INTEGER)),
        ("locality_id", 1.5, "data.locality_id", MESSAGES["invalid_integer"]),
        ("leaflet_given", "true", "data.leaflet_given", MESSAGES["invalid_bool"]),
        ("contact_requested", 0, "data.contact_requested", MESSAGES["invalid_bool"]),
        ("age_band", 18, "data.age_band", MESSAGES["invalid_string"]),
        ("age_band", "17_i_mniej", "data.age_band",
         message("invalid_choice", input="17_i_mniej")),
        ("household_members", "dorosli_18_59", "data.household_members",
         MESSAGES["invalid_list"]),
        ("household_members", ["dorosli_18_59", "x"], "data.household_members.1",
         message("invalid_choice", input="x")),
        ("household_members", ["dorosli_18_59", "dorosli_18_59"], "data.household_members",
         MESSAGES["duplicate_choice"]),
        ("needs", {"description": "x"}, "data.needs", MESSAGES["invalid_list"]),
        ("areas_other", ["x"], "data.areas_other", MESSAGES["invalid_string"]),
        ("surname", "Kowalska", "data.surname", MESSAGES["unknown_field"]),
    ],
)
def test_invalid_value_is_reported_at_its_path(key, value, path, text, data, errors_of):
    data[key] = value
    assert text in errors_of(data)[path]


def test_need_that_is_not_an_object_is_reported_at_its_index(data, errors_of):
    data["needs"][2] = "dowóz"
    assert errors_of(data) == {"data.needs.2": [MESSAGES["invalid_object"]]}


def test_unknown_field_in_a_need_is_reported_at_its_path(data, errors_of):
    data["needs"][0]["diagnosis"] = "cukrzyca"
    assert errors_of(data) == {"data.needs.0.diagnosis": [MESSAGES["unknown_field"]]}


def test_data_that_is_not_an_object_is_reported_at_data(errors_of):
    assert errors_of(["nikt"]) == {"data": [MESSAGES["invalid_object"]]}


def test_locality_may_be_null(data, errors_of):
    data["locality_id"] = None
    assert errors_of(data) == {}


def test_schema_is_built_once_per_version():
    assert record_data_schema("2026.1") is record_data_schema("2026.1")


def test_schema_of_an_unknown_version_raises():
    with pytest.raises(UnknownVersion):
        record_data_schema("2031.9")


def test_loaded_data_equals_the_valid_input(data):
    assert record_data_schema("2026.1").load(data) == data


# --- batch ----------------------------------------------------------------------------------


def _batch(records):
    return {"device_id": str(uuid.uuid4()), "batch_id": str(uuid.uuid4()), "records": records}


def test_batch_keeps_records_raw_for_one_by_one_validation(record):
    bad = dict(record, revision=0)
    loaded = sync_batch_schema.load(_batch([record, bad]))
    assert loaded["records"] == [record, bad]
    assert isinstance(loaded["device_id"], uuid.UUID)


def test_batch_of_500_records_is_accepted(record):
    assert len(sync_batch_schema.load(_batch([record] * MAX_BATCH_RECORDS))["records"]) == 500


def test_batch_over_500_records_is_rejected(record):
    with pytest.raises(ValidationError) as err:
        sync_batch_schema.load(_batch([record] * (MAX_BATCH_RECORDS + 1)))
    assert flatten_errors(err.value.messages, prefix="") == {
        "records": [message("too_many_records", max=500)]
    }


@pytest.mark.parametrize("key", ["device_id", "batch_id"])
def test_batch_ids_must_be_uuids(key, record):
    batch = _batch([record])
    batch[key] = "telefon-7"
    with pytest.raises(ValidationError) as err:
        sync_batch_schema.load(batch)
    assert flatten_errors(err.value.messages, prefix="") == {key: [MESSAGES["invalid_uuid"]]}


# --- flattening -----------------------------------------------------------------------------


def test_flatten_errors_joins_nested_keys_and_indexes():
    nested = {"needs": {1: {"urgency": ["a"]}, "_schema": ["b"]}, "_schema": ["c"]}
    assert flatten_errors(nested) == {"data.needs.1.urgency": ["a"], "data.needs": ["b"],
                                      "data": ["c"]}


# --- personal data in free text -----------------------------------------------------------


def test_pesel_in_a_need_description_warns_at_its_path(data):
    data["needs"][1]["description"] = f"Pan o numerze {VALID_PESEL} potrzebuje pomocy"
    assert pii_warnings(data) == {"data.needs.1.description": [MESSAGES["pii_pesel"]]}


def test_eleven_digits_with_a_wrong_checksum_do_not_warn(data):
    data["needs"][1]["description"] = "Zgłoszenie 44051401358 w urzędzie"
    assert "data.needs.1.description" not in pii_warnings(data)


def test_phone_in_the_researcher_note_warns(data):
    data["researcher_note"] = "Córka prosi o telefon: 600 123 456"
    assert pii_warnings(data) == {"data.researcher_note": [MESSAGES["pii_phone"]]}


def test_email_in_the_other_area_warns(data):
    data["areas_other"] = "pisać na jan.kowalski@example.pl"
    assert pii_warnings(data) == {"data.areas_other": [MESSAGES["pii_email"]]}


def test_contact_form_is_not_scanned(data):
    data["contact_requested"] = True
    data["contact"] = {"name": "Anna", "phone_or_email": "anna@example.pl"}
    assert pii_warnings(data) == {}


def test_pii_warnings_do_not_block_the_record(record):
    record["data"]["needs"][0]["service_type"] = "opieka, tel. 600123456"
    check = validate_sync_record(record)
    assert check.ok
    assert check.warnings == {"data.needs.0.service_type": [MESSAGES["pii_phone"]]}


# --- no cascades ----------------------------------------------------------------------------


def test_invalid_visit_outcome_gives_one_error_not_a_cascade(data, errors_of):
    data["visit_outcome"] = "zgubiony"
    assert errors_of(data) == {"data.visit_outcome": [message("invalid_choice", input="zgubiony")]}


def test_invalid_met_status_does_not_also_flag_met_by(data, errors_of):
    data["needs"][0]["met_status"] = "tak"
    assert errors_of(data) == {"data.needs.0.met_status": [message("invalid_choice", input="tak")]}


def test_invalid_c1_answer_does_not_hide_need_errors(data, errors_of):
    data["areas"].append("zdrowie_psychiczne")
    del data["needs"][2]["urgency"]
    assert set(errors_of(data)) == {"data.areas.4", "data.needs.2.urgency"}


# --- versions -------------------------------------------------------------------------------


def test_each_record_is_checked_against_its_own_version(monkeypatch, record):
    from dataclasses import replace

    from forms.questionnaire import QUESTIONNAIRES

    old = QUESTIONNAIRES["2026.1"]
    newer = replace(old, version="2099.1", modules=tuple(m for m in old.modules if m.code != "E"))
    monkeypatch.setitem(QUESTIONNAIRES, "2099.1", newer)
    try:
        assert validate_sync_record(record).ok
        record["form_version"] = "2099.1"
        errors = validate_sync_record(record).errors
        assert errors["data.services_rating"] == [MESSAGES["unknown_field"]]
    finally:
        record_data_schema.cache_clear()
