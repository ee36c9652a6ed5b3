"""People who sign in, the teams they work in, and the throttle that guards the login form."""
import enum
from datetime import datetime
from decimal import Decimal

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, false, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class Role(enum.StrEnum):
    JOB_SPECIALIST = "job_specialist"
    TEAM_LEAD = "team_lead"
    PARTNER = "partner"
    ADMIN = "admin"


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    municipality: Mapped[str | None] = mapped_column(String(80))
    # IPS fidelity targets, adjustable per team.
    weekly_contact_target: Mapped[int] = mapped_column(default=6)
    cold_after_days: Mapped[int] = mapped_column(default=60)
    caseload_limit: Mapped[int] = mapped_column(default=20)
    # Months a closed participant's record is kept before it is listed for review and erasure.
    retention_months: Mapped[int] = mapped_column(default=24, server_default="24")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list["User"]] = relationship(back_populates="team", order_by="User.name")

    def __repr__(self) -> str:
        return f"<Team {self.name}>"


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "(role = 'partner') = (partner_organisation_id IS NOT NULL)", name="partner_has_organisation"
        ),
        CheckConstraint(
            "role NOT IN ('job_specialist', 'team_lead') OR team_id IS NOT NULL", name="staff_has_team"
        ),
        CheckConstraint("employment_fraction > 0 AND employment_fraction <= 1", name="employment_fraction_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    partner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_organisations.id"), index=True
    )
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    # Part of the session identity: bumping it signs the user out everywhere.
    session_generation: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Staff get a morning e-mail of their open nudges unless they opt out.
    digest_opt_out: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Share of a full-time post (1.00 full time, 0.50 half time): caseloads are compared per full-time post.
    employment_fraction: Mapped[Decimal] = mapped_column(Numeric(3, 2), default=Decimal("1.00"),
                                                         server_default="1.00")

    team: Mapped[Team | None] = relationship(back_populates="members")
    partner_organisation = relationship("PartnerOrganisation", back_populates="users")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_generation}"

    @property
    def is_staff(self) -> bool:
        """Specialists and team leads: the people who do employer work."""
        return self.role in (Role.JOB_SPECIALIST, Role.TEAM_LEAD)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class LoginThrottle(db.Model):
    """Failed sign-ins counted per account and per client address."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
