"""The record-level export for the NGO's own analysis: one row per visit, one per need, and a
codebook. Pseudonymised and never published (the published figures are the disclosure-
controlled exports): no contact data (stored apart, never read here), free text with personal
data masked, respondent codes replaced by a random key made for this export unless the
manager asks for them. The caller logs every download (`AccessAction.RECORD_EXPORT`).
"""

from __future__ import annotations

import csv
import io
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from analysis.pii import mask_pii
from forms.model import Group, Question
from forms.questionnaire import CURRENT_VERSION, UnknownVersion, get_questionnaire
from forms.vocabulary import AREAS_BY_KEY, TARGET_GROUPS_BY_KEY
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.interviews.answers import answers_without_needs
from researcher.interviews.models import CHANNEL_LABELS, Need, Visit
from researcher.labels import NEED_STATUS_LABELS, URGENCY_LABELS
from researcher.meetings.models import Meeting

LABEL_SUFFIX = "_etykieta"
RESPONDENT = "respondent_code"


@dataclass
class Column:
    name: str
    source: str  # question id (e.g. "D6") or "—" for the record's own fields
    text: str
    kind: str  # "kod", "etykieta", "tekst", "liczba", "data", "tak/nie", "lista kodów" …
    codes: dict[str, str] = field(default_factory=dict)


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[list[Any]]


@dataclass
class RecordExport:
    campaign: str
    version: str
    visits: Table
    needs: Table
    codebook: Table

    @property
    def tables(self) -> list[Table]:
        return [self.visits, self.needs, self.codebook]


def _labels(codes: list[str] | str | None, mapping: dict[str, str]) -> str:
    if codes is None or codes == "":
        return ""
    values = codes if isinstance(codes, list) else [codes]
    return "; ".join(str(mapping.get(str(v), v)) for v in values)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, bool):
        return "tak" if value else "nie"
    return "" if value is None else value


def _questions(version: str) -> list[Question]:
    """Top-level questions of the visit (the needs and the contact form are elsewhere)."""
    try:
        questionnaire = get_questionnaire(version)
    except UnknownVersion:
        questionnaire = get_questionnaire(CURRENT_VERSION)
    return [item for _, item in questionnaire.items() if not isinstance(item, Group)]


def _question_columns(question: Question) -> list[Column]:
    codes = {o.key: str(o.label) for o in question.options}
    if not codes:
        return [Column(question.key, question.code, question.label, question.type)]
    return [
        Column(question.key, question.code, question.label, "kod", codes),
        Column(question.key + LABEL_SUFFIX, question.code, question.label, "etykieta"),
    ]


def _pseudonymiser(with_codes: bool) -> Callable[[str | None], str]:
    """A function code → what to show: the code itself, or a random key made for this export
    (the same code gets the same key within the export, another key in the next one)."""
    keys: dict[str, str] = {}

    def pseudonym(code: str | None) -> str:
        if not code:
            return ""
        if with_codes:
            return code
        return keys.setdefault(code, "R-" + secrets.token_hex(4).upper())

    return pseudonym


VISIT_FIELDS = [
    Column("visit_uuid", "—", "Identyfikator wizyty (losowy, bez adresu)", "tekst"),
    Column("campaign", "—", "Kampania", "tekst"),
    Column("gmina_terc", "W0.1", "Gmina – kod TERC", "tekst"),
    Column("locality", "W0.2", "Miejscowość", "tekst"),
    Column("recorded_on", "W0.4", "Dzień wizyty", "data"),
    Column("form_version", "—", "Wersja kwestionariusza", "tekst"),
    Column("is_interview", "—", "Wywiad przeprowadzony", "tak/nie"),
    Column("from_paper", "—", "Wpisany później z kwestionariusza papierowego", "tak/nie"),
    Column("needs_count", "—", "Liczba potrzeb z wywiadu", "liczba"),
]


