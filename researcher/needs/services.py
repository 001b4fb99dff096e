"""Review of needs by the Menedżer US: search, correct, verify, reject, flag, approve quotes.

The researcher's answers on a Need stay as recorded; the manager's corrections live in the
`reviewed_*` columns and every change is logged in `need_changes` (who, when, old, new).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, literal_column, tuple_

from analysis.pii import find_pii, mask_pii, placeholder_kinds
from forms.vocabulary import AREAS_BY_KEY, TARGET_GROUPS_BY_KEY
from researcher.auth.models import User
from researcher.extensions import db
from researcher.interviews.models import Need, NeedStatus
from researcher.needs.models import NeedChange
from researcher.service_errors import ServiceError

SCOPE_FLAGS = ("potrzeba_materialna", "poza_zakresem")
PAGE_SIZE = 50
COUNT_LIMIT = 10_000
#: A word search reads and checks every need it counts (the trigram index only narrows the
#: candidates), so it counts less far: at a million interviews a common word ("opieki",
#: ~90,000 matches) took 170–450 ms to count to 10,000 and takes ~70 ms to 1,000 — as many as
#: anyone reads before narrowing the search.
WORD_COUNT_LIMIT = 1_000


class ReviewError(ServiceError):
    """A review rule was broken; `field` names the form field it belongs to."""


@dataclass(frozen=True)
class Cursor:
    """A place in the list: the (recorded_at, id) of a need; the list is in that order."""

    recorded_at: datetime
    id: int

    @classmethod
    def of(cls, need: Need) -> Cursor:
        return cls(need.recorded_at, need.id)

    @classmethod
    def parse(cls, token: str | None) -> Cursor | None:
        """The cursor from a URL (`2026-05-10T10:00:00_42`); None for anything else."""
        when, _sep, ident = (token or "").rpartition("_")
        try:
            return cls(datetime.fromisoformat(when), int(ident))
        except ValueError:
            return None

    def token(self) -> str:
        return f"{self.recorded_at.isoformat()}_{self.id}"


@dataclass
class NeedQuery:
    campaign_id: int | None = None
    area: str | None = None
    urgency: str | None = None
    channel: str | None = None
    status: str | None = None
    locality_id: int | None = None
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    after: Cursor | None = None  # the page of needs older than this one
    before: Cursor | None = None  # the page of needs newer than this one


@dataclass(frozen=True)
class NeedPage:
    """One page of the list, how many match (counted up to a limit), and where to go."""

    needs: list[Need]
    total: int
    more_than: bool  # at least `total` match; nobody pages through 10,000 needs
    older: Cursor | None
    newer: Cursor | None


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


#: What the word search reads: the description and the type of service, as one text. On
#: PostgreSQL the expression is exactly the one of the trigram index `ix_needs_search_trgm`
#: (see the migration), so `LIKE '%słowo%'` is answered from the index.
SEARCHED = "needs.description || ' ' || coalesce(needs.service_type, '')"


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: NeedQuery) -> Select:
    stmt: Select = db.select(Need)
    if query.campaign_id:
        stmt = stmt.where(Need.campaign_id == query.campaign_id)
    if query.area:
        stmt = stmt.where(func.coalesce(Need.reviewed_area, Need.area) == query.area)
    if query.urgency:
        stmt = stmt.where(Need.urgency == query.urgency)
    if query.status:
        stmt = stmt.where(Need.status == query.status)
    if query.channel:
        stmt = stmt.where(Need.channel == query.channel)
    if query.locality_id:
        stmt = stmt.where(Need.locality_id == query.locality_id)
    # Days in Poland, as on the dashboard (recorded_at is UTC).
    if query.date_from:
        stmt = stmt.where(Need.recorded_on >= query.date_from)
    if query.date_to:
        stmt = stmt.where(Need.recorded_on <= query.date_to)
    words = query.text.split()
    if words:
        searched = _casefold(literal_column(SEARCHED), db.session.get_bind().dialect.name)
        for word in words:
            stmt = stmt.where(searched.like(_like(word.lower()), escape="\\"))
    return stmt


def search(query: NeedQuery) -> NeedPage:
    """One page of needs matching the filters, newest first (keyset paging on
    `ix_needs_recorded` / `ix_needs_campaign_recorded`: no OFFSET, so page 2,000 costs what
    page 1 does), and how many match, counted only up to COUNT_LIMIT (WORD_COUNT_LIMIT when
    searching for words)."""
    stmt = _filtered(query)
    key = tuple_(Need.recorded_at, Need.id)
    if query.before is not None:  # read upwards from `before`, then show newest first
        rows = list(db.session.scalars(
            stmt.where(key > tuple_(query.before.recorded_at, query.before.id))
            .order_by(Need.recorded_at, Need.id)
            .limit(PAGE_SIZE + 1)
        ))
        newer_exist, older_exist = len(rows) > PAGE_SIZE, True
        rows = rows[:PAGE_SIZE][::-1]
    else:
        if query.after is not None:
            stmt_page = stmt.where(key < tuple_(query.after.recorded_at, query.after.id))
        else:
            stmt_page = stmt
        rows = list(db.session.scalars(
            stmt_page.order_by(Need.recorded_at.desc(), Need.id.desc()).limit(PAGE_SIZE + 1)
        ))
        newer_exist, older_exist = query.after is not None, len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
    limit = WORD_COUNT_LIMIT if query.text.split() else COUNT_LIMIT
    capped = stmt.with_only_columns(Need.id).limit(limit + 1).subquery()
    total = db.session.scalar(db.select(func.count()).select_from(capped)) or 0
    return NeedPage(
        needs=rows,
        total=min(total, limit),
        more_than=total > limit,
        older=Cursor.of(rows[-1]) if rows and older_exist else None,
        newer=Cursor.of(rows[0]) if rows and newer_exist else None,
    )


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
    # Masked at ingestion, the description holds placeholders where the personal data were.
    if approved and (find_pii(need.description) or placeholder_kinds(need.description)):
        raise ReviewError(
            _("Opis zawiera dane osobowe (PESEL, telefon lub e-mail) — nie może być cytowany."),
            "quote_approved",
        )
    _log(need, by, "quote_approved", need.quote_approved, approved)
    need.quote_approved = approved
