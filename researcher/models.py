"""Every model, imported in one place so Alembic and `db.create_all` see the whole schema."""

from researcher.auth.models import LoginThrottle, User
from researcher.campaigns.models import Campaign, campaign_researchers
from researcher.card.models import ServiceCard, ServiceCardRow, ServiceCardVersion, card_row_needs
from researcher.exports.models import ExportJob
from researcher.gminas.models import Gmina, Locality
from researcher.interviews.models import (
    Contact,
    Need,
    QuarantinedRecord,
    SyncBatch,
    Visit,
    VisitVersion,
)
from researcher.jobs.models import Job
from researcher.needs.models import NeedChange
from researcher.themes.models import AnalysisRun, NeedVector, Theme, ThemeAssignment

__all__ = [
    "AnalysisRun",
    "ExportJob",
    "NeedChange",
    "NeedVector",
    "ServiceCard",
    "ServiceCardRow",
    "ServiceCardVersion",
    "Theme",
    "ThemeAssignment",
    "card_row_needs",
    "Campaign",
    "Contact",
    "Gmina",
    "Job",
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
