"""Fixtures for the resources register: the demo gmina and a resource factory."""

from __future__ import annotations

import pytest

from researcher.extensions import db
from researcher.resources import services
from researcher.resources.models import Resource
from tests.followups.conftest import consenting  # noqa: F401  (fixture)


@pytest.fixture
def make_resource(demo):  # noqa: F811
    """make_resource(**fields) → a committed active resource in the demo gmina."""
    from researcher.campaigns.models import Campaign

    gmina = db.session.get(Campaign, 1).gmina_code

    def make(**fields) -> Resource:
        fields.setdefault("kind", "usluga")
        fields.setdefault("name", "Usługa")
        resource = services.create(services.ResourceInput(gmina_code=gmina, **fields), None)
        db.session.commit()
        return resource

    return make
