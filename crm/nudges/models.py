"""Nudges: reminders that the rules put in a staff member's inbox, one per cause."""
import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class NudgeStatus(enum.StrEnum):
    OPEN = "open"
    SNOOZED = "snoozed"  # shows again on `snoozed_until`
    DONE = "done"  # closed by the recipient: never recreated for the same cause
    DISMISSED = "dismissed"  # likewise
    RESOLVED = "resolved"  # closed by the engine because the cause went away; reopened if it returns


LIVE_STATUSES = (NudgeStatus.OPEN, NudgeStatus.SNOOZED)


class Nudge(db.Model):
    __tablename__ = "nudges"
    __table_args__ = (
        # The idempotence guarantee: one nudge per rule, cause and recipient, whatever runs twice.
        UniqueConstraint("rule", "cause_key", "user_id", name="uq_nudges_rule_cause_user"),
        Index("ix_nudges_user_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    rule: Mapped[str] = mapped_column(String(40))
    cause_key: Mapped[str] = mapped_column(String(160))
    subject_type: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[int | None]
    # Only what the message needs (names, counts): never health or disclosure details.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    due_on: Mapped[date | None]
    status: Mapped[NudgeStatus] = mapped_column(str_enum(NudgeStatus), default=NudgeStatus.OPEN)
    snoozed_until: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")

    def __repr__(self) -> str:
        return f"<Nudge {self.rule} {self.cause_key} {self.status}>"
