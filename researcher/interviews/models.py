"""Visits (every doorstep), the needs of an interview, versions, quarantine and contact data.

Three stores, as the RODO rules ask: the visit/interview record keyed by a random UUID with no
address; the needs derived from it; contact data (only when the respondent asked to be
contacted) encrypted in a table of its own.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    or_,
    text,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forms.vocabulary import N_
from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.codes import check_in
from researcher.extensions import db, local_day, utcnow
from researcher.gminas.models import Locality
from researcher.interviews.stored_types import ANSWER_KEYS_DATA, DIGEST, VISIT_UUID

INTERVIEW_OUTCOMES = ("zrealizowany", "przerwany")


def _recorded_on(context: Any) -> date:
    """Default of `recorded_on` for rows inserted without one: the day of `recorded_at`."""
    return local_day(context.get_current_parameters()["recorded_at"])


class Visit(db.Model):
    """One doorstep: its outcome and, when the resident agreed, the interview answers."""

    __tablename__ = "visits"
    __table_args__ = (
        # Reports count per slice through this index (campaign first: it also serves every
        # query of one campaign); the former per-column report indexes cost 90 B a visit.
        Index("ix_visits_slices", "campaign_id", "recorded_on", "locality_id", "updated_at"),
        # Every count of needs leaves out those of restricted visits (`need_not_restricted`):
        # without this index each such query read the whole table to find the few restricted
        # ones (0.1–0.3 s per query at a million visits, six queries a recount).
        # The predicate as each dialect writes `Visit.restricted.is_(True)`, so both planners
        # see the query implies it.
        Index("ix_visits_restricted", "id", postgresql_where=text("restricted IS true"),
              sqlite_where=text("restricted IS 1")),
        # The follow-up figure starts from these (a few of a campaign's visits), not from
        # every need of the campaign joined to its visits.
        Index("ix_visits_contact_requested", "campaign_id", "id",
              postgresql_where=text("contact_requested IS true"),
              sqlite_where=text("contact_requested IS 1")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Made on the phone. `VISIT_UUID`, `DIGEST` and `ANSWER_KEYS_DATA` store fewer bytes on
    # PostgreSQL with the same values in Python (`interviews.stored_types`).
    uuid: Mapped[str] = mapped_column(VISIT_UUID, unique=True)
    revision: Mapped[int]
    form_version: Mapped[str] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(DIGEST)
    recorded_at: Mapped[datetime]  # UTC, from the phone
    # When the phone opened and first saved the form (envelope metadata, None from older
    # phones): the interview's duration, a quality signal (`steering.quality`).
    opened_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # Its day in Poland: reports filter and keep their counts by it (`reports.slices`).
    recorded_on: Mapped[date] = mapped_column(default=_recorded_on)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    researcher_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"))
    visit_outcome: Mapped[str] = mapped_column(String(30))
    is_interview: Mapped[bool] = mapped_column(default=False)
    consent_health: Mapped[bool] = mapped_column(default=False)
    contact_requested: Mapped[bool] = mapped_column(default=False)
    respondent_code: Mapped[str | None] = mapped_column(String(12), index=True)
    # Copies of E1/E3/E2 answers so the dashboard counts them without reading `data`.
    services_rating: Mapped[str | None] = mapped_column(String(30))
    volunteering: Mapped[str | None] = mapped_column(String(10))
    community_gaps: Mapped[list[str] | None] = mapped_column(JSON)
    # The answers, without contact data and without the needs, which are their rows of
    # `needs` (`interviews.answers.visit_answers` puts them back for every reader).
    data: Mapped[dict[str, Any]] = mapped_column(ANSWER_KEYS_DATA)
    # Art. 18: a frozen visit stays stored but is left out of analysis and reports until released.
    restricted: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # Entered on the phone later from a paper questionnaire (envelope `from_paper`);
    # `recorded_at` is then the interview's real date, chosen by the researcher.
    from_paper: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    researcher: Mapped[User] = relationship()
    campaign: Mapped[Campaign] = relationship()
    locality: Mapped[Locality | None] = relationship()
    needs: Mapped[list[Need]] = relationship(
        back_populates="visit", order_by="Need.position", cascade="all, delete-orphan"
    )


class Channel(StrEnum):
    """How a need reached the NGO. Only a visit's needs come with a respondent."""

    VISIT = "wizyta"
    MEETING = "spotkanie"
    PHONE = "telefon"
    SOCIAL_MEDIA = "media_spolecznosciowe"
    MAIL = "email_pismo"
    INSTITUTION = "instytucja"
    OTHER = "inne"


