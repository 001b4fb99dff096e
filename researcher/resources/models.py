"""Local resources (zasoby) of a gmina and referrals of needs to them (DOMAIN A5)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from researcher.codes import check_in
from researcher.extensions import db, utcnow
from researcher.gminas.models import Gmina
from researcher.interviews.models import Need


class ResourceKind(StrEnum):
    VOLUNTEER = "wolontariusz"
    NEIGHBOUR_HELP = "pomoc_sasiedzka"
    TIME_BANK = "bank_czasu"
    NGO = "organizacja"
    INSTITUTION = "instytucja"
    SERVICE = "usluga"


RESOURCE_KIND_LABELS = {
    ResourceKind.VOLUNTEER: _l("Wolontariusz"),
    ResourceKind.NEIGHBOUR_HELP: _l("Grupa pomocy sąsiedzkiej"),
    ResourceKind.TIME_BANK: _l("Oferta banku czasu"),
    ResourceKind.NGO: _l("Organizacja pozarządowa"),
    ResourceKind.INSTITUTION: _l("Instytucja"),
    ResourceKind.SERVICE: _l("Usługa"),
}

#: Kinds of institution (only for kind = instytucja or the provider of a service).
INSTITUTION_LABELS = {
    "ops": _l("OPS"),
    "cus": _l("CUS"),
    "pcpr": _l("PCPR"),
    "sds": _l("ŚDS"),
    "szkola": _l("Szkoła"),
    "biblioteka": _l("Biblioteka"),
    "gok": _l("GOK / dom kultury"),
    "parafia": _l("Parafia"),
    "kgw": _l("KGW"),
    "inna": _l("Inna"),
}


class ResourceStatus(StrEnum):
    ACTIVE = "aktywny"
    TIP = "zgloszony"  # noted by a researcher on the phone; the manager confirms or rejects
    REJECTED = "odrzucony"
    ARCHIVED = "archiwalny"


RESOURCE_STATUS_LABELS = {
    ResourceStatus.ACTIVE: _l("Aktywny"),
    ResourceStatus.TIP: _l("Zgłoszony z terenu (do potwierdzenia)"),
    ResourceStatus.REJECTED: _l("Odrzucony"),
    ResourceStatus.ARCHIVED: _l("Archiwalny"),
}


class Access(StrEnum):
    UNIVERSAL = "powszechnosc"
    SELECTIVE = "selekcyjne"


ACCESS_LABELS = {Access.UNIVERSAL: _l("Powszechność"), Access.SELECTIVE: _l("Selekcyjne")}


class Cost(StrEnum):
    FREE = "bezplatna"
    PAID = "platna"


COST_LABELS = {Cost.FREE: _l("Bezpłatna"), Cost.PAID: _l("Płatna")}


class Resource(db.Model):
    """One entry of the register. Contact data of individuals are encrypted like residents'."""

    __tablename__ = "resources"
    __table_args__ = (
        check_in("kind", ResourceKind, name="kind_known"),
        check_in("status", ResourceStatus, name="status_known"),
        Index("ix_resources_gmina_status", "gmina_code", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    gmina_code: Mapped[str] = mapped_column(ForeignKey("gminas.code"))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=ResourceStatus.ACTIVE)
    name: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    institution: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    areas: Mapped[list[str]] = mapped_column(JSON, default=list)  # keys of the 14 areas
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: everyone
    locality_ids: Mapped[list[int]] = mapped_column(JSON, default=list)  # empty: whole gmina
    access: Mapped[str | None] = mapped_column(String(20))
    cost: Mapped[str | None] = mapped_column(String(20))
    capacity_per_month: Mapped[int | None]  # people a month; None: not known / no limit
    hours_per_month: Mapped[int | None]  # time-bank offers and volunteers
    how_to_reach: Mapped[str] = mapped_column(Text, default="")
    contact_token: Mapped[bytes | None] = mapped_column(LargeBinary)  # volunteers only
    source: Mapped[str] = mapped_column(String(200), default="")
    source_date: Mapped[date | None]
    tip_uuid: Mapped[str | None] = mapped_column(String(36), unique=True)  # phone tips
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    gmina: Mapped[Gmina] = relationship()


class ReferralStatus(StrEnum):
    PROPOSED = "proponowana"
    ACCEPTED = "przyjeta"
    DECLINED = "odrzucona"
    DONE = "zrealizowana"


REFERRAL_STATUS_LABELS = {
    ReferralStatus.PROPOSED: _l("Proponowana"),
    ReferralStatus.ACCEPTED: _l("Przyjęta"),
    ReferralStatus.DECLINED: _l("Odrzucona"),
    ReferralStatus.DONE: _l("Zrealizowana"),
}


class Referral(db.Model):
    """A need sent to a resource. Accepted referrals use the resource's monthly capacity."""

    __tablename__ = "referrals"
    __table_args__ = (
        check_in("status", ReferralStatus, name="status_known"),
        UniqueConstraint("need_id", "resource_id"),
        Index("ix_referrals_resource_status", "resource_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default=ReferralStatus.PROPOSED)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    need: Mapped[Need] = relationship()
    resource: Mapped[Resource] = relationship()
