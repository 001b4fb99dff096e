"""Everything stored about a respondent code (art. 15): the dossier, and its JSON copy (art. 20).

Contact data are part of it only for a viewer holding the contacts permission; reading them
is logged (CONTACT_READ), as is every lookup (CODE_LOOKUP) — with counts, never the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import User
from researcher.auth.permissions import Permission
from researcher.card.models import ServiceCard, ServiceCardRow, card_row_needs
from researcher.exports.models import ExportJob
from researcher.extensions import db
from researcher.followups.models import FOLLOWUP_STATUS_LABELS, Followup
from researcher.interviews.answers import visit_answers
from researcher.interviews.contacts import decrypt_contact
from researcher.interviews.models import Contact, QuarantinedRecord, Visit, VisitVersion
from researcher.rights.codes import candidates
from researcher.rights.models import Rectification
from researcher.themes.models import Theme, ThemeAssignment


@dataclass
class VisitFile:
    """One visit with a matching code and what hangs on it."""

    visit: Visit
    versions: list[VisitVersion] = field(default_factory=list)
    contact: dict[str, Any] | None = None
    has_contact: bool = False
    themes: list[dict[str, Any]] = field(default_factory=list)
    card_rows: list[dict[str, Any]] = field(default_factory=list)
    exports: list[ExportJob] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    rectifications: list[Rectification] = field(default_factory=list)


@dataclass
class Dossier:
    codes: list[str]
    visits: list[VisitFile]
    quarantine: list[QuarantinedRecord]
    contacts_shown: bool

    @property
    def found(self) -> bool:
        return bool(self.visits or self.quarantine)


def matching_visits(codes: list[str]) -> list[Visit]:
    if not codes:
        return []
    return list(
        db.session.scalars(
            db.select(Visit).where(Visit.respondent_code.in_(codes)).order_by(Visit.recorded_at)
        )
    )


def matching_quarantine(codes: list[str], uuids: set[str]) -> list[QuarantinedRecord]:
    """Quarantined records holding one of `codes` or a visit's uuid (read in Python: the
    payload is whatever the phone sent, not a shape SQL can rely on)."""
    found = []
    for record in db.session.scalars(db.select(QuarantinedRecord).order_by(QuarantinedRecord.id)):
        payload = record.payload if isinstance(record.payload, dict) else {}
        data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
        if record.record_uuid in uuids or data.get("respondent_code") in codes:
            found.append(record)
    return found


def _themes(need_ids: list[int]) -> list[dict[str, Any]]:
    rows = db.session.execute(
        db.select(ThemeAssignment.need_id, ThemeAssignment.run_id, Theme.id, Theme.label)
        .outerjoin(Theme, Theme.id == ThemeAssignment.theme_id)
        .where(ThemeAssignment.need_id.in_(need_ids))
    )
    return [{"need_id": n, "run_id": r, "theme_id": t, "theme": label or ""}
            for n, r, t, label in rows]


def _card_rows(need_ids: list[int]) -> list[dict[str, Any]]:
    rows = db.session.execute(
        db.select(card_row_needs.c.need_id, ServiceCard.id, ServiceCard.title,
                  ServiceCardRow.name)
        .join(ServiceCardRow, ServiceCardRow.id == card_row_needs.c.row_id)
        .join(ServiceCard, ServiceCard.id == ServiceCardRow.card_id)
        .where(card_row_needs.c.need_id.in_(need_ids))
    )
    return [{"need_id": n, "card_id": c, "card": title, "row": name}
            for n, c, title, name in rows]


def _followups(need_ids: list[int]) -> list[dict[str, Any]]:
    """The follow-ups of the visit's needs, each with its history (notes hold no contact data)."""
    found = []
    for followup in db.session.scalars(
        db.select(Followup).where(Followup.need_id.in_(need_ids)).order_by(Followup.id)
    ):
        found.append({
            "need_position": followup.need.position,
            "status": followup.status,
            "status_label": str(FOLLOWUP_STATUS_LABELS.get(followup.status, followup.status)),
            "created_at": _when(followup.created_at),
            "closed_at": _when(followup.closed_at),
            "events": [
                {"at": _when(e.at), "from_status": e.from_status, "to_status": e.to_status,
                 "note": e.note} for e in reversed(followup.events)
            ],
        })
    return found


