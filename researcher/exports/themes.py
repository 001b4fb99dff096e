"""The themes table of the diagnosis: the latest finished run's themes and their sizes, or,
with a channel filter, each theme's needs of that channel (counted in SQL)."""

from __future__ import annotations

from researcher.extensions import db
from researcher.interviews.models import Need, NeedStatus
from researcher.reports.tables import CountTable
from researcher.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment


def themes_table(campaign_id: int, channel: str | None = None) -> CountTable | None:
    """Themes of the latest finished analysis run and their sizes, or None without a run;
    with a channel, each theme's needs of that channel (counted in SQL)."""
    run = db.session.scalar(
        db.select(AnalysisRun)
        .where(AnalysisRun.campaign_id == campaign_id, AnalysisRun.status == RunStatus.READY)
        .order_by(AnalysisRun.id.desc())
    )
    if run is None:
        return None
    themes = db.session.scalars(
        db.select(Theme)
        .where(Theme.run_id == run.id, Theme.merged_into_id.is_(None))
        .order_by(Theme.size.desc(), Theme.number)
    ).all()
    if not themes:
        return None
    sizes = [[theme.size] for theme in themes]
    if channel is not None:
        counted = _theme_sizes(run.id, channel)
        sizes = [[counted.get(theme.id, 0)] for theme in themes]
    return CountTable(
        key="themes",
        title="Tematy potrzeb i ich liczebność",
        unit="potrzeby",
        row_header="Temat",
        rows=[str(theme.id) for theme in themes],
        row_labels=[theme.display_name for theme in themes],
        columns=["n"],
        column_labels=["Liczba potrzeb"],
        counts=sizes,
        column_totals=[sum(size for (size,) in sizes)],
        total=sum(size for (size,) in sizes),
    )


def _theme_sizes(run_id: int, channel: str) -> dict[int, int]:
    """Needs of `channel` per theme of the run, a merged theme's needs counted in its target."""
    rows = db.session.execute(
        db.select(ThemeAssignment.theme_id, db.func.count())
        .join(Need, Need.id == ThemeAssignment.need_id)
        .where(ThemeAssignment.run_id == run_id, Need.channel == channel,
               Need.status != NeedStatus.REJECTED)
        .group_by(ThemeAssignment.theme_id)
    ).all()  # fmt: skip
    merged = dict(db.session.execute(
        db.select(Theme.id, Theme.merged_into_id).where(Theme.run_id == run_id)).all())
    sizes: dict[int, int] = {}
    for theme_id, n in rows:
        target = theme_id
        while merged.get(target) is not None:
            target = merged[target]
        sizes[target] = sizes.get(target, 0) + n
    return sizes
