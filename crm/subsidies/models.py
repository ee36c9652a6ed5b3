"""Employment supports negotiated with Arbetsförmedlingen: the types (reference data), the agency
contacts the specialist works with, and one negotiation per participant, employer and job."""
import enum
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class SupportType(db.Model):
    """A kind of support AF can decide on. Policy changes the types and their limits, so they are
    data an admin edits, seeded with the current Swedish ones; the numbers are the usual ones, not rules."""

    __tablename__ = "support_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_sv: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    max_months: Mapped[int | None]  # the usual longest period; empty where none applies
    review_months: Mapped[int | None]  # the usual time until AF reviews or renews the decision
    active: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str | None] = mapped_column(Text)

    def name(self, language: str) -> str:
        return self.name_sv if language == "sv" else self.name_en


class AgencyKind(enum.StrEnum):
    ARBETSFORMEDLINGEN = "arbetsformedlingen"
    FORSAKRINGSKASSAN = "forsakringskassan"
    PSYCHIATRY = "psychiatry"
    SOCIAL_SERVICES = "social_services"
    OTHER = "other"


class AgencyContact(db.Model):
    """A person at an agency around the participants (an AF case officer, a psychiatry contact …),
    in the team's own directory."""

    __tablename__ = "agency_contacts"
    __table_args__ = (Index("ix_agency_contacts_team_kind", "team_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    kind: Mapped[AgencyKind] = mapped_column(str_enum(AgencyKind))
    organisation: Mapped[str] = mapped_column(String(200))  # the office or unit, as "Arbetsförmedlingen Nyköping"
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def label(self) -> str:
        return f"{self.name}, {self.organisation}"


class NegotiationStatus(enum.StrEnum):
    DRAFT = "draft"
    RAISED_WITH_AF = "raised_with_af"
    AF_ASSESSING = "af_assessing"
    TERMS_PROPOSED = "terms_proposed"
    AGREED = "agreed"
    DECIDED = "decided"
    ACTIVE = "active"
    REVIEW_DUE = "review_due"
    RENEWED = "renewed"
    ENDED = "ended"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Negotiation(db.Model):
    """An employment support for one participant at one employer, from the first idea to its end.
    The status moves only through `services.advance`, which keeps the steps as its history."""

    __tablename__ = "negotiations"
    __table_args__ = (
        Index("ix_negotiations_team_status", "team_id", "status"),
        CheckConstraint("requested_share_percent IS NULL OR (requested_share_percent > 0 "
                        "AND requested_share_percent <= 100)", name="requested_share"),
        CheckConstraint("agreed_share_percent IS NULL OR (agreed_share_percent > 0 AND agreed_share_percent <= 100)",
                        name="agreed_share"),
        CheckConstraint("period_end_on IS NULL OR period_start_on IS NULL OR period_end_on >= period_start_on",
                        name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("openings.id"))
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id"), index=True)
    support_type_id: Mapped[int] = mapped_column(ForeignKey("support_types.id"))
    af_officer_id: Mapped[int | None] = mapped_column(ForeignKey("agency_contacts.id"))
    status: Mapped[NegotiationStatus] = mapped_column(str_enum(NegotiationStatus), default=NegotiationStatus.DRAFT)
    # The level: the share of the wage cost AF pays, and the monthly wage (SEK) that share applies to.
    requested_share_percent: Mapped[int | None]
    agreed_share_percent: Mapped[int | None]
    wage_basis: Mapped[int | None]
    decided_on: Mapped[date | None]
    period_start_on: Mapped[date | None]
    period_end_on: Mapped[date | None]
    next_review_on: Mapped[date | None]
    # What was shared with whom (AF, the employer), in the specialist's words: never health details.
    shared_information: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    participant = relationship("Participant")
    employer = relationship("Employer")
    opening = relationship("Opening")
    placement = relationship("Placement")
    support_type: Mapped[SupportType] = relationship()
    af_officer: Mapped[AgencyContact | None] = relationship()
    steps: Mapped[list["NegotiationStep"]] = relationship(
        back_populates="negotiation", order_by="(NegotiationStep.taken_on.desc(), NegotiationStep.id.desc())",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def period_months(self) -> int | None:
        if self.period_start_on is None or self.period_end_on is None:
            return None
        span = relativedelta(self.period_end_on + relativedelta(days=1), self.period_start_on)
        return span.years * 12 + span.months + (1 if span.days else 0)

    @property
    def longer_than_usual(self) -> bool:
        """The period passes the type's usual maximum: worth a second look, not an error (rules change)."""
        limit, months = self.support_type.max_months, self.period_months
        return limit is not None and months is not None and months > limit


class NegotiationStep(db.Model):
    """One dated step of a negotiation: who moved it, from where to where, and what changed."""

    __tablename__ = "negotiation_steps"
    __table_args__ = (Index("ix_negotiation_steps_negotiation_taken", "negotiation_id", "taken_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    from_status: Mapped[NegotiationStatus | None] = mapped_column(str_enum(NegotiationStatus))
    to_status: Mapped[NegotiationStatus] = mapped_column(str_enum(NegotiationStatus))
    taken_on: Mapped[date]
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    # The terms this step changed, as {field: [old, new]}.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    negotiation: Mapped[Negotiation] = relationship(back_populates="steps")
    by = relationship("User")
