"""The one-page summary for residents: what was heard and what the NGO proposes, in plain
Polish, with disclosure-safe figures only — an area, a channel or a theme is named only when
its published count is at least k; smaller groups are never shown, not even as "<k"."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import force_locale

from researcher.campaigns.models import Campaign
from researcher.recommendations import services
from researcher.reports import aggregates, evidence
from researcher.reports.disclosure import publish, publish_count, publish_rate
from researcher.reports.tables import PublishedTable

TOP = 5


@dataclass(frozen=True)
class ResidentsSummary:
    campaign: str
    gmina: str
    period: str
    interviews: str  # published text, e.g. "124" or "<5"
    response_rate: str  # e.g. "63,2%", or "–" on a base too small
    needs: str
    areas: list[tuple[str, int]] = field(default_factory=list)  # (label, count ≥ k)
    channels: list[tuple[str, int]] = field(default_factory=list)
    themes: list[tuple[str, int]] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    k: int = 5

    def counts(self) -> list[int]:
        """Every number the page shows as a count (for checks)."""
        return [n for rows in (self.areas, self.channels, self.themes) for _, n in rows]


def _safe_rows(table: PublishedTable, k: int) -> list[tuple[str, int]]:
    rows = [
        (label, cells[0].value)
        for label, cells in zip(table.row_labels, table.cells, strict=True)
        if cells[0].suppressed is None and cells[0].value is not None and cells[0].value >= k
    ]
    return sorted(rows, key=lambda row: -row[1])[:TOP]


def residents_summary(campaign: Campaign, k: int) -> ResidentsSummary:
    with force_locale("pl"):
        figures = aggregates.report(aggregates.ReportFilter(campaign_id=campaign.id))
        summary = figures.summary
        areas = _safe_rows(publish(figures.tables["needs_by_area"], k), k)
        channel_table = evidence.needs_by_channel(evidence.EvidenceFilter(campaign.id))
        channels = _safe_rows(publish(channel_table, k), k)
        themes = [
            (theme.display_name, theme.size)
            for theme in services._themes(campaign.id)
            if publish_count(theme.size, k).value is not None and theme.size >= k
        ][:TOP]
        return ResidentsSummary(
            campaign=campaign.name,
            gmina=campaign.gmina.display_name,
            period=f"{campaign.starts_on:%d.%m.%Y}–{campaign.ends_on:%d.%m.%Y}",
            interviews=publish_count(summary.interviews, k).text,
            response_rate=publish_rate(summary.interviews, summary.eligible_visits, k).text,
            needs=publish_count(summary.needs, k).text,
            areas=areas,
            channels=channels,
            themes=themes,
            proposals=[r.title for r in services.of_campaign(campaign.id)],
            k=k,
        )
