"""Scheduled clean-up: rows for sessions and password links that can no longer be used."""
from datetime import datetime

from sqlalchemy import delete, or_

from ..auth.models import PasswordToken
from ..core.scheduler import scheduled_job
from ..extensions import db
from . import services
from .models import UserSession


@scheduled_job("sessions.purge", minutes=60)
def purge(now: datetime) -> None:
    """Timed-out sessions of people who never came back, and links that ran out unused."""
    idle, absolute = services.limits(now)
    db.session.execute(delete(UserSession).where(
        or_(UserSession.last_seen_at < idle, UserSession.created_at < absolute)))
    db.session.execute(delete(PasswordToken).where(PasswordToken.expires_at <= now))
