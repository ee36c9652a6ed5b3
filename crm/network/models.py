"""The participant's network: the named people at each organisation around them, the contacts the
specialist has with them, the coordinated individual plan (SIP), and the outcome when support ends
with its six-month follow-up (the coordination funds' categories)."""
import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class Organisation(enum.StrEnum):
    """The kinds of organisation around a participant. The first four are agencies with a consent
    party of their own; the others are named in the consent by the organisation's name."""

    ARBETSFORMEDLINGEN = "arbetsformedlingen"
    FORSAKRINGSKASSAN = "forsakringskassan"
    CARE = "care"  # psychiatry or primary care
    SOCIAL_SERVICES = "social_services"
    SIP_COORDINATOR = "sip_coordinator"
    TRUSTEE = "trustee"  # god man or förvaltare
    OTHER = "other"


class NetworkMember(db.Model):
    """A named person at one organisation around one participant, from the team's agency directory.

    One main contact per organisation (a partial unique index would not run the same on SQLite and
    PostgreSQL, so the service keeps it). Ending a link keeps the row: contacts logged with the
    person stay readable."""

    __tablename__ = "network_members"
    __table_args__ = (
        UniqueConstraint("participant_id", "agency_contact_id", "organisation", name="uq_network_members_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    organisation: Mapped[Organisation] = mapped_column(str_enum(Organisation))
    agency_contact_id: Mapped[int] = mapped_column(ForeignKey("agency_contacts.id"))
    is_main: Mapped[bool] = mapped_column(default=False)
    ended_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    participant = relationship("Participant")
    person = relationship("AgencyContact")

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class ContactKind(enum.StrEnum):
    MEETING = "meeting"  # in person or by video: counts as a meeting in the fidelity item
    PHONE = "phone"
    MESSAGE = "message"


class NetworkContact(db.Model):
    """A meeting, call or message with someone in the participant's network, about the participant.

    Logged only with consent for that organisation; no health details are needed or asked for."""

    __tablename__ = "network_contacts"
    __table_args__ = (Index("ix_network_contacts_team_on", "team_id", "contacted_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("network_members.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    contacted_on: Mapped[date]
    kind: Mapped[ContactKind] = mapped_column(str_enum(ContactKind))
    agreed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant = relationship("Participant")
    member: Mapped[NetworkMember] = relationship()
    author = relationship("User")


class NetworkStep(db.Model):
    """Something the team does next for the participant's network: from a contact, or a SIP action
    the team owns. Done when `done_on` is set."""

    __tablename__ = "network_steps"
    __table_args__ = (Index("ix_network_steps_owner_open", "owner_id", "done_on", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    what: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date]
    done_on: Mapped[date | None]
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("network_contacts.id", ondelete="SET NULL"))
    sip_action_id: Mapped[int | None] = mapped_column(ForeignKey("sip_actions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant = relationship("Participant")
    owner = relationship("User")


# --- SIP ------------------------------------------------------------------------------------
class Sip(db.Model):
    """A coordinated individual plan (samordnad individuell plan) for one participant."""

    __tablename__ = "sips"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("network_members.id"))
    goal: Mapped[str] = mapped_column(Text)
    started_on: Mapped[date]
    review_on: Mapped[date]
    closed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant = relationship("Participant")
    coordinator: Mapped[NetworkMember] = relationship()
    parties: Mapped[list["SipParty"]] = relationship(back_populates="sip", cascade="all, delete-orphan",
                                                     order_by="SipParty.id")
    meetings: Mapped[list["SipMeeting"]] = relationship(back_populates="sip", cascade="all, delete-orphan",
                                                        order_by="(SipMeeting.held_on, SipMeeting.id)")
    actions: Mapped[list["SipAction"]] = relationship(back_populates="sip", cascade="all, delete-orphan",
                                                      order_by="(SipAction.due_on, SipAction.id)")


class SipParty(db.Model):
    """An organisation taking part in the plan, with its one contact person (a network member)."""

    __tablename__ = "sip_parties"
    __table_args__ = (UniqueConstraint("sip_id", "organisation", name="uq_sip_parties_organisation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sip_id: Mapped[int] = mapped_column(ForeignKey("sips.id", ondelete="CASCADE"))
    organisation: Mapped[Organisation] = mapped_column(str_enum(Organisation))
    member_id: Mapped[int] = mapped_column(ForeignKey("network_members.id"))

    sip: Mapped[Sip] = relationship(back_populates="parties")
    member: Mapped[NetworkMember] = relationship()


sip_meeting_attendees = Table(
    "sip_meeting_attendees",
    db.metadata,
    Column("meeting_id", ForeignKey("sip_meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("party_id", ForeignKey("sip_parties.id", ondelete="CASCADE"), primary_key=True),
)


class SipMeeting(db.Model):
    __tablename__ = "sip_meetings"
    __table_args__ = (
        CheckConstraint("NOT interpreter_needed OR interpreter_language IS NOT NULL", name="interpreter_language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sip_id: Mapped[int] = mapped_column(ForeignKey("sips.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200))
    participant_present: Mapped[bool] = mapped_column(default=True)
    team_present: Mapped[bool] = mapped_column(default=True)
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    interpreter_language: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)

    sip: Mapped[Sip] = relationship(back_populates="meetings")
    attendees: Mapped[list[SipParty]] = relationship(secondary=sip_meeting_attendees, order_by="SipParty.id")


class SipAction(db.Model):
    """An agreed action: the responsible organisation (or the team itself) and a due date."""

    __tablename__ = "sip_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    sip_id: Mapped[int] = mapped_column(ForeignKey("sips.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(300))
    # Empty: the team (the job specialist) is responsible, and the action becomes a next step.
    organisation: Mapped[Organisation | None] = mapped_column(str_enum(Organisation))
    due_on: Mapped[date]
    done_on: Mapped[date | None]

    sip: Mapped[Sip] = relationship(back_populates="actions")
    step: Mapped[NetworkStep | None] = relationship(cascade="all, delete-orphan", uselist=False)


# --- Support endings and the six-month follow-up ---------------------------------------------
class FundsOutcome(enum.StrEnum):
    """The coordination funds' outcome categories (finsam), at exit and six months on."""

    WORK = "work"  # competitive work
    STUDIES = "studies"
    WORK_TRAINING = "work_training"
    REHABILITATION = "rehabilitation"
    SICKNESS_COMPENSATION = "sickness_compensation"  # permanent sickness compensation (sjukersättning)
    OTHER = "other"
    UNKNOWN = "unknown"


class SupportEnding(db.Model):
    """When support ended, and where the person stood then and six months later. One per ending:
    a person who comes back and ends again has a second row."""

    __tablename__ = "support_endings"
    __table_args__ = (Index("ix_support_endings_team_ended", "team_id", "ended_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    ended_on: Mapped[date]
    exit_outcome: Mapped[FundsOutcome] = mapped_column(str_enum(FundsOutcome))
    follow_up_declined: Mapped[bool] = mapped_column(default=False)
    follow_up_due_on: Mapped[date]
    follow_up_outcome: Mapped[FundsOutcome | None] = mapped_column(str_enum(FundsOutcome))
    followed_up_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant = relationship("Participant")
