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
    # Specialists of this team need a second factor too (admins and team leads by TWO_FACTOR_REQUIRED_ROLES).
    two_factor_required: Mapped[bool] = mapped_column(default=False, server_default=false())
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

    # Set per request by crm.sessions.views: the server-side session this user is signed in with.
    session_token = None
    session_id = None

    def get_id(self) -> str | None:
        """What Flask-Login keeps in the cookie: the session's token, never the user's id."""
        return self.session_token

    def __eq__(self, other):
        """The same account (Flask-Login's mixin would compare get_id(), which is now a session token)."""
        if isinstance(other, User):
            return self is other or (self.id is not None and self.id == other.id)
        return NotImplemented

    __hash__ = UserMixin.__hash__

    @property
    def is_staff(self) -> bool:
        """Specialists and team leads: the people who do employer work."""
        return self.role in (Role.JOB_SPECIALIST, Role.TEAM_LEAD)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class LoginThrottle(db.Model):
    """Failed sign-ins counted per account and address, per address, and per account (to tell its owner)."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    # When the account's owner was e-mailed about these failures (once per run of failures).
    owner_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TokenPurpose(enum.StrEnum):
    RESET = "reset"
    INVITATION = "invitation"


class PasswordToken(db.Model):
    """A single-use link that lets someone set their password: a reset, or a new user's invitation."""

    __tablename__ = "password_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[TokenPurpose] = mapped_column(str_enum(TokenPurpose))
    # SHA-256 of the link's token: the database alone opens no account.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class AccountAction(enum.StrEnum):
    PASSWORD_RESET = "password_reset"
    INVITATION_SENT = "invitation_sent"
    TWO_FACTOR_ENROLLED = "two_factor_enrolled"
    TWO_FACTOR_RESET = "two_factor_reset"
    RECOVERY_CODE_USED = "recovery_code_used"
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed"


class AccountEvent(db.Model):
    """Changes to how someone signs in, and who made them: an admin's reset of a second factor above all."""

    __tablename__ = "account_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[AccountAction] = mapped_column(str_enum(AccountAction))
