"""Rules of a synced record that the schema cannot know: the user's rights on the campaign,
the campaign's gmina, and its period (a visit lies within it, not in the future)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.campaigns.services import may_work_on
from researcher.extensions import LOCAL_TIME, db, local_today, utcnow
from researcher.gminas.models import Locality


@dataclass(frozen=True)
class CampaignAccess:
    """What the record rules need of a campaign the user may work on."""

    gmina_code: str
    starts_on: date
    ends_on: date


@dataclass
class AccessCache:
    """What `access_errors` looked up, kept for one user's batch: each campaign and locality
    is read once. `campaigns`: campaign id → its `CampaignAccess` when the user may work on it,
    else None; `localities`: locality id → its gmina code, None when it does not exist."""

    campaigns: dict[int, CampaignAccess | None] = field(default_factory=dict)
    localities: dict[int, str | None] = field(default_factory=dict)


#: A phone's clock may run ahead of the server's by this much.
CLOCK_SKEW = timedelta(hours=2)
def after_today(day: date, now: datetime | None = None) -> bool:
    """Is `day` later than today in Poland, even for a phone whose clock runs `CLOCK_SKEW`
    ahead? The server's UTC date would refuse, between midnight and one in the morning in
    Poland, a meeting held that very day."""
    return day > local_today((now or utcnow()) + CLOCK_SKEW)


#: Days of margin around the campaign's period (time zones, a phone's wrong date).
PERIOD_MARGIN = timedelta(days=1)


def _date_errors(recorded_at: datetime, campaign: CampaignAccess) -> dict[str, list[str]]:
    """`recorded_at` must fall within the campaign's period (± a day) and not in the future.

    A record of an ended campaign recorded while it ran is accepted whenever it arrives (a
    phone may sync late: nothing is lost); one recorded after the end is not."""
    day = recorded_at.astimezone(LOCAL_TIME).date()
    if recorded_at.astimezone(UTC) > datetime.now(UTC) + CLOCK_SKEW:
        return {"recorded_at": [_(
            "Data wizyty jest w przyszłości. Sprawdź datę i godzinę w telefonie.")]}
    if day < campaign.starts_on - PERIOD_MARGIN:
        return {"recorded_at": [_(
            "Wizyta jest wcześniejsza niż początek kampanii (%(day)s).",
            day=format_date(campaign.starts_on))]}
    if day > campaign.ends_on + PERIOD_MARGIN:
        return {"recorded_at": [_(
            "Kampania zakończyła się %(day)s; wizyt zapisanych po jej końcu nie można przyjąć.",
            day=format_date(campaign.ends_on))]}
    return {}


def _campaign_access(campaign_id: int, user: User, cache: AccessCache) -> CampaignAccess | None:
    if campaign_id not in cache.campaigns:
        campaign = db.session.get(Campaign, campaign_id)
        allowed = campaign is not None and may_work_on(user, campaign)
        cache.campaigns[campaign_id] = (
            CampaignAccess(campaign.gmina_code, campaign.starts_on, campaign.ends_on)
            if allowed else None
        )
    return cache.campaigns[campaign_id]


def access_errors(
    record: dict[str, Any], user: User, cache: AccessCache | None = None
) -> dict[str, list[str]]:
    """Server-side rules the schema cannot know: campaign rights, the campaign's gmina and
    period. `record`: the loaded record (envelope and data)."""
    cache = cache or AccessCache()
    data = record["data"]
    campaign = _campaign_access(data["campaign_id"], user, cache)
    if campaign is None:
        return {"data.campaign_id": [_("Nie masz dostępu do tej kampanii.")]}
    locality_id = data.get("locality_id")
    if locality_id is not None:
        if locality_id not in cache.localities:
            locality = db.session.get(Locality, locality_id)
            cache.localities[locality_id] = locality.gmina_code if locality else None
        if cache.localities[locality_id] != campaign.gmina_code:
            return {"data.locality_id": [_("Ta miejscowość nie należy do gminy kampanii.")]}
    return _date_errors(record["recorded_at"], campaign)
