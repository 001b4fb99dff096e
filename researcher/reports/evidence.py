"""The evidence the consultation deliverable adds to the dashboard's figures.

Access criteria (D12 "for everyone or for some", D9 "I do not meet the criteria"), the gap
between the two, frequency (D11) and preferred forms (D10) by area, and needs by channel.
Counted with GROUP BY in the database for one campaign (optionally one channel), never by
loading needs; rejected needs do not count. D9–D12 are interview questions, so those tables
count the needs of visits only and say so; the channel table counts every need. Every table
is a `CountTable` and is published through `reports.disclosure.publish` like the others.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, func, select, true

from forms.vocabulary import N_
from researcher.extensions import db
from researcher.interviews.models import CHANNEL_NAMES, Channel, Need, NeedStatus
from researcher.reports.aggregates import (
    AREA_OPTIONS,
    TARGET_GROUP_OPTIONS,
    _one_dimension,
    _options,
    _questionnaire_version,
    _two_dimensions,
)
from researcher.reports.slices import (
    EFFECTIVE_AREA,
    NO_ANSWER,
    ReportFilter,
    _json_elements,
    _json_type,
    effective_target_groups,
)
from researcher.reports.tables import CountTable
from researcher.servicetypes import services as service_types

CRITERIA = "kryteria"  # D9 "Nie spełniam kryteriów (np. dochodowych)"
UNIVERSAL = "powszechna"  # D12 "Dla wszystkich"
NO_ANSWER_OPTION = (NO_ANSWER, N_("Brak odpowiedzi"))


@dataclass(frozen=True)
class EvidenceFilter:
    campaign_id: int
    channel: str | None = None  # None: every channel


def _where(f: EvidenceFilter, visits_only: bool = False) -> list[Any]:
    conditions = [Need.campaign_id == f.campaign_id, Need.status != NeedStatus.REJECTED]
    if visits_only:
        conditions.append(Need.channel == Channel.VISIT.value)
    if f.channel:  # with another channel chosen, the visits-only tables count nothing
        conditions.append(Need.channel == f.channel)
    return conditions


def _count(*columns: Any, where: list[Any], join: Any = None) -> Counter:
    query = select(*columns, func.count()).select_from(Need)
    if join is not None:
        query = query.join(join, true())
    rows = db.session.execute(query.where(*where).group_by(*columns))
    return Counter({tuple(row[:-1]) if len(row) > 2 else row[0]: row[-1] for row in rows})


def _has(column: Any, value: str) -> Any:
    """A condition: the JSON list `column` contains `value` (both dialects, no JSON operators)."""
    return func.coalesce(column.cast(String), "").like(f'%"{value}"%')


def _area_totals(where: list[Any]) -> Counter:
    return _count(EFFECTIVE_AREA, where=where)


def _answer_by_area(f: EvidenceFilter, question: str, title: str) -> CountTable:
    """The table `<question>_by_area`: a need's one-choice answer (the column named like the
    question, unanswered as "brak odpowiedzi") by area, visits' needs."""
    where = _where(f, visits_only=True)
    answer = func.coalesce(getattr(Need, question), NO_ANSWER)
    pairs = _count(EFFECTIVE_AREA, answer, where=where)
    options = [*_options(_questionnaire_version(_report(f)), question), NO_ANSWER_OPTION]
    return _two_dimensions(
        f"{question}_by_area", title,
        N_("potrzeby"), N_("Obszar"), AREA_OPTIONS, options, pairs,
        _area_totals(where), _count(answer, where=where), sum(pairs.values()),
    )  # fmt: skip


def access_view_by_area(f: EvidenceFilter) -> CountTable:
    """D12: should the service be for everyone or for some, by area (visits' needs)."""
    return _answer_by_area(
        f, "access_view", N_("Dla kogo usługa: dla wszystkich czy dla niektórych (D12)")
    )


def criteria_barrier_by_area(f: EvidenceFilter) -> CountTable:
    """D9 "nie spełniam kryteriów": needs facing it, by area (visits' needs)."""
    where = [*_where(f, visits_only=True), _has(Need.barriers, CRITERIA)]
    by_area = _area_totals(where)
    return _one_dimension(
        "criteria_barrier_by_area",
        N_("Potrzeby, przy których mieszkańcy nie spełniają kryteriów dostępu (D9), wg obszaru"),
        N_("potrzeby"), N_("Obszar"), AREA_OPTIONS, by_area, sum(by_area.values()),
    )  # fmt: skip


def criteria_barrier_by_group(f: EvidenceFilter) -> CountTable:
    """D9 "nie spełniam kryteriów": needs facing it, by target group (multi-valued)."""
    where = [*_where(f, visits_only=True), _has(Need.barriers, CRITERIA)]
    groups = _json_elements(effective_target_groups())
    by_group = _count(
        groups.c.value, where=[*where, _json_type(effective_target_groups()) == "array"],
        join=groups,
    )  # fmt: skip
    total = db.session.scalar(select(func.count()).select_from(Need).where(*where)) or 0
    return _one_dimension(
        "criteria_barrier_by_group",
        N_("Potrzeby, przy których mieszkańcy nie spełniają kryteriów dostępu (D9), wg grupy"),
        N_("potrzeby"), N_("Grupa docelowa"), TARGET_GROUP_OPTIONS, by_group, total,
        multi_valued=True, sensitive=True,
    )  # fmt: skip


