"""Social enterprises (ASF) that list placements; external partners who see nothing about health."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime
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
