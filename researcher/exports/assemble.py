"""Fill the export documents from the database: aggregations → disclosure control → document.

This is the only export module that sees raw counts, and it hands them straight to
`researcher.reports.disclosure`; the writers receive `PublishedTable`s and texts only.
Counting happens in the database (GROUP BY in `researcher.reports.aggregates` and below), so
an export never loads the campaign's needs into memory.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import force_locale

from forms.vocabulary import AREAS_BY_KEY, TARGET_GROUPS_BY_KEY
from researcher.campaigns.models import Campaign
from researcher.card.models import ServiceCard, ServiceCardRow, card_row_needs
from researcher.card.services import URGENCIES
from researcher.exports.document import (
    CARD_TITLE,
    CardDocument,
    CardLine,
    DiagnosisReport,
    Section,
    TextItem,
)
from researcher.exports.quotes import approved_quotes
from researcher.exports.themes import themes_table
from researcher.exports.units import CUS_RECIPIENT, OPS_RECIPIENT, ops_units, split_by_unit
from researcher.extensions import db
from researcher.interviews.models import CHANNEL_NAMES, Need, NeedStatus
from researcher.labels import CRITERION_LABELS, PROVIDER_LABELS, URGENCY_LABELS
from researcher.matching.tables import needs_met_tables
from researcher.recommendations import services as recommendations
from researcher.reports import aggregates, evidence
from researcher.reports.disclosure import disclosure_note, publish, publish_count, publish_rate
from researcher.reports.tables import CountTable, PublishedTable

#: The seed template's title, followed by the NGO's name when the card has one.
NGO_CARD_TITLE = "KARTA USŁUG I KRYTERIÓW DOSTĘPU ORGANIZACJI POZARZĄDOWEJ"
REPORT_TITLE = "Potrzeby mieszkańców w zakresie usług społecznych – wkład organizacji do diagnozy"
METHOD = (
    "Researcherzy organizacji odwiedzali gospodarstwa domowe (metoda poszukiwań bezpośrednich) "
    "i prowadzili krótki wywiad z osobą dorosłą, która się na to zgodziła. Zapisywano potrzeby "
    "mieszkańców w 14 obszarach usług społecznych (art. 2 ust. 1 ustawy z dnia 19 lipca 2019 r. "
    "o realizowaniu usług społecznych przez centrum usług społecznych), niezależnie od "
    "kryteriów dostępu, wraz z grupą docelową, pilnością i tym, czy i przez kogo potrzeba jest "
    "zaspokajana. Każda wizyta jest liczona, także odmowy, aby pokazać odsetek realizacji. "
    "Potrzeby przychodziły też innymi kanałami – ze spotkań z grupami mieszkańców, telefonów, "
    "mediów społecznościowych, pism i skierowań instytucji; liczą się one jako potrzeby, a "
    "uczestnicy spotkań nie są wliczani do respondentów. "
    "Zestawienia nie zawierają danych osobowych."
)
#: The area tables of the diagnosis (keys of `aggregates.report`), with the text before each.
AREA_TABLES: dict[str, tuple[str, str]] = {
    "area_by_urgency": (
        "Potrzeby w obszarach usług społecznych i ich pilność",
        "Ile potrzeb zgłoszono w każdym z 14 obszarów i jak są pilne.",
    ),
    "area_by_target_group": (
        "Kogo dotyczą potrzeby",
        "Jedna potrzeba może dotyczyć kilku grup, dlatego suma komórek wiersza bywa większa "
        "niż liczba potrzeb w obszarze („Razem”).",
    ),
    "area_by_met_status": (
        "Czy potrzeby są dziś zaspokajane",
        "Czy potrzeba jest teraz zaspokajana – w pełni, częściowo, wcale – według obszarów.",
    ),
}
NEEDS_MET_TITLE = "Sposoby zaspokajania potrzeb"
NEEDS_MET_INTRO = (
    "Co stało się z potrzebami osób, które prosiły o kontakt; zasoby lokalne (wolontariusze, "
    "pomoc sąsiedzka, bank czasu, organizacje, instytucje, usługi) według obszaru; skierowania "
    "do nich; potrzeby, na które w gminie nie ma żadnego zasobu lub brakuje miejsc."
)
#: Community potential (the "potencjał" of the diagnosis), for every recipient.
POTENTIAL_TABLES: tuple[str, ...] = ("volunteering",)


class ExportDataError(Exception):
    """The campaign (or its card) needed for an export does not exist."""


def diagnosis_report(
    campaign_id: int,
    variant: str,
    k: int,
    config: Mapping[str, Any],
    with_card: bool = True,
    channel: str | None = None,
) -> DiagnosisReport:
    """The diagnosis for `campaign_id` in variant "cus" or "ops", published with `k`; with a
    `channel`, every needs figure counts that channel's needs only (people counts stay)."""
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        raise ExportDataError(f"Nie ma kampanii {campaign_id}.")
    if channel is not None and channel not in CHANNEL_NAMES:
        raise ExportDataError(f"Nieznany kanał: {channel}.")
    with force_locale("pl"):
        return _diagnosis(campaign, variant, k, config, with_card, channel)


