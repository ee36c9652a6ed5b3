"""Proposals: a participant put forward for an opening, or their own application, and the outcome."""
import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class ProposalKind(enum.StrEnum):
    PROPOSED = "proposed"  # the specialist presents the participant to the employer
    OWN_APPLICATION = "own_application"  # disclosure "none": the participant applies alone, coached


class ProposalStatus(enum.StrEnum):
    PENDING = "pending"
    INTERVIEW = "interview"
    HIRED = "hired"
    NOT_HIRED = "not_hired"
    WITHDRAWN = "withdrawn"


OPEN_PROPOSAL_STATUSES = (ProposalStatus.PENDING, ProposalStatus.INTERVIEW)


class Proposal(db.Model):
    __tablename__ = "proposals"
    __table_args__ = (Index("ix_proposals_opening", "opening_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("openings.id"))
    kind: Mapped[ProposalKind] = mapped_column(str_enum(ProposalKind))
    status: Mapped[ProposalStatus] = mapped_column(str_enum(ProposalStatus), default=ProposalStatus.PENDING)
    proposed_on: Mapped[date]
    decided_on: Mapped[date | None]
    outcome_notes: Mapped[str | None] = mapped_column(Text)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant = relationship("Participant")
    opening = relationship("Opening")
    created_by = relationship("User")
