"""What employers need (job analyses) and the jobs that come of it (openings)."""
import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class Level(enum.StrEnum):
    """A three-step scale for pace and for physical and social demands."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Setting(enum.StrEnum):
    INDOOR = "indoor"
    OUTDOOR = "outdoor"
    BOTH = "both"


class Soundscape(enum.StrEnum):
    QUIET = "quiet"
    MIXED = "mixed"
    LIVELY = "lively"


class SubsidyOpenness(enum.StrEnum):
    YES = "yes"
    MAYBE = "maybe"
    NO = "no"
    UNKNOWN = "unknown"


class HiringProcess(enum.StrEnum):
    DECIDING_MANAGER = "deciding_manager"  # the specialist reaches the person who decides
    HR = "hr"  # public employers especially: HR policies shield the deciding manager
    OWNER = "owner"
    UNKNOWN = "unknown"


class OpeningStatus(enum.StrEnum):
    OPEN = "open"
    FILLED = "filled"
    WITHDRAWN = "withdrawn"


class WorkConditions:
    """Columns that describe a job's conditions, shared by analyses and openings so that
    matching can read either in the same words as a participant's preferences."""

    hours_min: Mapped[int | None]
    hours_max: Mapped[int | None]
    weekdays: Mapped[bool] = mapped_column(default=True)
    evenings: Mapped[bool] = mapped_column(default=False)
    weekends: Mapped[bool] = mapped_column(default=False)
    setting: Mapped[Setting | None] = mapped_column(str_enum(Setting))
    soundscape: Mapped[Soundscape | None] = mapped_column(str_enum(Soundscape))
    people_contact: Mapped[Level | None] = mapped_column(str_enum(Level))
    physical_demands: Mapped[Level | None] = mapped_column(str_enum(Level))
    municipality: Mapped[str | None] = mapped_column(String(80))
    monthly_wage: Mapped[int | None]  # SEK before tax, full-time equivalent of the offered hours


class JobAnalysis(WorkConditions, db.Model):
    """A needs-based job analysis (behovsanalys): dated; a revision is a new analysis."""

    __tablename__ = "job_analyses"
    __table_args__ = (Index("ix_job_analyses_employer_date", "employer_id", "analysed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"))
    analysed_on: Mapped[date]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revises_id: Mapped[int | None] = mapped_column(ForeignKey("job_analyses.id"))
    business_needs: Mapped[str] = mapped_column(Text)
    tasks: Mapped[str | None] = mapped_column(Text)
    schedule: Mapped[str | None] = mapped_column(String(300))
    pace: Mapped[Level | None] = mapped_column(str_enum(Level))
    social_demands: Mapped[str | None] = mapped_column(Text)
    sensory_environment: Mapped[str | None] = mapped_column(Text)
    supervisor: Mapped[str | None] = mapped_column(String(200))
    possible_adjustments: Mapped[str | None] = mapped_column(Text)
    collective_agreement: Mapped[str | None] = mapped_column(String(120))
    subsidy_openness: Mapped[SubsidyOpenness] = mapped_column(str_enum(SubsidyOpenness),
                                                              default=SubsidyOpenness.UNKNOWN)
    hiring_process: Mapped[HiringProcess] = mapped_column(str_enum(HiringProcess), default=HiringProcess.UNKNOWN)
    hiring_notes: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200))
    travel_notes: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employer = relationship("Employer")
    author = relationship("User")

    def __repr__(self) -> str:
        return f"<JobAnalysis {self.id} employer={self.employer_id} {self.analysed_on}>"


class Opening(WorkConditions, db.Model):
    __tablename__ = "openings"
    __table_args__ = (Index("ix_openings_team_status", "team_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    job_analysis_id: Mapped[int | None] = mapped_column(ForeignKey("job_analyses.id"))
    title: Mapped[str] = mapped_column(String(200))
    occupation_code: Mapped[str | None] = mapped_column(String(4), index=True)  # SSYK 2012
    tasks: Mapped[str | None] = mapped_column(Text)
    schedule: Mapped[str | None] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(200))
    earliest_start_on: Mapped[date | None]
    # Open to anyone at an ordinary wage; a job with a wage subsidy still is, sheltered work is not.
    competitive: Mapped[bool] = mapped_column(default=True)
    # The employer must know about support needs (a subsidised job, for instance).
    requires_disclosure: Mapped[bool] = mapped_column(default=False)
    status: Mapped[OpeningStatus] = mapped_column(str_enum(OpeningStatus), default=OpeningStatus.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    employer = relationship("Employer")
    job_analysis = relationship("JobAnalysis")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Opening {self.id} {self.title}>"
