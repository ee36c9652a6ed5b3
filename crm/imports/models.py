"""Spreadsheet imports in progress, each user's last column mapping, and pairs ruled out as duplicates."""
import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class ImportStatus(enum.StrEnum):
    UPLOADED = "uploaded"  # the file is stored, columns not yet mapped
    MAPPED = "mapped"  # ready for the dry run and the import
    IMPORTED = "imported"  # done: the file is gone, counts and invalid rows remain


class ImportJob(db.Model):
    """One upload walked through mapping, preview and import. The raw file is kept only until the
    import has run (the steps are separate requests); the invalid rows stay for download."""

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20), default="employers")
    filename: Mapped[str] = mapped_column(String(200))
    raw: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    encoding: Mapped[str] = mapped_column(String(20))
    delimiter: Mapped[str] = mapped_column(String(1))
    headers: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Target field -> column index in this file.
    mapping: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    status: Mapped[ImportStatus] = mapped_column(str_enum(ImportStatus), default=ImportStatus.UPLOADED)
    created_count: Mapped[int] = mapped_column(default=0)
    updated_count: Mapped[int] = mapped_column(default=0)
    unchanged_count: Mapped[int] = mapped_column(default=0)
    invalid_count: Mapped[int] = mapped_column(default=0)
    invalid_rows: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))  # a CSV to fix and import again
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by = relationship("User")

    def __repr__(self) -> str:
        return f"<ImportJob {self.id} {self.filename} {self.status}>"


class ImportMapping(db.Model):
    """The mapping a user chose last time (target field -> header text), offered again next time."""

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("user_id", "kind", name="uq_import_mappings_user_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    columns: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DuplicateDismissal(db.Model):
    """A team lead's "these two are not the same employer": the pair is not offered again.
    The pair is stored in id order so that (a, b) and (b, a) are one row."""

    __tablename__ = "duplicate_dismissals"
    __table_args__ = (
        UniqueConstraint("first_id", "second_id", name="uq_duplicate_dismissals_pair"),
        CheckConstraint("first_id < second_id", name="ordered_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    first_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), index=True)
    dismissed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
