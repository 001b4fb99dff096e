"""Every model, imported in one place so Alembic and `db.create_all` see the whole schema."""

from researcher.auth.models import LoginThrottle, User
from researcher.campaigns.models import Campaign, campaign_researchers
from researcher.gminas.models import Gmina, Locality

__all__ = ["Campaign", "Gmina", "Locality", "LoginThrottle", "User", "campaign_researchers"]