#: Polish names (message ids) for tables, which translate their labels when shown.
CHANNEL_NAMES = {
    Channel.VISIT: N_("Wizyta (wywiad)"),
    Channel.MEETING: N_("Spotkanie / grupa mieszkańców"),
    Channel.PHONE: N_("Telefon / dyżur"),
    Channel.SOCIAL_MEDIA: N_("Media społecznościowe"),
    Channel.MAIL: N_("E-mail / pismo"),
    Channel.INSTITUTION: N_("Instytucja (skierowanie)"),
    Channel.OTHER: N_("Inne"),
}
CHANNEL_LABELS = {channel: _l(name) for channel, name in CHANNEL_NAMES.items()}


class NeedStatus(StrEnum):
    """The Menedżer US's review of a need; a rejected need is left out of every count."""

    NEW = "nowa"
    VERIFIED = "zweryfikowana"
    REJECTED = "odrzucona"


NEED_STATUS_LABELS = {
    NeedStatus.NEW: _l("Nowa"),
    NeedStatus.VERIFIED: _l("Zweryfikowana"),
    NeedStatus.REJECTED: _l("Odrzucona"),
}


class QuarantineStatus(StrEnum):
    NEW = "nowy"
    ACCEPTED = "przyjety"
    REJECTED = "odrzucony"


_HAS_MEETING = text("meeting_id IS NOT NULL")
_SCOPE_FLAGGED = text("scope_flag IS NOT NULL")