def card_document(campaign_id: int, k: int, card_id: int | None = None) -> CardDocument:
    """The campaign's service card (the given one, or the most recently changed)."""
    with force_locale("pl"):
        card = _find_card(campaign_id, card_id)
        if card is None:
            raise ExportDataError(f"Kampania {campaign_id} nie ma karty usług.")
        return _card(card, k)


def channel_note(channel: str | None) -> str:
    """What a channel filter means for the report's figures (empty without a filter)."""
    if channel is None:
        return ""
    return (
        f"Tylko potrzeby zgłoszone kanałem: {CHANNEL_NAMES[channel]}. Liczby wizyt i wywiadów "
        "obejmują wszystkie wizyty; pytania z wywiadu (D9–D12) mają odpowiedzi tylko dla "
        "kanału „wizyta”. Sposoby zaspokajania potrzeb nie są filtrowane według kanału."
    )


def _diagnosis(
    campaign: Campaign,
    variant: str,
    k: int,
    config: Mapping[str, Any],
    with_card: bool,
    channel: str | None = None,
) -> DiagnosisReport:
    figures = aggregates.report(aggregates.ReportFilter(campaign_id=campaign.id, channel=channel))
    area_tables = {key: figures.tables[key] for key in AREA_TABLES}
    sections = [
        Section(
            "Realizacja badania",
            "Wszystkie wizyty Researcherów według ich wyniku, także odmowy i nieobecności.",
            [publish(figures.tables["visits_by_outcome"], k)],
            short="Realizacja badania",
        )
    ]
    if variant == "ops":
        for unit, parts in _by_unit(area_tables, config):
            intro = "Potrzeby w obszarach, za które odpowiada ta jednostka: " + ", ".join(
                AREAS_BY_KEY[a].statutory for a in unit.areas if a in AREAS_BY_KEY
            )
            sections.append(
                Section(
                    unit.name, intro + ".", [publish(t, k) for t in parts], unit.name, unit.short
                )
            )
    else:
        for key, table in area_tables.items():
            title, intro = AREA_TABLES[key]
            sections.append(Section(title, intro, [publish(table, k)], short=table.title))
    sections.append(
        Section(
            "Potencjał wspólnoty",
            "Czy mieszkańcy byliby gotowi pomagać innym (wolontariat, pomoc sąsiedzka).",
            [publish(figures.tables[key], k) for key in POTENTIAL_TABLES],
            short="Potencjał wspólnoty",
        )
    )
    sections.extend(_evidence_sections(campaign.id, k, channel))
    themes = themes_table(campaign.id, channel)
    if themes is not None:
        sections.append(
            Section(
                "Tematy potrzeb",
                "Potrzeby opisane własnymi słowami mieszkańców, pogrupowane w tematy "
                "(analiza tekstu sprawdzona przez Menedżera) – liczba potrzeb w każdym temacie.",
                [publish(themes, k)],
                short="Tematy",
            )
        )
    sections.append(
        Section(
            NEEDS_MET_TITLE,
            NEEDS_MET_INTRO,
            [publish(t, k) for t in needs_met_tables(
                aggregates.ReportFilter(campaign_id=campaign.id, gmina_code=campaign.gmina_code)
            )],
            short=NEEDS_MET_TITLE,
        )
    )
    card = _find_card(campaign.id, None) if with_card else None
    return DiagnosisReport(
        title=REPORT_TITLE,
        campaign=campaign.name,
        gmina=campaign.gmina.display_name,
        period=f"{campaign.starts_on:%d.%m.%Y}–{campaign.ends_on:%d.%m.%Y}",
        variant=variant,
        recipient=OPS_RECIPIENT if variant == "ops" else CUS_RECIPIENT,
        method=METHOD,
        summary=_summary(figures.summary, k),
        sections=sections,
        k=k,
        disclosure_note=disclosure_note(k),
        card=_card(card, k) if card is not None else None,
        recommendations=[
            TextItem(line.title, line.body, line.evidence)
            for line in recommendations.for_export(campaign.id, k)
        ],
        quotes=approved_quotes(campaign.id, channel=channel),
        channel=channel,
        filter_note=channel_note(channel),
    )


