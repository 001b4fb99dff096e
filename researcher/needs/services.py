"""Review of needs by the Menedżer US: search, correct, verify, reject, flag, approve quotes.

The researcher's answers on a Need stay as recorded; the manager's corrections live in the
`reviewed_*` columns and every change is logged in `need_changes` (who, when, old, new).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, or_

from analysis.pii import find_pii, mask_pii
from forms.vocabulary import AREAS_BY_KEY, TARGET_GROUPS_BY_KEY
from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.models import Need, NeedStatus
from researcher.needs.models import NeedChange

SCOPE_FLAGS = ("potrzeba_materialna", "poza_zakresem")
PAGE_SIZE = 50


class ReviewError(Exception):
    """A review rule was broken; `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class NeedQuery:
    campaign_id: int | None = None
    area: str | None = None
    urgency: str | None = None
    status: str | None = None
    locality_id: int | None = None
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1


def effective_area(need: Need) -> str:
    return need.reviewed_area or need.area


def effective_groups(need: Need) -> list[str]:
    return need.reviewed_target_groups if need.reviewed_target_groups is not None else (
        need.target_groups
    )


def shown_description(need: Need) -> str:
    """What a manager sees: personal data masked, always."""
    return mask_pii(need.description)


def _casefold(column, dialect: str):
    # SQLite's lower() knows only ASCII ("Ł" stays "Ł"); pl_lower is registered on connect.
    return func.pl_lower(column) if dialect == "sqlite" else func.lower(column)


def search(query: NeedQuery) -> tuple[list[Need], int]:
    """One page of needs matching the filters, newest first, and the total count."""
    stmt: Select = db.select(Need)
    if query.campaign_id:
        stmt = stmt.where(Need.campaign_id == query.campaign_id)
    if query.area:
        stmt = stmt.where(func.coalesce(Need.reviewed_area, Need.area) == query.area)
    if query.urgency:
        stmt = stmt.where(Need.urgency == query.urgency)
    if query.status:
        stmt = stmt.where(Need.status == query.status)
    if query.locality_id:
        stmt = stmt.where(Need.locality_id == query.locality_id)
    # Days in Poland, as on the dashboard (recorded_at is UTC).
    if query.date_from:
        stmt = stmt.where(Need.recorded_on >= query.date_from)
    if query.date_to:
        stmt = stmt.where(Need.recorded_on <= query.date_to)
    words = query.text.split()
    if words:
        dialect = db.session.get_bind().dialect.name
        text = _casefold(Need.description, dialect)
        service = _casefold(func.coalesce(Need.service_type, ""), dialect)
        for word in words:
            pattern = f"%{word.lower()}%"
            stmt = stmt.where(or_(text.like(pattern), service.like(pattern)))
    page = db.paginate(
        stmt.order_by(Need.recorded_at.desc(), Need.id.desc()),
        page=max(query.page, 1),
        per_page=PAGE_SIZE,
        error_out=False,  # a page past the end is an empty page, not a 404
    )
    return list(page.items), page.total or 0


def _log(need: Need, by: User, field: str, old: Any, new: Any) -> None:
    if old != new:
        db.session.add(
            NeedChange(need_id=need.id, user_id=by.id, field=field, old_value=old, new_value=new)
        )


def correct(need: Need, by: User, area: str, target_groups: list[str]) -> None:
    """Set the manager's area and target groups; equal to the researcher's → no correction."""
    if area not in AREAS_BY_KEY:
        raise ReviewError(_("Wybierz obszar."), "area")
    unknown = [g for g in target_groups if g not in TARGET_GROUPS_BY_KEY]
    if unknown or not target_groups:
        raise ReviewError(_("Wybierz co najmniej jedną grupę docelową z listy."), "target_groups")
    new_area = None if area == need.area else area
    new_groups = None if sorted(target_groups) == sorted(need.target_groups) else target_groups
    _log(need, by, "area", effective_area(need), area)
    _log(need, by, "target_groups", effective_groups(need), target_groups)
    need.reviewed_area = new_area
    need.reviewed_target_groups = new_groups


def set_status(need: Need, by: User, status: str, reason: str = "") -> None:
    if status not in tuple(NeedStatus):
        raise ReviewError(_("Nieznany status."), "status")
    if status == NeedStatus.REJECTED and not reason.strip():
        raise ReviewError(_("Podaj powód odrzucenia."), "reason")
    _log(need, by, "status", need.status, status)
    need.status = status
    need.status_reason = reason.strip() or None


def set_scope_flag(need: Need, by: User, flag: str | None) -> None:
    if flag and flag not in SCOPE_FLAGS:
        raise ReviewError(_("Nieznane oznaczenie."), "scope_flag")
    _log(need, by, "scope_flag", need.scope_flag, flag or None)
    need.scope_flag = flag or None


def approve_quote(need: Need, by: User, approved: bool) -> None:
    """A description may be quoted in exports only after this, and never with personal data."""
    if approved and find_pii(need.description):
        raise ReviewError(
            _("Opis zawiera dane osobowe (PESEL, telefon lub e-mail) — nie może być cytowany."),
            "quote_approved",
        )
    _log(need, by, "quote_approved", need.quote_approved, approved)
    need.quote_approved = approved


def history(need: Need) -> list[NeedChange]:
    stmt = (
        db.select(NeedChange)
        .where(NeedChange.need_id == need.id)
        .order_by(NeedChange.changed_at.desc(), NeedChange.id.desc())
    )
    return list(db.session.scalars(stmt))
