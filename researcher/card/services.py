"""Build the service card: rows from themes or needs, evidence behind each row, versions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from forms.vocabulary import AREAS_BY_KEY
from researcher.auth.models import User
from researcher.card.models import (
    CRITERIA,
    PROVIDERS,
    ServiceCard,
    ServiceCardRow,
    ServiceCardVersion,
)
from researcher.extensions import db, utcnow
from researcher.interviews.models import Need, NeedStatus
from researcher.service_errors import ServiceError
from researcher.themes.models import Theme, ThemeAssignment

URGENCIES = ("pilna", "3m", "12m", "dlugofalowa")


class CardError(ServiceError):
    """A rule of the service card was broken; `field` names the form field it belongs to."""


@dataclass
class RowInput:
    name: str
    area: str
    offered: bool
    new: bool | None  # None: left blank
    criterion: str
    criterion_description: str = ""
    target_groups: list[str] = field(default_factory=list)
    provider: str | None = None
    justification: str = ""


@dataclass(frozen=True)
class Evidence:
    """How many residents' needs stand behind a row, and how urgent they are."""

    needs: int
    urgency: dict[str, int]
    channels: dict[str, int] = field(default_factory=dict)  # by channel (wizyta, spotkanie …)


def create_card(
    campaign_id: int, title: str, prepared_on: date, prepared_by: str, by: User,
    organisation_name: str = "",
):  # fmt: skip
    card = ServiceCard(
        campaign_id=campaign_id,
        organisation_name=organisation_name.strip() or None,
        title=title.strip() or _("Karta usług i kryteriów dostępu"),
        prepared_on=prepared_on,
        prepared_by_name=prepared_by.strip(),
        created_by_id=by.id,
    )
    db.session.add(card)
    db.session.flush()
    return card


def update_card(
    card: ServiceCard, title: str, prepared_on: date, prepared_by: str,
    organisation_name: str | None = None,
) -> None:  # fmt: skip
    card.title = title.strip() or card.title
    if organisation_name is not None:
        card.organisation_name = organisation_name.strip() or None
    card.prepared_on = prepared_on
    card.prepared_by_name = prepared_by.strip()
    card.updated_at = utcnow()


def _check(data: RowInput) -> None:
    if not data.name.strip():
        raise CardError(_("Podaj nazwę usługi."), "name")
    if data.area not in AREAS_BY_KEY:
        raise CardError(_("Wybierz obszar."), "area")
    if data.criterion not in CRITERIA:
        raise CardError(_("Wybierz kryterium dostępu."), "criterion")
    if data.criterion != "powszechnosc" and not data.criterion_description.strip():
        raise CardError(
            _("Opisz kryterium: jest wymagane, gdy dostęp nie jest powszechny."),
            "criterion_description",
        )
    if data.provider and data.provider not in PROVIDERS:
        raise CardError(_("Nieznany realizator."), "provider")


def _fill(row: ServiceCardRow, data: RowInput) -> None:
    row.name = data.name.strip()
    row.area = data.area
    row.offered = data.offered
    row.new = data.new
    row.criterion = data.criterion
    row.criterion_description = data.criterion_description.strip() or None
    row.target_groups = list(data.target_groups)
    row.provider = data.provider or None
    row.justification = data.justification.strip() or None


def add_row(
    card: ServiceCard, data: RowInput, needs: list[Need] | None = None, theme: Theme | None = None
) -> ServiceCardRow:
    _check(data)
    row = ServiceCardRow(position=len(card.rows) + 1, theme_id=theme.id if theme else None)
    _fill(row, data)
    row.needs = list(needs or [])
    card.rows.append(row)
    card.updated_at = utcnow()
    db.session.flush()
    return row


def update_row(row: ServiceCardRow, data: RowInput) -> None:
    _check(data)
    _fill(row, data)
    row.card.updated_at = utcnow()


def delete_row(row: ServiceCardRow) -> None:
    card = row.card
    card.rows.remove(row)
    for position, other in enumerate(card.rows, start=1):
        other.position = position
    card.updated_at = utcnow()


def move_row(row: ServiceCardRow, offset: int) -> None:
    rows = list(row.card.rows)
    index = rows.index(row)
    target = min(max(index + offset, 0), len(rows) - 1)
    rows.insert(target, rows.pop(index))
    for position, other in enumerate(rows, start=1):
        other.position = position


def both_offered_and_new(row: ServiceCardRow | RowInput) -> bool:
    """Allowed (a service may be relaunched in a new form), but worth a warning."""
    return bool(row.offered and row.new)


def theme_needs(theme: Theme) -> list[Need]:
    stmt = (
        db.select(Need)
        .join(ThemeAssignment, ThemeAssignment.need_id == Need.id)
        .where(ThemeAssignment.theme_id == theme.id, Need.status != NeedStatus.REJECTED)
    )
    return list(db.session.scalars(stmt))


def row_from_theme(theme: Theme) -> RowInput:
    """A row prefilled from a theme: its name, its dominant area, its needs' target groups."""
    needs = theme_needs(theme)
    groups = Counter(g for n in needs for g in (n.reviewed_target_groups or n.target_groups))
    return RowInput(
        name=theme.display_name,
        area=theme.dominant_area or "pomoc_spoleczna",
        offered=False,
        new=True,
        criterion="powszechnosc",
        target_groups=[g for g, _count in groups.most_common(3)],
    )


def campaign_needs(card: ServiceCard, ids: list[int]) -> list[Need]:
    """The needs of the card's campaign among `ids` (others are ignored, never added)."""
    return list(
        db.session.scalars(
            db.select(Need).where(Need.id.in_(ids), Need.campaign_id == card.campaign_id)
        )
    )


def row_from_needs(needs: list[Need], name: str = "") -> RowInput:
    """A new row for the chosen needs: their commonest area and groups; a name by default."""
    areas = Counter(n.reviewed_area or n.area for n in needs)
    groups = Counter(g for n in needs for g in (n.reviewed_target_groups or n.target_groups))
    return RowInput(
        name=name.strip() or _("Nowa usługa"),
        area=areas.most_common(1)[0][0] if areas else "pomoc_spoleczna",
        offered=False,
        new=True,
        criterion="powszechnosc",
        target_groups=[g for g, _count in groups.most_common(3)],
    )


def evidence(row: ServiceCardRow) -> Evidence:
    needs = [n for n in row.needs if n.status != NeedStatus.REJECTED]
    urgency = Counter(n.urgency for n in needs)
    channels = Counter(n.channel for n in needs)
    return Evidence(len(needs), {u: urgency.get(u, 0) for u in URGENCIES}, dict(channels))


def snapshot(card: ServiceCard) -> dict[str, Any]:
    """Everything a printed card shows, frozen as data."""
    return {
        "title": card.title,
        "prepared_on": card.prepared_on.isoformat(),
        "prepared_by_name": card.prepared_by_name,
        "rows": [
            {
                "position": r.position,
                "name": r.name,
                "area": r.area,
                "offered": r.offered,
                "new": r.new,
                "criterion": r.criterion,
                "criterion_description": r.criterion_description,
                "target_groups": r.target_groups,
                "provider": r.provider,
                "justification": r.justification,
                "needs": evidence(r).needs,
                "urgency": evidence(r).urgency,
            }
            for r in card.rows
        ],
    }


def save_version(card: ServiceCard, by: User) -> ServiceCardVersion:
    version = ServiceCardVersion(
        card_id=card.id, number=card.version, saved_by_id=by.id, snapshot=snapshot(card)
    )
    card.versions.append(version)
    card.version += 1
    db.session.flush()
    return version
