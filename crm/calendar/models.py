"""A secret, revocable calendar-feed address per user. Only a hash of the secret is stored:
whoever reads the database cannot subscribe to anyone's calendar."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime
from ..extensions import db


class CalendarFeed(db.Model):
    __tablename__ = "calendar_feeds"
    __table_args__ = (Index("ix_calendar_feeds_user_revoked", "user_id", "revoked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the secret, hex
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