def universal_gap_by_area(f: EvidenceFilter) -> CountTable:
    """The gap: needs whose respondents want the service for everyone, and of those, the ones
    today's selective criteria keep out (D12 = dla wszystkich and D9 = nie spełniam kryteriów)."""
    where = _where(f, visits_only=True)
    universal = [*where, Need.access_view == UNIVERSAL]
    wanted = _area_totals(universal)
    blocked = _area_totals([*universal, _has(Need.barriers, CRITERIA)])
    pairs = Counter({(a, "powszechna"): n for a, n in wanted.items()})
    pairs.update({(a, "powszechna_kryteria"): n for a, n in blocked.items()})
    columns = [
        ("powszechna", N_("Powinna być dla wszystkich")),
        ("powszechna_kryteria", N_("…w tym dziś nie spełniają kryteriów")),
    ]
    return _two_dimensions(
        "universal_gap_by_area",
        N_("Luka między powszechnością a dzisiejszymi kryteriami dostępu, wg obszaru"),
        N_("potrzeby"), N_("Obszar"), AREA_OPTIONS, columns, pairs, wanted,
        Counter({"powszechna": sum(wanted.values()),
                 "powszechna_kryteria": sum(blocked.values())}),
        sum(wanted.values()), multi_valued=True,
    )  # fmt: skip


def frequency_by_area(f: EvidenceFilter) -> CountTable:
    """D11: how often the service is needed, by area (visits' needs)."""
    return _answer_by_area(f, "frequency", N_("Jak często potrzebna jest usługa (D11), wg obszaru"))


def preferred_forms_by_area(f: EvidenceFilter) -> CountTable:
    """D10: preferred forms of the service, by area (multi-valued; visits' needs)."""
    where = _where(f, visits_only=True)
    forms = _json_elements(Need.preferred_forms)
    on = [*where, _json_type(Need.preferred_forms) == "array"]
    pairs = _count(EFFECTIVE_AREA, forms.c.value, where=on, join=forms)
    by_form = _count(forms.c.value, where=on, join=forms)
    totals = _area_totals(where)
    return _two_dimensions(
        "preferred_forms_by_area", N_("Preferowane formy usługi (D10), wg obszaru"),
        N_("potrzeby"), N_("Obszar"), AREA_OPTIONS,
        _options(_questionnaire_version(_report(f)), "preferred_forms"), pairs, totals, by_form,
        sum(totals.values()), multi_valued=True,
    )  # fmt: skip


def needs_by_channel(f: EvidenceFilter) -> CountTable:
    """Every need by the channel it came through (visit, meeting, phone …)."""
    by_channel = _count(Need.channel, where=_where(f))
    options = [(c.value, name) for c, name in CHANNEL_NAMES.items()]
    return _one_dimension(
        "needs_by_channel", N_("Potrzeby według kanału zgłoszenia"), N_("potrzeby"),
        N_("Kanał"), options, by_channel, sum(by_channel.values()),
    )  # fmt: skip


SERVICE_TYPE_TITLES = {
    "automatic": N_("Rodzaje usług (D3), pogrupowane automatycznie – grup nie sprawdzono"),
    "approved": N_("Rodzaje usług (D3), grupy sprawdzone przez Menedżera"),
    "approved_new": N_(
        "Rodzaje usług (D3), grupy sprawdzone przez Menedżera; wpisy dodane później "
        "dołączone automatycznie"
    ),
}


def service_types_grouped(f: EvidenceFilter, top: int = 20) -> CountTable:
    """D3 (free text) in groups: the manager's approved review (`researcher.servicetypes`),
    else grouped automatically by lemmas; the title says which. The `top` largest groups
    are shown, the rest join "Inne". Reads each distinct wording once with its count."""
    grouped = service_types.groups_of(f.campaign_id, f.channel)
    named = [(g.name, g.total) for g in grouped.groups if not g.other and g.total]
    other = sum(g.total for g in grouped.groups if g.other)
    shown, rest = named[:top], other + sum(n for _, n in named[top:])
    if rest:
        shown.append((N_("Inne"), rest))
    counts = Counter({str(i): n for i, (_, n) in enumerate(shown)})
    options = [(str(i), label) for i, (label, _) in enumerate(shown)]
    status = "automatic" if not grouped.approved else "approved_new" if grouped.new else "approved"
    return _one_dimension(
        "service_types_grouped", SERVICE_TYPE_TITLES[status],
        N_("potrzeby"), N_("Rodzaj usługi"), options, counts, sum(counts.values()),
    )  # fmt: skip


def _report(f: EvidenceFilter) -> ReportFilter:
    return ReportFilter(campaign_id=f.campaign_id)


ACCESS_TABLES = (
    access_view_by_area, criteria_barrier_by_area, criteria_barrier_by_group,
    universal_gap_by_area,
)  # fmt: skip
SERVICE_TABLES = (service_types_grouped, frequency_by_area, preferred_forms_by_area)