class Need(db.Model):
    """One need, denormalised for filtering and counting: from an interview (module D), a
    meeting, or entered by the manager (one by one or imported) for the other channels."""

    __tablename__ = "needs"
    __table_args__ = (
        UniqueConstraint("visit_id", "position"),
        check_in("channel", Channel, name="channel_known"),
        # A visit's needs, and only they, hang on a visit (the respondent counts come from it).
        CheckConstraint(
            "(channel = 'wizyta' AND visit_id IS NOT NULL) OR "
            "(channel <> 'wizyta' AND visit_id IS NULL)",
            name="visit_only_for_visits",
        ),
        CheckConstraint(
            "meeting_id IS NULL OR channel = 'spotkanie'", name="meeting_only_for_meetings"
        ),
        # As for visits: campaign first; `ix_needs_report` and `ix_needs_campaign_area` (370 B
        # an interview on PostgreSQL) were left unused by the slices and dropped.
        Index("ix_needs_slices", "campaign_id", "recorded_on", "locality_id", "updated_at"),
        # The needs list's order (newest first) and its keyset paging, all or one campaign.
        # On PostgreSQL the migration adds the trigram index `ix_needs_search_trgm`.
        Index("ix_needs_recorded", "recorded_at", "id"),
        Index("ix_needs_campaign_recorded", "campaign_id", "recorded_at", "id"),
        # Only meetings' needs have one: a full index held a NULL for every visit's need.
        Index("ix_needs_meeting_id", "meeting_id", postgresql_where=_HAS_MEETING,
              sqlite_where=_HAS_MEETING),
        # The gaps figure subtracts the few needs flagged out of scope from the slices' counts.
        Index("ix_needs_scope_flagged", "campaign_id", postgresql_where=_SCOPE_FLAGGED,
              sqlite_where=_SCOPE_FLAGGED),
        check_in("status", NeedStatus),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(
        String(30), default=Channel.VISIT.value, server_default=Channel.VISIT.value
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    # The file an imported need came from (kept for audit in import_files).
    import_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_files.id", ondelete="SET NULL")
    )
    # How many participants of a meeting voiced it (a count of voices, not of respondents).
    voiced_by: Mapped[int | None]
    position: Mapped[int]  # 1..3, the order in the interview (in a meeting: its order there)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"))
    researcher_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    description: Mapped[str] = mapped_column(Text)
    area: Mapped[str] = mapped_column(String(40))  # as the researcher set it (D2)
    service_type: Mapped[str | None] = mapped_column(String(100))
    beneficiary: Mapped[str] = mapped_column(String(20))
    target_groups: Mapped[list[str]] = mapped_column(JSON)
    target_groups_other: Mapped[str | None] = mapped_column(String(100))  # D5.inna
    urgency: Mapped[str] = mapped_column(String(20))
    met_status: Mapped[str] = mapped_column(String(20))
    met_by: Mapped[list[str]] = mapped_column(JSON, default=list)
    barriers: Mapped[list[str]] = mapped_column(JSON, default=list)
    preferred_forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    frequency: Mapped[str | None] = mapped_column(String(20))
    access_view: Mapped[str | None] = mapped_column(String(20))
    sensitive: Mapped[bool] = mapped_column(default=False)
    consent_art9: Mapped[bool] = mapped_column(default=False)
    recorded_at: Mapped[datetime]
    recorded_on: Mapped[date] = mapped_column(default=_recorded_on)  # as the visit's
    # The Menedżer US's review (researcher's answers above stay as recorded; changes are logged
    # in need_changes). None means "as the researcher recorded it".
    status: Mapped[str] = mapped_column(String(30), default=NeedStatus.NEW)
    status_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_area: Mapped[str | None] = mapped_column(String(40))
    reviewed_target_groups: Mapped[list[str] | None] = mapped_column(JSON)
    scope_flag: Mapped[str | None] = mapped_column(String(30))  # potrzeba_materialna|poza_zakresem
    quote_approved: Mapped[bool] = mapped_column(default=False)  # may be quoted in exports
    # No `created_at`: nothing read it, and a visit's need was created when its visit was
    # received (`Visit.received_at`); 8 B a need.
    # Any change, the researcher's or the manager's: tells `reports.slices` to recount.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    visit: Mapped[Visit | None] = relationship(back_populates="needs")


class VisitVersion(db.Model):
    """An earlier revision replaced by a newer one, or a conflicting copy never applied."""

    __tablename__ = "visit_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_uuid: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))  # "replaced" | "conflict"
    form_version: Mapped[str] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime]
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    researcher_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    stored_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuarantinedRecord(db.Model):
    """A record the server rejected, kept verbatim with its errors for an admin to re-process."""

    __tablename__ = "quarantine"
    __table_args__ = (check_in("status", QuarantineStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    researcher_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    device_id: Mapped[str | None] = mapped_column(String(64))
    batch_id: Mapped[str | None] = mapped_column(String(64))
    record_uuid: Mapped[str | None] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(20), default="sync")  # "sync" | "backup"
    payload: Mapped[Any] = mapped_column(JSON)
    errors: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default=QuarantineStatus.NEW)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    researcher: Mapped[User] = relationship(foreign_keys=[researcher_id])


class Contact(db.Model):
    """Contact data a respondent gave for follow-up (F1 = Tak), encrypted, stored apart."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), unique=True
    )
    token: Mapped[bytes] = mapped_column(LargeBinary)  # Fernet token of the JSON
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncBatch(db.Model):
    """The log of sync requests: who sent what, when, with what result."""

    __tablename__ = "sync_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    researcher_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    counts: Mapped[dict[str, int]] = mapped_column(JSON)


def restricted_visit_ids():
    """The ids of visits frozen at the respondent's request (art. 18): analysis and reports
    leave their needs out with `Need.visit_id.not_in(restricted_visit_ids())`."""
    return db.select(Visit.id).where(Visit.restricted.is_(True))


def contact_requested_visit_ids(campaign_ids: list[int]):
    """The ids of the campaigns' visits whose respondent asked to be contacted: the base of
    the follow-up figure (the partial index `ix_visits_contact_requested` holds just those)."""
    return db.select(Visit.id).where(
        Visit.campaign_id.in_(campaign_ids), Visit.contact_requested.is_(True)
    )


def need_not_restricted():
    """The condition keeping a need of a restricted visit out of reports and analysis. Needs
    that come from no visit (meetings, imports) are never restricted: NULL NOT IN (…) would
    leave them out too."""
    return or_(Need.visit_id.is_(None), Need.visit_id.not_in(restricted_visit_ids()))
