"""forms.masking: personal data leave a synced record's answers before it is stored."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from forms.masking import mask_record
from forms.questionnaire import CURRENT_VERSION, get_questionnaire

RECORD = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "sync" / "interview.json").read_text(
        encoding="utf-8"
    )
)
SECRETS = "PESEL 44051401359, tel. 601 234 567, jan(at)wp.pl, ul. Polna 5/2"
MASKED = "PESEL [PESEL], tel. [TELEFON], [EMAIL], [ADRES]"


def test_every_free_text_answer_of_the_version_is_masked():
    record = copy.deepcopy(RECORD)
    questionnaire = get_questionnaire(CURRENT_VERSION)
    top = [q.key for _, q in questionnaire.questions() if q.qtype.free_text]
    in_needs = [q.key for q in questionnaire.item("needs").questions if q.qtype.free_text]
    for key in top:
        record["data"][key] = SECRETS
    for key in in_needs:
        record["data"]["needs"][0][key] = SECRETS
    masked, found = mask_record(record)
    assert [masked["data"][k] for k in top] == [MASKED] * len(top)
    assert [masked["data"]["needs"][0][k] for k in in_needs] == [MASKED] * len(in_needs)
    assert "service_type" in in_needs
    assert found["data.needs.0.service_type"] == ["pesel", "phone", "email", "address"]


def test_the_contact_form_is_left_as_it_is():
    record = copy.deepcopy(RECORD)
    record["data"]["contact"] = {"name": "Halina", "phone_or_email": "601 234 567"}
    masked, found = mask_record(record)
    assert masked["data"]["contact"]["phone_or_email"] == "601 234 567"
    assert found == {}


def test_masking_is_pure_and_doing_it_twice_changes_nothing():
    record = copy.deepcopy(RECORD)
    record["data"]["needs"][0]["description"] = SECRETS
    before = copy.deepcopy(record)
    once, _ = mask_record(record)
    twice, found_again = mask_record(once)
    assert record == before
    assert twice == once and found_again == {}


def test_strings_outside_the_questionnaire_are_masked_too():
    # A malformed record lands in quarantine verbatim: it must not carry the PESEL there.
    masked, _ = mask_record({"form_version": "9.9", "data": {"odd": ["PESEL 44051401359"]}})
    assert masked["data"]["odd"] == ["PESEL [PESEL]"]


def test_a_record_without_answers_comes_back_unchanged():
    assert mask_record("not a record") == ("not a record", {})
    assert mask_record({"uuid": "x"}) == ({"uuid": "x"}, {})
