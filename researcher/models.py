"""Every model, imported in one place so Alembic and `db.create_all` see the whole schema."""

from researcher.auth.models import LoginThrottle, User
from researcher.campaigns.models import Campaign, campaign_researchers
from researcher.gminas.models import Gmina, Locality
from researcher.interviews.models import (
    Contact,
    Need,
    QuarantinedRecord,
    SyncBatch,
    Visit,
    VisitVersion,
)

__all__ = [
    "Campaign",
    "Contact",
    "Gmina",
    "Locality",
    "LoginThrottle",
    "Need",
    "QuarantinedRecord",
    "SyncBatch",
    "User",
    "Visit",
    "VisitVersion",
    "campaign_researchers",
]
