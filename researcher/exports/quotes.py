"""The approved quotes of the diagnosis: needs' descriptions the manager approved, by theme."""

from __future__ import annotations

from analysis.pii import find_pii
from researcher.exports.document import TextItem
from researcher.extensions import db
from researcher.interviews.models import Need, NeedStatus
from researcher.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment


def approved_quotes(
    campaign_id: int, per_theme: int = 5, channel: str | None = None
) -> list[TextItem]:
    """Descriptions the manager approved for quoting, by theme of the latest analysis.

    Checked for personal data again here: a text with any (PESEL, phone, e-mail) is left out,
    whatever its approval says. Rejected needs are never quoted.
    """
    run_id = db.session.scalar(
        db.select(AnalysisRun.id)
        .where(AnalysisRun.campaign_id == campaign_id, AnalysisRun.status == RunStatus.READY)
        .order_by(AnalysisRun.id.desc())
    )  # fmt: skip
    themes = {}
    if run_id is not None:
        rows = db.session.execute(
            db.select(ThemeAssignment.need_id, ThemeAssignment.theme_id)
            .where(ThemeAssignment.run_id == run_id)
        )  # fmt: skip
        names = {
            t.id: t for t in db.session.scalars(db.select(Theme).where(Theme.run_id == run_id))
        }
        for need_id, theme_id in rows:
            theme = names.get(theme_id)
            while theme is not None and theme.merged_into_id is not None:
                theme = names.get(theme.merged_into_id)
            themes[need_id] = theme.display_name if theme is not None else None
    where = [Need.campaign_id == campaign_id, Need.quote_approved.is_(True),
             Need.status != NeedStatus.REJECTED]  # fmt: skip
    if channel is not None:
        where.append(Need.channel == channel)
    quotes = db.session.execute(
        db.select(Need.id, Need.description).where(*where).order_by(Need.recorded_at, Need.id)
    )
    grouped: dict[str, list[str]] = {}
    for need_id, text in quotes:
        if find_pii(text):
            continue
        heading = themes.get(need_id) or "Inne potrzeby"
        if len(grouped.setdefault(heading, [])) < per_theme:
            grouped[heading].append(text.strip())
    return [TextItem(h, text) for h in sorted(grouped) for text in grouped[h]]
