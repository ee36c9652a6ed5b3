"""The employer contact log and the next steps that keep every relationship moving (IPS principle 8)."""
import enum
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class ContactForm(enum.StrEnum):
    FACE_TO_FACE = "face_to_face"  # the only form that counts toward the weekly fidelity target
    PHONE = "phone"
    VIDEO = "video"
    EMAIL = "email"
    EVENT = "event"


class ContactPurpose(enum.StrEnum):
    LEARN_NEEDS = "learn_needs"
    JOB_DEVELOPMENT = "job_development"
    FOLLOW_UP = "follow_up"
    SUBSIDY = "subsidy"
    OTHER = "other"


# Which participants a contact concerned (job development, follow-up): the link to their records.
employer_contact_participants = Table(
    "employer_contact_participants",
    db.metadata,
    Column("contact_id", ForeignKey("employer_contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participants.id"), primary_key=True),
    # With the contact id, a participant's contacts are read from the index alone (employer_contact_spans).
    Index("ix_employer_contact_participants_participant_contact", "participant_id", "contact_id"),
)


class EmployerContact(db.Model):
    __tablename__ = "employer_contacts"
    __table_args__ = (
        Index("ix_employer_contacts_employer_time", "employer_id", "contacted_at"),
        Index("ix_employer_contacts_author_time", "author_id", "contacted_at"),
        Index("ix_employer_contacts_team_time", "team_id", "contacted_at"),
        # The time of a contact by its id from the index alone: a few participants' first and latest contacts
        # are then index lookups, where PostgreSQL would otherwise scan every team's contacts.
        Index("ix_employer_contacts_id_time", "id", "contacted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    contacted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    form: Mapped[ContactForm] = mapped_column(str_enum(ContactForm))
    purpose: Mapped[ContactPurpose] = mapped_column(str_enum(ContactPurpose))
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("contact_persons.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Optimistic locking: a correction based on an older version is refused instead of overwriting.
    version: Mapped[int] = mapped_column(default=1)

    employer = relationship("Employer")
    author = relationship("User")
    contact_person = relationship("ContactPerson")
    participants = relationship("Participant", secondary=employer_contact_participants,
                                order_by="Participant.first_name")
    next_steps: Mapped[list["NextStep"]] = relationship(back_populates="contact")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<EmployerContact {self.id} {self.form}>"


class NextStep(db.Model):
    """What happens next with an employer, by when and by whom; done when `done_on` is set."""

    __tablename__ = "next_steps"
    __table_args__ = (
        Index("ix_next_steps_employer_open", "employer_id", "done_on", "due_on"),
        Index("ix_next_steps_owner_open", "owner_id", "done_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("employer_contacts.id", ondelete="SET NULL"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    what: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date]
    done_on: Mapped[date | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    employer = relationship("Employer")
    contact: Mapped[EmployerContact | None] = relationship(back_populates="next_steps")
    owner = relationship("User", foreign_keys=[owner_id])
    done_by = relationship("User", foreign_keys=[done_by_id])
    created_by = relationship("User", foreign_keys=[created_by_id])

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def is_overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_on < today

    def __repr__(self) -> str:
        return f"<NextStep {self.id} due {self.due_on}>"