def _visits(campaign: Campaign, version: str, pseudonym: Any) -> Table:
    questions = _questions(version)
    columns = list(VISIT_FIELDS)
    for question in questions:
        if question.key not in ("campaign_id", "locality_id"):
            columns.extend(_question_columns(question))
    localities = _locality_names(campaign)
    counts = dict(db.session.execute(
        db.select(Need.visit_id, db.func.count()).where(Need.campaign_id == campaign.id,
                                                       Need.visit_id.is_not(None))
        .group_by(Need.visit_id)
    ).all())  # fmt: skip
    rows = []
    visits = db.session.scalars(
        db.select(Visit).where(Visit.campaign_id == campaign.id).order_by(Visit.recorded_at)
    )
    for visit in visits:
        # Never contact data; the answers its columns hold too (interviews/answers.py).
        data = {k: v for k, v in answers_without_needs(visit).items() if k != "contact"}
        row = [visit.uuid, campaign.name, campaign.gmina.terc,
               localities.get(visit.locality_id, ""), visit.recorded_on.isoformat(),
               visit.form_version, _cell(visit.is_interview), _cell(visit.from_paper),
               counts.get(visit.id, 0)]  # fmt: skip
        for question in questions:
            if question.key in ("campaign_id", "locality_id"):
                continue
            value = data.get(question.key)
            if question.key == RESPONDENT:
                row.append(pseudonym(value or visit.respondent_code))
            elif question.options:
                row.append(_cell(value))
                row.append(_labels(value, {o.key: str(o.label) for o in question.options}))
            elif isinstance(value, str):
                row.append(mask_pii(value))
            else:
                row.append(_cell(value))
        rows.append(row)
    return Table("wizyty", columns, rows)


def _locality_names(campaign: Campaign) -> dict[int | None, str]:
    rows = db.session.execute(
        db.select(Locality.id, Locality.name).where(Locality.gmina_code == campaign.gmina_code)
    )
    return dict(rows.all())


def _need_options(version: str) -> dict[str, dict[str, str]]:
    try:
        questionnaire = get_questionnaire(version)
    except UnknownVersion:
        questionnaire = get_questionnaire(CURRENT_VERSION)
    return {
        q.key: {o.key: str(o.label) for o in q.options}
        for q in questionnaire.questions_by_key.values()
        if q.options
    }


def _need_columns(
    options: dict[str, dict[str, str]], meetings: dict[int, str]
) -> list[tuple[Column, Any]]:
    """(column, function of a Need → cell) of the needs table."""
    areas = {k: str(a.label) for k, a in AREAS_BY_KEY.items()}
    groups = {k: str(g.label) for k, g in TARGET_GROUPS_BY_KEY.items()}
    channels = {c.value: str(label) for c, label in CHANNEL_LABELS.items()}
    urgency = {k: str(v) for k, v in URGENCY_LABELS.items()}
    statuses = {k: str(v) for k, v in NEED_STATUS_LABELS.items()}

    def coded(name: str, source: str, text: str, codes: dict[str, str], get: Any):
        kind = "lista kodów" if name in LISTS else "kod"
        return [
            (Column(name, source, text, kind, codes), lambda n: _cell(get(n))),
            (Column(name + LABEL_SUFFIX, source, text, "etykieta"),
             lambda n: _labels(get(n), codes)),
        ]  # fmt: skip

    return [
        (Column("need_id", "—", "Identyfikator potrzeby", "liczba"), lambda n: n.id),
        (Column("visit_uuid", "—", "Wizyta, z której pochodzi (puste: inny kanał)", "tekst"),
         lambda n: n.visit.uuid if n.visit else ""),
        (Column("meeting_uuid", "—", "Spotkanie, z którego pochodzi", "tekst"),
         lambda n: meetings.get(n.meeting_id, "")),
        *coded("channel", "—", "Kanał zgłoszenia", channels, lambda n: n.channel),
        (Column("recorded_on", "—", "Dzień zgłoszenia", "data"),
         lambda n: n.recorded_on.isoformat()),
        (Column("position", "—", "Kolejność w wywiadzie lub na spotkaniu", "liczba"),
         lambda n: n.position),
        (Column("description", "D1", "Opis potrzeby (dane osobowe zamaskowane)", "tekst"),
         lambda n: mask_pii(n.description)),
        *coded("area", "D2", "Obszar wg researchera", areas, lambda n: n.area),
        *coded("area_reviewed", "D2", "Obszar po weryfikacji Menedżera", areas,
               lambda n: n.reviewed_area or n.area),
        (Column("service_type", "D3", "Rodzaj usługi (tekst)", "tekst"),
         lambda n: mask_pii(n.service_type or "")),
        *coded("beneficiary", "D4", "Kogo dotyczy", options.get("beneficiary", {}),
               lambda n: n.beneficiary),
        *coded("target_groups", "D5", "Grupy docelowe (po weryfikacji)", groups,
               lambda n: n.reviewed_target_groups if n.reviewed_target_groups is not None
               else n.target_groups),
        *coded("urgency", "D6", "Pilność", urgency, lambda n: n.urgency),
        *coded("met_status", "D7", "Czy zaspokajana", options.get("met_status", {}),
               lambda n: n.met_status),
        *coded("met_by", "D8", "Kto pomaga", options.get("met_by", {}), lambda n: n.met_by),
        *coded("barriers", "D9", "Co utrudnia", options.get("barriers", {}),
               lambda n: n.barriers),
        *coded("preferred_forms", "D10", "Preferowana forma",
               options.get("preferred_forms", {}), lambda n: n.preferred_forms),
        *coded("frequency", "D11", "Jak często", options.get("frequency", {}),
               lambda n: n.frequency),
        *coded("access_view", "D12", "Dla wszystkich czy dla niektórych",
               options.get("access_view", {}), lambda n: n.access_view),
        (Column("voiced_by", "—", "Ile uczestników spotkania ją zgłosiło", "liczba"),
         lambda n: n.voiced_by if n.voiced_by is not None else ""),
        *coded("status", "—", "Status przeglądu", statuses, lambda n: n.status),
        (Column("sensitive", "—", "Dane szczególnej kategorii (art. 9)", "tak/nie"),
         lambda n: _cell(n.sensitive)),
    ]  # fmt: skip