def _evidence_sections(campaign_id: int, k: int, channel: str | None = None) -> list[Section]:
    """Channels, access criteria (D12, D9, the universality gap), frequency and forms."""
    f = evidence.EvidenceFilter(campaign_id, channel)
    return [
        Section(
            "Kanały zgłoszeń",
            "Skąd przyszły potrzeby: wizyty w domach, spotkania z grupami mieszkańców, "
            "telefony, media społecznościowe, pisma i skierowania instytucji. Liczone są "
            "potrzeby, nie osoby: uczestnicy spotkań nie są respondentami.",
            [publish(evidence.needs_by_channel(f), k)],
            short="Kanały",
        ),
        Section(
            "Kryteria dostępu: powszechność czy selektywność",
            "Zdanie mieszkańców, czy usługa powinna być dostępna dla wszystkich, którzy jej "
            "potrzebują (D12), potrzeby, przy których dziś nie spełniają kryteriów dostępu "
            "(D9), i luka między jednym a drugim. Pytania z wywiadu: liczone są potrzeby z "
            "wizyt.",
            [publish(build(f), k) for build in evidence.ACCESS_TABLES],
            short="Kryteria dostępu",
        ),
        Section(
            "Rodzaje, częstotliwość i formy usług",
            "Rodzaje usług wpisane własnymi słowami (D3), pogrupowane według rdzeni słów; "
            "grupy sprawdza i zatwierdza Menedżer, a tytuł tabeli mówi, czy to zrobił. Jak "
            "często usługa jest potrzebna (D11) i w jakiej formie (D10), "
            "według obszarów. Jedna potrzeba może wskazywać kilka form.",
            [publish(build(f), k) for build in evidence.SERVICE_TABLES],
            short="Częstotliwość i formy",
        ),
    ]


def _by_unit(
    area_tables: dict[str, CountTable], config: Mapping[str, Any]
) -> list[tuple[Any, list[CountTable]]]:
    units = ops_units(config)
    grouped: dict[str, list[CountTable]] = {}
    for table in area_tables.values():
        for unit, part in split_by_unit(table, units):
            grouped.setdefault(unit.key, []).append(part)
    return [(unit, grouped[unit.key]) for unit in units if unit.key in grouped]


def _summary(summary: aggregates.Summary, k: int) -> list[tuple[str, str]]:
    rate = publish_rate(summary.interviews, summary.eligible_visits, k)
    return [
        ("Liczba wizyt", publish_count(summary.visits, k).text),
        ("Liczba wywiadów", publish_count(summary.interviews, k).text),
        ("Odsetek realizacji (wywiady / wizyty w zamieszkanych lokalach)", rate.text),
        ("Liczba zgłoszonych potrzeb", publish_count(summary.needs, k).text),
    ]


