"""The register of local resources: write, list, confirm phone tips, read volunteers' contacts.

Plain arguments in, ResourceError out, `flush` never `commit`. Volunteers' contact data are
encrypted like residents' and read like them: a holder of "kontakt z mieszkańcami", a reason,
an access-log entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from forms.vocabulary import AREA_KEYS, TARGET_GROUPS_BY_KEY
from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import User
from researcher.auth.permissions import Permission
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Gmina, Locality
from researcher.interviews.contacts import decrypt_contact, encrypt_contact
from researcher.resources.models import (
    INSTITUTION_LABELS,
    Access,
    Cost,
    Resource,
    ResourceKind,
    ResourceStatus,
)
from researcher.service_errors import ServiceError

MIN_REASON = 10


class ResourceError(ServiceError):
    """A register rule was broken; `field` names the field (a form field or an import column)."""


@dataclass
class ResourceInput:
    """What a manager, an import row or a phone tip says about a resource."""

    gmina_code: str
    kind: str
    name: str
    provider: str = ""
    institution: str | None = None
    description: str = ""
    areas: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    locality_ids: list[int] = field(default_factory=list)
    access: str | None = None
    cost: str | None = None
    capacity_per_month: int | None = None
    hours_per_month: int | None = None
    how_to_reach: str = ""
    source: str = ""
    source_date: date | None = None
    contact: str = ""  # volunteers only; stored encrypted, never shown back in a form


def _check(data: ResourceInput) -> None:
    if db.session.get(Gmina, data.gmina_code) is None:
        raise ResourceError(_("Nieznana gmina."), "gmina_code")
    if data.kind not in set(ResourceKind):
        raise ResourceError(_("Nieznany rodzaj zasobu."), "kind")
    if not data.name.strip():
        raise ResourceError(_("Podaj nazwę."), "name")
    if data.institution and data.institution not in INSTITUTION_LABELS:
        raise ResourceError(_("Nieznany rodzaj instytucji."), "institution")
    unknown = [a for a in data.areas if a not in AREA_KEYS]
    if unknown:
        raise ResourceError(_("Nieznany obszar: %(a)s", a=", ".join(unknown)), "areas")
    unknown = [g for g in data.target_groups if g not in TARGET_GROUPS_BY_KEY]
    if unknown:
        raise ResourceError(_("Nieznana grupa: %(g)s", g=", ".join(unknown)), "target_groups")
    if data.locality_ids:
        known = set(db.session.scalars(
            db.select(Locality.id).where(Locality.gmina_code == data.gmina_code)
        ))
        if not set(data.locality_ids) <= known:
            raise ResourceError(_("Miejscowość spoza gminy zasobu."), "locality_ids")
    _check_terms(data)


def _check_terms(data: ResourceInput) -> None:
    if data.access and data.access not in set(Access):
        raise ResourceError(_("Nieznane kryterium dostępu."), "access")
    if data.cost and data.cost not in set(Cost):
        raise ResourceError(_("Nieznany koszt."), "cost")
    for name in ("capacity_per_month", "hours_per_month"):
        value = getattr(data, name)
        if value is not None and value < 0:
            raise ResourceError(_("Liczba nie może być ujemna."), name)
    if data.contact and data.kind != ResourceKind.VOLUNTEER:
        raise ResourceError(
            _("Dane kontaktowe zapisuje się tylko dla wolontariuszy; instytucje: „Jak dotrzeć”."),
            "contact",
        )


def _apply(resource: Resource, data: ResourceInput) -> None:
    for name in (
        "gmina_code", "kind", "provider", "institution", "description", "areas",
        "target_groups", "locality_ids", "access", "cost", "capacity_per_month",
        "hours_per_month", "how_to_reach", "source", "source_date",
    ):
        setattr(resource, name, getattr(data, name))
    resource.name = data.name.strip()
    resource.institution = data.institution or None
    resource.access = data.access or None
    resource.cost = data.cost or None
    if data.contact.strip():
        resource.contact_token = encrypt_contact({"contact": data.contact.strip()})


def create(data: ResourceInput, by: User | None, status: str = ResourceStatus.ACTIVE) -> Resource:
    _check(data)
    resource = Resource(status=status, created_by_id=by.id if by else None)
    _apply(resource, data)
    db.session.add(resource)
    db.session.flush()
    return resource


def update(resource: Resource, data: ResourceInput) -> None:
    """Change an entry; an empty `contact` keeps the stored one (it is never shown back)."""
    _check(data)
    _apply(resource, data)
    db.session.flush()


def set_status(resource: Resource, status: str) -> None:
    """Confirm a phone tip (aktywny), reject it, or archive an entry."""
    try:
        resource.status = ResourceStatus(status)
    except ValueError:
        raise ResourceError(_("Nieznany status."), "status") from None
    db.session.flush()


@dataclass
class ResourceQuery:
    gmina_code: str | None = None
    kind: str | None = None
    area: str | None = None
    status: str | None = None


def search(query: ResourceQuery) -> list[Resource]:
    stmt = db.select(Resource)
    if query.gmina_code:
        stmt = stmt.where(Resource.gmina_code == query.gmina_code)
    if query.kind:
        stmt = stmt.where(Resource.kind == query.kind)
    if query.status:
        stmt = stmt.where(Resource.status == query.status)
    rows = list(db.session.scalars(stmt.order_by(Resource.kind, Resource.name, Resource.id)))
    if query.area:  # a JSON list: filtered here, the same on SQLite and PostgreSQL
        rows = [r for r in rows if query.area in r.areas]
    return rows


def active_resources(gmina_code: str | None = None) -> list[Resource]:
    return search(ResourceQuery(gmina_code=gmina_code, status=ResourceStatus.ACTIVE))


def read_contact(resource: Resource, user: User, reason: str) -> dict[str, Any] | None:
    """A volunteer's contact data, for a holder of the permission, with a logged reason."""
    if not user.has_permission(Permission.CONTACTS):
        raise ResourceError(_("Brak uprawnienia „Kontakt z mieszkańcami”."))
    if len(reason.strip()) < MIN_REASON:
        raise ResourceError(
            _("Podaj powód odczytu (co najmniej %(n)s znaków).", n=MIN_REASON), "reason"
        )
    record_access(
        AccessAction.CONTACT_READ, user.id, "resource", resource.id,
        reason=reason.strip()[:500], found=resource.contact_token is not None,
    )
    db.session.flush()
    return decrypt_contact(resource.contact_token) if resource.contact_token else None


def register_gminas() -> list[Gmina]:
    """The gminas a register can be kept for: those of the campaigns."""
    stmt = db.select(Gmina).where(Gmina.code.in_(db.select(Campaign.gmina_code))).order_by(
        Gmina.name
    )
    return list(db.session.scalars(stmt))
