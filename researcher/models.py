"""Every model, imported in one place so Alembic and `db.create_all` see the whole schema."""

from researcher.audit.models import AccessLogEntry
from researcher.auth.models import LoginThrottle, User
from researcher.auth.permissions import UserPermission
from researcher.campaigns.models import Campaign, campaign_researchers
from researcher.card.models import ServiceCard, ServiceCardRow, ServiceCardVersion, card_row_needs
from researcher.exports.models import ExportJob
from researcher.followups.models import Followup, FollowupEvent
from researcher.gminas.models import Gmina, Locality
from researcher.imports.models import ImportFile
from researcher.interviews.models import (
    Contact,
    Need,
    QuarantinedRecord,
    SyncBatch,
    Visit,
    VisitVersion,
)
from researcher.jobs.models import Job
from researcher.meetings.models import Meeting
from researcher.needs.models import NeedChange
from researcher.recommendations.models import Recommendation, RecommendationEvidence
from researcher.recommendations.public import PublicSummary
from researcher.resources.models import Referral, Resource
from researcher.rights.models import ErasureRecord, RetentionRun, RightsRequest
from researcher.servicetypes.models import ServiceTypeReview
from researcher.steering.models import LocalityAssignment, LocalityTarget, VisitReview
from researcher.themes.models import AnalysisRun, NeedVector, Theme, ThemeAssignment

__all__ = [
    "AccessLogEntry",
    "UserPermission",
    "AnalysisRun",
    "ExportJob",
    "Followup",
    "FollowupEvent",
    "NeedChange",
    "ErasureRecord",
    "RetentionRun",
    "RightsRequest",
    "NeedVector",
    "ServiceCard",
    "ServiceCardRow",
    "ServiceCardVersion",
    "ServiceTypeReview",
    "Theme",
    "ThemeAssignment",
    "card_row_needs",
    "Campaign",
    "Contact",
    "Gmina",
    "ImportFile",
    "Job",
    "Locality",
    "Meeting",
    "LoginThrottle",
    "Need",
    "PublicSummary",
    "Recommendation",
    "RecommendationEvidence",
    "QuarantinedRecord",
    "Referral",
    "Resource",
    "SyncBatch",
    "User",
    "Visit",
    "VisitVersion",
    "campaign_researchers",
    "LocalityAssignment",
    "LocalityTarget",
    "VisitReview",
]
