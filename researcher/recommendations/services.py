"""Writing recommendations and describing their evidence with disclosure-safe figures.

A recommendation must rest on at least one piece of evidence of the campaign: a theme of its
latest analysis, an area with needs, a row of its service card, or the universality gap in an
area. Figures are published with `publish_count` (k, "<k" below it), as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from forms.vocabulary import AREAS_BY_KEY
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.card.models import ServiceCard, ServiceCardRow, card_row_needs
from researcher.extensions import db
from researcher.interviews.models import Need, NeedStatus
from researcher.recommendations.models import EvidenceKind, Recommendation, RecommendationEvidence
from researcher.recommendations.public import PublicSummary, new_token
from researcher.reports.disclosure import publish_count
from researcher.reports.evidence import CRITERIA, UNIVERSAL, _has
from researcher.reports.slices import EFFECTIVE_AREA
from researcher.service_errors import ServiceError
from researcher.themes.models import AnalysisRun, RunStatus, Theme


class RecommendationError(ServiceError):
    """A recommendation rule was broken; `field` names the form field."""


@dataclass(frozen=True)
class EvidenceLine:
    """One recommendation as it is exported: its evidence already as safe text."""

    title: str
    body: str
    evidence: list[str]


def _live(campaign_id: int) -> list:
    return [Need.campaign_id == campaign_id, Need.status != NeedStatus.REJECTED]


def _themes(campaign_id: int) -> list[Theme]:
    run = db.session.scalar(
        select(AnalysisRun).where(AnalysisRun.campaign_id == campaign_id,
                                  AnalysisRun.status == RunStatus.READY)
        .order_by(AnalysisRun.id.desc())
    )  # fmt: skip
    if run is None:
        return []
    return list(db.session.scalars(
        select(Theme).where(Theme.run_id == run.id, Theme.merged_into_id.is_(None))
        .order_by(Theme.size.desc())
    ))  # fmt: skip


def _card_rows(campaign_id: int) -> list[ServiceCardRow]:
    return list(db.session.scalars(
        select(ServiceCardRow).join(ServiceCard, ServiceCard.id == ServiceCardRow.card_id)
        .where(ServiceCard.campaign_id == campaign_id).order_by(ServiceCardRow.position)
    ))  # fmt: skip


def _area_counts(campaign_id: int, *extra) -> dict[str, int]:
    rows = db.session.execute(
        select(EFFECTIVE_AREA, func.count()).where(*_live(campaign_id), *extra)
        .group_by(EFFECTIVE_AREA)
    )  # fmt: skip
    return dict(rows.all())


def evidence_choices(campaign: Campaign) -> dict[str, str]:
    """key ("kind:ref") → label of every piece of evidence the campaign offers."""
    choices: dict[str, str] = {}
    for theme in _themes(campaign.id):
        choices[f"{EvidenceKind.THEME}:{theme.id}"] = _("Temat: %(name)s", name=theme.display_name)
    areas = _area_counts(campaign.id)
    for key in AREAS_BY_KEY:
        if areas.get(key):
            label = AREAS_BY_KEY[key].label
            choices[f"{EvidenceKind.AREA}:{key}"] = _("Potrzeby w obszarze: %(a)s", a=_(label))
            choices[f"{EvidenceKind.GAP}:{key}"] = _("Luka powszechności: %(a)s", a=_(label))
    for row in _card_rows(campaign.id):
        choices[f"{EvidenceKind.CARD_ROW}:{row.id}"] = _("Karta: %(name)s", name=row.name)
    return choices


def save(
    campaign: Campaign, title: str, body: str, evidence: list[str], by: User,
    recommendation: Recommendation | None = None,
) -> Recommendation:  # fmt: skip
    """Create or change a recommendation; it must name at least one piece of evidence."""
    if not title.strip():
        raise RecommendationError(_("Podaj tytuł rekomendacji."), "title")
    if not body.strip():
        raise RecommendationError(_("Opisz rekomendację."), "body")
    allowed = evidence_choices(campaign)
    chosen = list(dict.fromkeys(evidence))
    if not chosen:
        raise RecommendationError(
            _("Wskaż co najmniej jeden dowód: temat, liczbę potrzeb, wiersz karty lub lukę."),
            "evidence",
        )
    if any(key not in allowed for key in chosen):
        raise RecommendationError(_("Dowód spoza tej kampanii."), "evidence")
    if recommendation is None:
        last = db.session.scalar(
            select(func.max(Recommendation.position)).where(
                Recommendation.campaign_id == campaign.id)
        )  # fmt: skip
        recommendation = Recommendation(campaign_id=campaign.id, position=(last or 0) + 1,
                                        created_by_id=by.id)  # fmt: skip
        db.session.add(recommendation)
    recommendation.title = title.strip()[:200]
    recommendation.body = body.strip()
    recommendation.evidence = [
        RecommendationEvidence(kind=key.split(":", 1)[0], ref=key.split(":", 1)[1])
        for key in chosen
    ]
    db.session.flush()
    return recommendation


def delete(recommendation: Recommendation) -> None:
    db.session.delete(recommendation)
    db.session.flush()


def of_campaign(campaign_id: int) -> list[Recommendation]:
    return list(db.session.scalars(
        select(Recommendation).where(Recommendation.campaign_id == campaign_id)
        .order_by(Recommendation.position)
    ))  # fmt: skip


def describe(link: RecommendationEvidence, campaign_id: int, k: int) -> str:
    """The evidence as a sentence with published figures (never a count below k)."""
    kind, ref = link.kind, link.ref
    if kind == EvidenceKind.THEME:
        theme = db.session.get(Theme, int(ref)) if ref.isdigit() else None
        if theme is None:
            return _("Temat usunięty z analizy.")
        return _("Temat „%(name)s”: %(n)s potrzeb", name=theme.display_name,
                 n=publish_count(theme.size, k).text)  # fmt: skip
    if kind == EvidenceKind.CARD_ROW:
        row = db.session.get(ServiceCardRow, int(ref)) if ref.isdigit() else None
        if row is None:
            return _("Wiersz karty usunięty.")
        link_c = card_row_needs.c
        n = db.session.scalar(
            select(func.count()).select_from(Need)
            .join(card_row_needs, link_c.need_id == Need.id)
            .where(link_c.row_id == row.id, Need.status != NeedStatus.REJECTED)
        ) or 0  # fmt: skip
        return _("Karta usług, „%(name)s”: %(n)s potrzeb mieszkańców", name=row.name,
                 n=publish_count(n, k).text)  # fmt: skip
    area = AREAS_BY_KEY.get(ref)
    label = _(area.label) if area else ref
    if kind == EvidenceKind.AREA:
        n = _area_counts(campaign_id).get(ref, 0)
        return _("Obszar „%(a)s”: %(n)s potrzeb", a=label, n=publish_count(n, k).text)
    universal = Need.access_view == UNIVERSAL
    wanted = _area_counts(campaign_id, universal).get(ref, 0)
    blocked = _area_counts(campaign_id, universal, _has(Need.barriers, CRITERIA)).get(ref, 0)
    return _(
        "Obszar „%(a)s”: %(w)s potrzeb, przy których mieszkańcy chcą usługi dla wszystkich, "
        "w tym %(b)s, przy których dziś nie spełniają kryteriów",
        a=label, w=publish_count(wanted, k).text, b=publish_count(blocked, k).text,
    )


def for_export(campaign_id: int, k: int) -> list[EvidenceLine]:
    return [
        EvidenceLine(r.title, r.body, [describe(e, campaign_id, k) for e in r.evidence])
        for r in of_campaign(campaign_id)
    ]


# --- the residents' summary public link --------------------------------------------------------


def public_state(campaign: Campaign) -> PublicSummary | None:
    return db.session.get(PublicSummary, campaign.id)


def set_public(campaign: Campaign, enabled: bool, by: User) -> PublicSummary:
    """Switch the campaign's public residents' summary on or off (the link stays the same)."""
    state = db.session.get(PublicSummary, campaign.id)
    if state is None:
        state = PublicSummary(campaign_id=campaign.id, token=new_token())
        db.session.add(state)
    state.enabled = enabled
    state.changed_by_id = by.id
    db.session.flush()
    return state


def published_summary(token: str) -> PublicSummary | None:
    """The switched-on summary with this token, or None."""
    state = db.session.scalar(select(PublicSummary).where(PublicSummary.token == token))
    return state if state is not None and state.enabled else None