def _exports(visit: Visit) -> list[ExportJob]:
    """Exports of the visit's campaign made after it arrived: their aggregates counted it."""
    return list(
        db.session.scalars(
            db.select(ExportJob)
            .where(ExportJob.campaign_id == visit.campaign_id,
                   ExportJob.created_at >= visit.received_at)
            .order_by(ExportJob.created_at)
        )
    )


def build_dossier(text: str, viewer: User) -> Dossier:
    """The dossier of the code(s) `text` may stand for; logs the lookup (and contact reads)."""
    codes = candidates(text)
    visits = matching_visits(codes)
    show_contacts = viewer.has_permission(Permission.CONTACTS)
    files = []
    for visit in visits:
        need_ids = [n.id for n in visit.needs]
        file = VisitFile(
            visit=visit,
            versions=list(db.session.scalars(
                db.select(VisitVersion).where(VisitVersion.visit_uuid == visit.uuid)
                .order_by(VisitVersion.revision, VisitVersion.id)
            )),
            themes=_themes(need_ids),
            card_rows=_card_rows(need_ids),
            exports=_exports(visit),
            followups=_followups(need_ids),
            rectifications=list(db.session.scalars(
                db.select(Rectification).where(Rectification.visit_id == visit.id)
                .order_by(Rectification.at, Rectification.id))),
        )
        token = db.session.scalar(db.select(Contact.token).where(Contact.visit_id == visit.id))
        file.has_contact = token is not None
        if token is not None and show_contacts:
            file.contact = decrypt_contact(token)
            record_access(AccessAction.CONTACT_READ, viewer.id, "visit", visit.id,
                          reason="wniosek mieszkańca")
        files.append(file)
    quarantine = matching_quarantine(codes, {v.uuid for v in visits})
    record_access(AccessAction.CODE_LOOKUP, viewer.id, "respondent", None,
                  visits=len(visits), quarantine=len(quarantine))
    return Dossier(codes=[v.respondent_code for v in visits] or codes, visits=files,
                   quarantine=quarantine, contacts_shown=show_contacts)


def _when(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def dossier_json(dossier: Dossier) -> dict[str, Any]:
    """All of it as plain JSON (art. 15 copy, art. 20 portability)."""
    visits = []
    for file in dossier.visits:
        v = file.visit
        visits.append({
            "uuid": v.uuid,
            "respondent_code": v.respondent_code,
            "campaign": v.campaign.name,
            "recorded_at": _when(v.recorded_at),
            "received_at": _when(v.received_at),
            "revision": v.revision,
            "form_version": v.form_version,
            "visit_outcome": v.visit_outcome,
            "consent_health": v.consent_health,
            "restricted": v.restricted,
            "answers": visit_answers(v),  # the needs too, rebuilt from their rows
            "needs": [
                {"position": n.position, "description": n.description, "area": n.area,
                 "service_type": n.service_type, "urgency": n.urgency, "status": n.status}
                for n in v.needs
            ],
            "earlier_versions": [
                {"revision": x.revision, "kind": x.kind, "recorded_at": _when(x.recorded_at),
                 "answers": x.data} for x in file.versions
            ],
            "contact": file.contact if dossier.contacts_shown else (
                "(zapisane osobno)" if file.has_contact else None),
            "followups": file.followups,
            "rectifications": [
                {"at": _when(r.at), "answer": r.path, "from_revision": r.from_revision,
                 "to_revision": r.to_revision, "request_id": r.request_id}
                for r in file.rectifications
            ],
            "themes": file.themes,
            "service_card_rows": file.card_rows,
            "exports_counting_it": [
                {"id": e.id, "created_at": _when(e.created_at), "kind": e.kind,
                 "variant": e.variant, "format": e.format, "k": e.k} for e in file.exports
            ],
        })
    return {
        "codes": dossier.codes,
        "visits": visits,
        "quarantine": [
            {"id": q.id, "received_at": _when(q.received_at), "status": q.status,
             "payload": q.payload} for q in dossier.quarantine
        ],
    }
