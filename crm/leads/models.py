"""Leads: job ads from Platsbanken (Arbetsförmedlingen's open JobSearch API) that a team's saved
searches found, kept only as far as job development needs them. Not the ad's text: it often names a
contact person, and the headline, occupation, place and hours are what matching and the badge use."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime
from ..extensions import db

SOURCE = "Platsbanken"


def _codes(text: str | None) -> list[str]:
    return sorted(set((text or "").split()))


class LeadSearch(db.Model):
    """A team's saved search: occupations (SSYK) and municipalities its participants want, plus free
    text. The team lead keeps it; the scheduled fetch runs every active one."""

    __tablename__ = "lead_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # Space-separated codes: SSYK 2012 unit groups (four digits) and SCB municipality codes (four digits).
    occupation_codes: Mapped[str] = mapped_column(String(500), default="")
    municipality_codes: Mapped[str] = mapped_column(String(500), default="")
    free_text: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    last_fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    team = relationship("Team")
    updated_by = relationship("User")

    @property
    def occupations(self) -> list[str]:
        return _codes(self.occupation_codes)

    @property
    def municipalities(self) -> list[str]:
        return _codes(self.municipality_codes)

    def __repr__(self) -> str:
        return f"<LeadSearch {self.id} {self.name}>"


class Lead(db.Model):
    """One ad as a team's lead: new and changed ads update it, a closed ad sets `closed_at`."""

    __tablename__ = "leads"
    __table_args__ = (
        # A re-fetch finds the same ad again: one lead per ad and team, never a duplicate.
        UniqueConstraint("team_id", "ad_id", name="uq_leads_team_ad"),
        Index("ix_leads_team_orgnr", "team_id", "organisation_number"),
        Index("ix_leads_team_closed", "team_id", "closed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    search_id: Mapped[int | None] = mapped_column(ForeignKey("lead_searches.id", ondelete="SET NULL"), index=True)
    ad_id: Mapped[str] = mapped_column(String(40))
    headline: Mapped[str] = mapped_column(String(300))
    employer_name: Mapped[str] = mapped_column(String(200))
    # NNNNNN-NNNN when the ad carries a valid one; a sole trader's personal number is never kept.
    organisation_number: Mapped[str | None] = mapped_column(String(11))
    occupation_code: Mapped[str | None] = mapped_column(String(4))  # SSYK 2012
    occupation_label: Mapped[str | None] = mapped_column(String(200))
    municipality_code: Mapped[str | None] = mapped_column(String(4))
    municipality: Mapped[str | None] = mapped_column(String(80))
    hours_min: Mapped[int | None]  # hours a week, from the ad's extent (per cent of full time)
    hours_max: Mapped[int | None]
    working_hours: Mapped[str | None] = mapped_column(String(80))  # the ad's own words: "Heltid", "Deltid"
    duration: Mapped[str | None] = mapped_column(String(120))
    url: Mapped[str | None] = mapped_column(String(500))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline_on: Mapped[date | None]
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("openings.id", ondelete="SET NULL"))

    search = relationship("LeadSearch")
    opening = relationship("Opening")

    source = SOURCE

    def is_open(self, today: date) -> bool:
        return self.closed_at is None and (self.deadline_on is None or self.deadline_on >= today)

    def __repr__(self) -> str:
        return f"<Lead {self.id} {self.ad_id}>"
