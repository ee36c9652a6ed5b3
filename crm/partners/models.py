"""Social enterprises (ASF) that list placements; external partners who see nothing about health.

A partner organisation lists what it offers (`Listing`); a specialist refers a participant to a
listing (`Referral`) with what the participant chose to share, and the partner answers.
"""
import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class PartnerOrganisation(db.Model):
    __tablename__ = "partner_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation_number: Mapped[str | None] = mapped_column(String(11))
    municipality: Mapped[str | None] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    users = relationship("User", back_populates="partner_organisation")

    def __repr__(self) -> str:
        return f"<PartnerOrganisation {self.name}>"


class ListingKind(enum.StrEnum):
    PAID_EMPLOYMENT = "paid_employment"  # a job on ordinary terms: competitive
    WORK_PLACEMENT = "work_placement"  # praktik: work training, not employment


class ListingStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Listing(db.Model):
    """A job or work placement a social enterprise offers, in the terms matching reads."""

    __tablename__ = "listings"
    __table_args__ = (
        Index("ix_listings_organisation_status", "partner_organisation_id", "status"),
        CheckConstraint("places >= 1", name="places"),
        CheckConstraint("period_end_on IS NULL OR period_start_on IS NULL OR period_end_on >= period_start_on",
                        name="period"),
        CheckConstraint("hours_min IS NULL OR hours_max IS NULL OR hours_max >= hours_min", name="hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_organisation_id: Mapped[int] = mapped_column(ForeignKey("partner_organisations.id"))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ListingKind] = mapped_column(str_enum(ListingKind))
    tasks: Mapped[str | None] = mapped_column(Text)
    hours_min: Mapped[int | None]
    hours_max: Mapped[int | None]
    weekdays: Mapped[bool] = mapped_column(default=True)
    evenings: Mapped[bool] = mapped_column(default=False)
    weekends: Mapped[bool] = mapped_column(default=False)
    schedule: Mapped[str | None] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(200))
    municipality: Mapped[str | None] = mapped_column(String(80))
    supervisor: Mapped[str | None] = mapped_column(String(200))
    places: Mapped[int] = mapped_column(default=1)
    period_start_on: Mapped[date | None]
    period_end_on: Mapped[date | None]
    status: Mapped[ListingStatus] = mapped_column(str_enum(ListingStatus), default=ListingStatus.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    partner_organisation = relationship("PartnerOrganisation")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.status == ListingStatus.OPEN

    def __repr__(self) -> str:
        return f"<Listing {self.id} {self.title}>"


class ReferralStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Referral(db.Model):
    """A participant referred to a listing. The partner sees the participant's name, contact details
    and `message_to_partner` (written with the participant), nothing else from their records."""

    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_listing_status", "listing_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    referred_on: Mapped[date]
    message_to_partner: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ReferralStatus] = mapped_column(str_enum(ReferralStatus), default=ReferralStatus.PENDING)
    partner_message: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[date | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    listing: Mapped[Listing] = relationship()
    participant = relationship("Participant")
    referred_by = relationship("User", foreign_keys=[referred_by_id])
    placement = relationship("Placement")

    @property
    def partner_organisation_id(self) -> int:
        """The organisation the referral went to: the portal's permission rules compare this."""
        return self.listing.partner_organisation_id
