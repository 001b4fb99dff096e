"""Imported source files, kept as uploaded for audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from researcher.extensions import db, utcnow


class ImportFile(db.Model):
    """One uploaded file: its bytes, who sent it, and what applying it did."""

    __tablename__ = "import_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)  # what it imports, e.g. "needs"
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The caller's context (e.g. a campaign id), and the counts once applied.
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    applied_at: Mapped[datetime | None]
    result: Mapped[dict[str, int] | None] = mapped_column(JSON)