def _find_card(campaign_id: int, card_id: int | None) -> ServiceCard | None:
    query = db.select(ServiceCard).where(ServiceCard.campaign_id == campaign_id)
    if card_id is not None:
        query = query.where(ServiceCard.id == card_id)
    return db.session.scalar(query.order_by(ServiceCard.updated_at.desc(), ServiceCard.id.desc()))


def _card(card: ServiceCard, k: int) -> CardDocument:
    rows = list(card.rows)
    evidence = [publish(table, k) for table in _evidence_tables(rows)]
    lines = []
    for index, row in enumerate(rows):
        criterion = str(CRITERION_LABELS.get(row.criterion, row.criterion))
        if row.criterion_description:
            criterion = f"{criterion} – {row.criterion_description}"
        area = AREAS_BY_KEY.get(row.area)
        lines.append(
            CardLine(
                position=row.position,
                name=row.name,
                offered="tak" if row.offered else "nie",
                new={True: "tak", False: "nie"}.get(row.new, ""),
                criterion=criterion,
                area=f"pkt {area.point} – {area.label}" if area and area.point else row.area,
                target_groups="; ".join(
                    str(TARGET_GROUPS_BY_KEY[g].label) if g in TARGET_GROUPS_BY_KEY else g
                    for g in row.target_groups
                ),
                provider=str(PROVIDER_LABELS.get(row.provider, row.provider or "")),
                justification=row.justification or "",
                evidence=_evidence_text(evidence[index]),
                urgency_mix=_urgency_mix(evidence[index]),
            )
        )
    return CardDocument(
        title=f"{NGO_CARD_TITLE} {card.organisation_name}" if card.organisation_name
        else CARD_TITLE,
        subtitle=card.title if card.title != CARD_TITLE else "",
        prepared_on=card.prepared_on,
        prepared_by_name=card.prepared_by_name,
        lines=lines,
        k=k,
    )


def _evidence_tables(rows: list[ServiceCardRow]) -> list[CountTable]:
    """For each card row, its needs by urgency (rejected needs do not count), counted in SQL.

    Each row is published on its own: the card shows a row's count and its urgency mix but no
    totals across rows (rows may share needs), so the only relation a reader sees is that a
    row's urgencies add up to its count.
    """
    ids = [row.id for row in rows]
    link = card_row_needs.c
    live = (Need.id == link.need_id) & (Need.status != NeedStatus.REJECTED) & link.row_id.in_(ids)
    per_row = db.session.execute(
        db.select(link.row_id, Need.urgency, db.func.count()).where(live)
        .group_by(link.row_id, Need.urgency)
    ).all()  # fmt: skip
    counts = {(row_id, urgency): n for row_id, urgency, n in per_row}
    tables = []
    for row in rows:
        line = [counts.get((row.id, u), 0) for u in URGENCIES]
        tables.append(
            CountTable(
                key=f"card_evidence_{row.id}",
                title=row.name,
                unit="potrzeby",
                row_header="Usługa",
                rows=[str(row.id)],
                row_labels=[row.name],
                columns=list(URGENCIES),
                column_labels=[str(URGENCY_LABELS[u]) for u in URGENCIES],
                counts=[line],
                row_totals=[sum(line)],
                total=sum(line),
            )
        )
    return tables


def _evidence_text(evidence: PublishedTable) -> str:
    return "–" if evidence.withheld else evidence.row_totals[0].text


def _urgency_mix(evidence: PublishedTable) -> str:
    if evidence.withheld:
        return ""
    parts = [
        f"{label}: {cell.text}"
        for label, cell in zip(evidence.column_labels, evidence.cells[0], strict=True)
        if cell.value != 0
    ]
    return "; ".join(parts)
