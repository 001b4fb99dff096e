"""The campaign picker: thousands of campaigns (one per gmina), one short list at a time.

A select of every campaign is unusable at 2,479 options and cost one query per option for its
gmina's name. The picker shows the newest campaigns matching a search by campaign name, gmina
name, powiat or TERC code — at most `PICKER_LIMIT`, gminas loaded in the same statement — and
always keeps the chosen campaign in the list, so `?kampania=N` links keep working.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_
from sqlalchemy.orm import contains_eager, joinedload

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Gmina

PICKER_LIMIT = 30


@dataclass(frozen=True)
class Picker:
    """The chosen campaign (if any), the short list to choose from, and the search behind it."""

    chosen: Campaign | None
    campaigns: list[Campaign]
    search: str
    matched: int  # how many match the search, up to `limit`
    more: bool  # more campaigns match than the list shows: narrow the search
    limit: int = PICKER_LIMIT

    def choices(self) -> list[tuple[int, str]]:
        return [(c.id, label(c)) for c in self.campaigns]


def label(campaign: Campaign) -> str:
    """What a person tells campaigns apart by: its name and its gmina (names repeat)."""
    return f"{campaign.name} – {campaign.gmina.display_name}"


def _lower(column):  # noqa: ANN001, ANN202
    # SQLite's lower() knows only ASCII ("Ł" stays "Ł"); pl_lower is registered on connect.
    return db.func.pl_lower(column) if db.engine.dialect.name == "sqlite" else db.func.lower(column)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_campaigns(search: str = "", limit: int = PICKER_LIMIT) -> list[Campaign]:
    """The newest campaigns whose name, gmina, powiat or TERC code contains `search`."""
    stmt = db.select(Campaign).join(Campaign.gmina).options(contains_eager(Campaign.gmina))
    words = search.split()
    for word in words:
        pattern = _like(word.lower())
        stmt = stmt.where(
            or_(
                _lower(Campaign.name).like(pattern, escape="\\"),
                _lower(Gmina.name).like(pattern, escape="\\"),
                _lower(Gmina.powiat).like(pattern, escape="\\"),
                Gmina.terc.startswith(word, autoescape=True),
            )
        )
    stmt = stmt.order_by(Campaign.starts_on.desc(), Campaign.id.desc()).limit(limit)
    return list(db.session.scalars(stmt))


def pick(chosen_id: int | None, search: str = "", *, default_newest: bool = True) -> Picker:
    """The picker for a page: the chosen campaign (or the newest match) kept in the list."""
    matches = find_campaigns(search, PICKER_LIMIT + 1)
    more = len(matches) > PICKER_LIMIT
    matches = matches[:PICKER_LIMIT]
    chosen = None
    if chosen_id:
        chosen = next((c for c in matches if c.id == chosen_id), None) or db.session.get(
            Campaign, chosen_id, options=[joinedload(Campaign.gmina)]
        )
    if chosen is None and default_newest:
        chosen = matches[0] if matches else next(iter(find_campaigns("", 1)), None)
    shown = matches if chosen is None or chosen in matches else [chosen, *matches]
    return Picker(
        chosen=chosen, campaigns=shown, search=search.strip(), matched=len(matches), more=more
    )