LISTS = {"target_groups", "met_by", "barriers", "preferred_forms"}


def _needs(campaign: Campaign, version: str) -> Table:
    meetings = dict(db.session.execute(
        db.select(Meeting.id, Meeting.uuid).where(Meeting.campaign_id == campaign.id)
    ).all())  # fmt: skip
    spec = _need_columns(_need_options(version), meetings)
    rows = []
    needs = db.session.scalars(
        db.select(Need).where(Need.campaign_id == campaign.id)
        .order_by(Need.recorded_at, Need.id)
        .options(db.selectinload(Need.visit))
    )  # fmt: skip
    for need in needs:
        rows.append([get(need) for _, get in spec])
    return Table("potrzeby", [column for column, _ in spec], rows)


def _codebook(version: str, tables: list[Table]) -> Table:
    columns = [
        Column("tabela", "—", "Tabela", "tekst"), Column("kolumna", "—", "Kolumna", "tekst"),
        Column("pytanie", "—", "Numer pytania", "tekst"), Column("tresc", "—", "Treść", "tekst"),
        Column("typ", "—", "Typ", "tekst"), Column("kody", "—", "Kody i etykiety", "tekst"),
        Column("wersja", "—", "Wersja kwestionariusza", "tekst"),
    ]  # fmt: skip
    rows = [
        [table.name, c.name, c.source, str(c.text), c.kind,
         "; ".join(f"{k} = {v}" for k, v in c.codes.items()), version]
        for table in tables for c in table.columns
    ]  # fmt: skip
    return Table("slownik", columns, rows)


def record_export(campaign: Campaign, with_codes: bool = False) -> RecordExport:
    """Every visit and need of `campaign`, pseudonymised, with the codebook."""
    version = campaign.questionnaire_version
    pseudonym = _pseudonymiser(with_codes)
    visits = _visits(campaign, version, pseudonym)
    needs = _needs(campaign, version)
    return RecordExport(campaign.name, version, visits, needs, _codebook(version, [visits, needs]))


def to_xlsx(export: RecordExport) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for table in export.tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append([c.name for c in table.columns])
        for row in table.rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_csv_zip(export: RecordExport) -> bytes:
    """A ZIP of one CSV per table: UTF-8 with BOM, `;`, as Polish Excel opens it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in export.tables:
            text = io.StringIO()
            writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
            writer.writerow([c.name for c in table.columns])
            writer.writerows(table.rows)
            archive.writestr(f"{table.name}.csv", text.getvalue().encode("utf-8-sig"))
    return out.getvalue()
