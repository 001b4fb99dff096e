"""Create and change campaigns; decide which researchers may work on which campaign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forms.questionnaire import QUESTIONNAIRES
from researcher.auth.models import RESEARCHER, User
from researcher.campaigns.models import Campaign, CampaignStatus
from researcher.extensions import db
from researcher.gminas.models import Gmina


class CampaignError(Exception):
    """A rule about campaigns was broken; the message is for the user."""


@dataclass
class CampaignInput:
    name: str
    gmina: Gmina
    starts_on: date
    ends_on: date
    status: str
    questionnaire_version: str
    open_to_all_researchers: bool
    researcher_ids: list[int]


def _apply(campaign: Campaign, data: CampaignInput) -> None:
    if data.ends_on < data.starts_on:
        raise CampaignError(_("Data zakończenia nie może być wcześniejsza niż data rozpoczęcia."))
    if data.status not in tuple(CampaignStatus):
        raise CampaignError(_("Nieznany status kampanii."))
    campaign.name = data.name.strip()
    campaign.gmina_code = data.gmina.code
    campaign.starts_on = data.starts_on
    campaign.ends_on = data.ends_on
    campaign.status = data.status
    campaign.questionnaire_version = data.questionnaire_version
    campaign.open_to_all_researchers = data.open_to_all_researchers
    campaign.researchers = list(
        db.session.scalars(
            db.select(User).where(User.id.in_(data.researcher_ids), User.role == RESEARCHER)
        )
    )


def create_campaign(data: CampaignInput) -> Campaign:
    campaign = Campaign()
    _apply(campaign, data)
    db.session.add(campaign)
    db.session.flush()
    return campaign


def update_campaign(campaign: Campaign, data: CampaignInput) -> None:
    _apply(campaign, data)
    db.session.flush()


def may_work_on(user: User, campaign: Campaign) -> bool:
    """Researchers work only on campaigns open to all or assigned to them."""
    if user.role != RESEARCHER:
        return False
    return campaign.open_to_all_researchers or user in campaign.researchers


def campaigns_for(user: User) -> list[Campaign]:
    """Active campaigns this researcher may record visits for."""
    # Researchers loaded with the campaigns: `may_work_on` would query once per campaign.
    stmt = (
        db.select(Campaign)
        .options(selectinload(Campaign.researchers))
        .where(Campaign.status == CampaignStatus.ACTIVE)
        .order_by(Campaign.name)
    )
    return [c for c in db.session.scalars(stmt) if may_work_on(user, c)]


def questionnaire_versions() -> list[str]:
    """Every published questionnaire version, newest first."""
    return sorted(QUESTIONNAIRES, reverse=True)
