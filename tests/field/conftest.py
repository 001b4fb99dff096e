"""Fixtures for the field pages: the demo campaign and valid records to put on the server."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from researcher.campaigns.models import Campaign
from researcher.demo.services import DEMO_CAMPAIGN, seed_demo
from researcher.extensions import db

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sync" / "interview.json"


@pytest.fixture
def demo_campaign(app_context) -> Campaign:
    """The demo campaign (gmina Wiązowna, 8 localities, open to every researcher)."""
    seed_demo()
    db.session.commit()
    return db.session.scalar(db.select(Campaign).where(Campaign.name == DEMO_CAMPAIGN))


@pytest.fixture
def record(demo_campaign) -> Callable[..., dict[str, Any]]:
    """record(**changes) → the fixture interview with a new uuid, for the demo campaign."""
    template = json.loads(FIXTURE.read_text(encoding="utf-8"))
    template["data"]["campaign_id"] = demo_campaign.id
    template["data"]["locality_id"] = demo_campaign.gmina.localities[0].id

    def make(**changes: Any) -> dict[str, Any]:
        made = copy.deepcopy(template)
        made["uuid"] = str(uuid.uuid4())
        data = changes.pop("data", {})
        made.update(changes)
        made["data"].update(data)
        return made

    return make
