"""Participants, as far as employer work needs them: who they are, whose caseload, where they stand.

Deliberately no personal identity number and no diagnosis: employer work needs neither.
"""
import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class ParticipantStatus(enum.StrEnum):
    WAITING_LIST = "waiting_list"
    PRE_SCREENING = "pre_screening"
    ACTIVE = "active"
    PASSIVE = "passive"  # no scheduled support; may return at any time
    CLOSED = "closed"  # only at the participant's wish or when consent is withdrawn


class ClosedReason(enum.StrEnum):
    PARTICIPANT_WISH = "participant_wish"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    MOVED = "moved"
    OTHER = "other"


class Participant(db.Model):
    __tablename__ = "participants"
    __table_args__ = (Index("ix_participants_team_status", "team_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    specialist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    preferred_language: Mapped[str | None] = mapped_column(String(40))
    needs_interpreter: Mapped[bool] = mapped_column(default=False)
    entered_on: Mapped[date]
    status: Mapped[ParticipantStatus] = mapped_column(str_enum(ParticipantStatus),
                                                      default=ParticipantStatus.WAITING_LIST)
    closed_reason: Mapped[ClosedReason | None] = mapped_column(str_enum(ClosedReason))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    team = relationship("Team")
    specialist = relationship("User")
    status_changes: Mapped[list["ParticipantStatusChange"]] = relationship(
        back_populates="participant", order_by="ParticipantStatusChange.changed_on.desc()",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def short_name(self) -> str:
        """First name and initial: what calendar feeds and lists that leave the app may show."""
        return f"{self.first_name} {self.last_name[:1]}."

    def __repr__(self) -> str:
        return f"<Participant {self.id}>"


class ParticipantStatusChange(db.Model):
    """The dated history of a participant's status."""

    __tablename__ = "participant_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    status: Mapped[ParticipantStatus] = mapped_column(str_enum(ParticipantStatus))
    changed_on: Mapped[date]
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant: Mapped[Participant] = relationship(back_populates="status_changes")
    changed_by = relationship("User")
