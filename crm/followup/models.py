"""Follow-up plans and the follow-up contacts logged against them.

A plan has no end date: its rhythm is stored as a recurrence rule and the coming contacts are
computed from it (crm.followup.schedule), so nothing has to be generated for years ahead and
nothing runs out. Support ends only when the participant says so.
"""
import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class PlanStatus(enum.StrEnum):
    ACTIVE = "active"
    PASSIVE = "passive"  # no scheduled contacts; reactivated in one click
    ENDED = "ended"  # only because the participant said so


class Audience(enum.StrEnum):
    EMPLOYEE = "employee"
    EMPLOYER = "employer_supervisor"


class FollowUpForm(enum.StrEnum):
    FACE_TO_FACE = "face_to_face"
    PHONE = "phone"
    VIDEO = "video"
    EMAIL = "email"


class FollowUpPlan(db.Model):
    __tablename__ = "followup_plans"
    __table_args__ = (
        Index("ix_followup_plans_team_status", "team_id", "status"),
        CheckConstraint("status != 'ended' OR (ended_on IS NOT NULL AND participant_words IS NOT NULL)",
                        name="ended_in_their_words"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), unique=True)
    status: Mapped[PlanStatus] = mapped_column(str_enum(PlanStatus), default=PlanStatus.ACTIVE)
    # Planned contacts count from this day: a plan made late, or reactivated, owes nothing before it.
    planned_from_on: Mapped[date]
    # The ongoing rhythm per audience after the start pattern, as iCalendar recurrence text
    # ("DTSTART:…\nRRULE:FREQ=MONTHLY;INTERVAL=1"); no employer rule means no employer contacts.
    employee_rule: Mapped[str | None] = mapped_column(String(200))
    employer_rule: Mapped[str | None] = mapped_column(String(200))
    passive_since_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    participant_words: Mapped[str | None] = mapped_column(Text)  # why support ends, as the participant put it
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    placement = relationship("Placement")
    contacts: Mapped[list["FollowUpContact"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan",
        order_by="(FollowUpContact.held_on.desc(), FollowUpContact.due_on, FollowUpContact.id.desc())")

    __mapper_args__ = {"version_id_col": version}

    def rule_for(self, audience: Audience) -> str | None:
        return self.employee_rule if audience == Audience.EMPLOYEE else self.employer_rule

    @property
    def agreed(self) -> list["FollowUpContact"]:
        """One-off contacts agreed for a date (beside the rhythm)."""
        return [c for c in self.contacts if c.held_on is None]

    @property
    def held(self) -> list["FollowUpContact"]:
        return [c for c in self.contacts if c.held_on is not None]


class FollowUpContact(db.Model):
    """A follow-up contact that was held (held_on), or one agreed for a later date (due_on)."""

    __tablename__ = "followup_contacts"
    __table_args__ = (
        Index("ix_followup_contacts_plan_audience", "plan_id", "audience", "held_on"),
        CheckConstraint("(held_on IS NULL) != (due_on IS NULL)", name="held_or_agreed"),
        CheckConstraint("held_on IS NULL OR form IS NOT NULL", name="held_has_form"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("followup_plans.id", ondelete="CASCADE"))
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    due_on: Mapped[date | None]
    held_on: Mapped[date | None]
    form: Mapped[FollowUpForm | None] = mapped_column(str_enum(FollowUpForm))
    with_whom: Mapped[str | None] = mapped_column(String(200))
    what_came_up: Mapped[str | None] = mapped_column(Text)
    adjustments_agreed: Mapped[str | None] = mapped_column(Text)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    plan: Mapped[FollowUpPlan] = relationship(back_populates="contacts")
    done_by = relationship("User")
