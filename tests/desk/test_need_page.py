"""/potrzeby/<id>: every answer as its label, the researcher's corrections in the history,
times in Polish local time."""

from __future__ import annotations

import copy
import html
import uuid
from datetime import datetime

import pytest

from forms.questionnaire import CURRENT_VERSION, get_questionnaire
from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.interviews.sync import apply_record
from researcher.needs.models import NeedChange

QUESTIONS = get_questionnaire(CURRENT_VERSION).questions_by_key
#: The need's answers the page shows, each with every code the questionnaire has for it.
SHOWN = ("met_status", "beneficiary", "met_by", "barriers", "preferred_forms", "frequency")


@pytest.mark.parametrize("key", SHOWN)
def test_every_code_of_a_shown_answer_appears_as_its_label(client, manager, synced, key):
    [need, *_] = synced(1)
    for option in QUESTIONS[key].options:
        value = [option.key] if isinstance(getattr(need, key), list) else option.key
        setattr(need, key, value)
        db.session.commit()
        page = html.unescape(client.get(f"/potrzeby/{need.id}").text)
        assert f"<dd>{option.label}</dd>" in page, (key, option.key)
        if option.key != option.label:
            assert f"<dd>{option.key}</dd>" not in page


def test_a_researchers_correction_shows_in_the_needs_history(
    client, manager, synced, interview, make_user
):
    record = interview()
    researcher = make_user("researcher")
    apply_record(record, researcher, str(uuid.uuid4()), None)
    corrected = copy.deepcopy(record)
    corrected["revision"] = 2
    corrected["data"]["needs"][0]["description"] = "Mama potrzebuje opieki także w weekendy."
    corrected["data"]["needs"][0]["met_status"] = "brak"
    del corrected["data"]["needs"][0]["met_by"]  # asked only while the need is met
    assert apply_record(corrected, researcher, str(uuid.uuid4()), None).status == "updated"
    db.session.commit()
    need = db.session.scalar(db.select(Need).where(Need.position == 1))
    page = html.unescape(client.get(f"/potrzeby/{need.id}").text)
    assert "Bez zmian" not in page
    old = record["data"]["needs"][0]["description"]
    assert f"D1 Opis potrzeby własnymi słowami: {old} → Mama potrzebuje" in page
    assert "D7 Czy ta potrzeba jest teraz zaspokajana?: Częściowo → Nie" in page
    assert "researcher, wersja 1 → 2" in page


def test_history_times_are_polish_local_time(client, manager, synced):
    [need, *_] = synced(1)
    db.session.add(NeedChange(
        need_id=need.id, user_id=manager.id, changed_at=datetime(2026, 1, 15, 23, 30),
        field="status", old_value="nowa", new_value="zweryfikowana",
    ))
    db.session.commit()
    page = html.unescape(client.get(f"/potrzeby/{need.id}").text)
    assert "2026-01-16 00:30 · Status: Nowa → Zweryfikowana" in page

