"""Job starts: a participant in a job at an employer, from the first day to the last."""
import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db

# A job start counts from four hours of paid work a week (the Swedish IPS projects' definition).
JOB_START_MIN_HOURS = 4


class EmploymentForm(enum.StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    HOURLY = "hourly"
    WITH_SUBSIDY = "with_subsidy"
    WORK_PLACEMENT = "work_placement"  # praktik at a social enterprise: work training, not a job start


class EndReason(enum.StrEnum):
    NEW_JOB = "new_job"
    RESIGNED = "resigned"
    CONTRACT_ENDED = "contract_ended"
    DISMISSED = "dismissed"
    STUDIES = "studies"
    OTHER = "other"


class Placement(db.Model):
    __tablename__ = "placements"
    __table_args__ = (
        Index("ix_placements_team_started", "team_id", "started_on"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ends_after_start"),
        CheckConstraint("hours_per_week > 0 AND hours_per_week <= 60", name="hours"),
        # At an employer, or at a social enterprise through one of its listings.
        CheckConstraint("(employer_id IS NULL) <> (partner_organisation_id IS NULL)", name="one_workplace"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"), index=True)
    partner_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("partner_organisations.id"), index=True)
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listings.id"))
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("openings.id"))
    title: Mapped[str] = mapped_column(String(200))
    occupation_code: Mapped[str | None] = mapped_column(String(4))
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    hours_per_week: Mapped[float]
    monthly_wage: Mapped[int | None]
    employment_form: Mapped[EmploymentForm] = mapped_column(str_enum(EmploymentForm))
    # Open to anyone at an ordinary wage; a wage subsidy does not change that, sheltered work does.
    competitive: Mapped[bool] = mapped_column(default=True)
    end_reason: Mapped[EndReason | None] = mapped_column(str_enum(EndReason))
    end_notes: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    participant = relationship("Participant")
    employer = relationship("Employer")
    opening = relationship("Opening")
    partner_organisation = relationship("PartnerOrganisation")

    __mapper_args__ = {"version_id_col": version}

    @property
    def workplace_name(self) -> str:
        """The employer's or the social enterprise's name."""
        return self.employer.name if self.employer_id else self.partner_organisation.name

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def has_started(self, today: date) -> bool:
        """A job start can be recorded before the first day: until then it shows as "Starts on …"."""
        return self.started_on <= today

    def tenure_days(self, today: date) -> int:
        """Days in the job, counted from the first day: 0 until then, never negative."""
        return max(0, ((self.ended_on or today) - self.started_on).days)
