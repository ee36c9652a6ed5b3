"""The employer register: organisations a team works with, and the people met there."""
import enum
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class Stage(enum.StrEnum):
    """Where the relationship stands; the order is the usual path from cold to partner."""

    PROSPECT = "prospect"
    CONTACTED = "contacted"
    RELATIONSHIP = "relationship"
    HIRING_PARTNER = "hiring_partner"
    DORMANT = "dormant"
    CLOSED = "closed"


ACTIVE_STAGES = (Stage.RELATIONSHIP, Stage.HIRING_PARTNER)


class Sector(enum.StrEnum):
    PRIVATE = "private"
    PUBLIC = "public"
    NON_PROFIT = "non_profit"


class SizeBand(enum.StrEnum):
    MICRO = "micro"  # 0–9 employees
    SMALL = "small"  # 10–49
    MEDIUM = "medium"  # 50–249
    LARGE = "large"  # 250+


# Free labels a team puts on employers ("café", "mässa 2026"), set from the employer list in bulk.
employer_tags = Table(
    "employer_tags",
    db.metadata,
    Column("employer_id", ForeignKey("employers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_employer_tags_tag_id", "tag_id"),
)


class Tag(db.Model):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("team_id", "name", name="uq_tags_team_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    name: Mapped[str] = mapped_column(String(60))

    def __repr__(self) -> str:
        return f"<Tag {self.name}>"


def municipality_key(municipality: str | None) -> str:
    """A municipality as employers' places are compared ("  nyköping " is Nyköping)."""
    return " ".join((municipality or "").lower().split())


class Employer(db.Model):
    __tablename__ = "employers"
    __table_args__ = (
        # Each team keeps its own relationship with an employer, so uniqueness is per team.
        UniqueConstraint("team_id", "organisation_number", name="uq_employers_team_orgnr"),
        Index("ix_employers_team_stage", "team_id", "stage"),
        Index("ix_employers_team_name", "team_id", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    name: Mapped[str] = mapped_column(String(200))
    # Lower-cased name for case-insensitive search and sorting on every backend.
    name_key: Mapped[str] = mapped_column(String(200))
    organisation_number: Mapped[str | None] = mapped_column(String(11))
    sni_code: Mapped[str | None] = mapped_column(String(5), index=True)
    size_band: Mapped[SizeBand | None] = mapped_column(str_enum(SizeBand))
    sector: Mapped[Sector] = mapped_column(str_enum(Sector), default=Sector.PRIVATE)
    street_address: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(6))
    municipality: Mapped[str | None] = mapped_column(String(80), index=True)
    website: Mapped[str | None] = mapped_column(String(300))
    stage: Mapped[Stage] = mapped_column(str_enum(Stage), default=Stage.PROSPECT)
    responsible_specialist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Optimistic locking: a save based on an older version is refused instead of overwriting.
    version: Mapped[int] = mapped_column(default=1)
    # The earliest open next step's due date, filled only by queries that ask (the employer list).
    next_step_due_on: Mapped[date | None] = query_expression()

    team = relationship("Team")
    responsible_specialist = relationship("User", foreign_keys=[responsible_specialist_id])
    created_by = relationship("User", foreign_keys=[created_by_id])
    updated_by = relationship("User", foreign_keys=[updated_by_id])
    contact_persons: Mapped[list["ContactPerson"]] = relationship(
        back_populates="employer", order_by="ContactPerson.name", cascade="all, delete-orphan"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=employer_tags, order_by=Tag.name)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def needs_next_step(self, today: date) -> bool:
        """An active relationship with no open next step, or an overdue one (as a sales CRM flags a deal
        with no activity). Reads `next_step_due_on`, so only on employers the list query loaded."""
        return self.stage in ACTIVE_STAGES and (self.next_step_due_on is None or self.next_step_due_on < today)

    def __repr__(self) -> str:
        return f"<Employer {self.name}>"


class ContactPerson(db.Model):
    __tablename__ = "contact_persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(120))
    is_decision_maker: Mapped[bool] = mapped_column(default=False)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employer: Mapped[Employer] = relationship(back_populates="contact_persons")
