"""Creating, finding and revoking calendar feeds."""
import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from .models import CalendarFeed


def token_hash(secret: str) -> str:
    """What is stored of a secret, and what its rate limit is keyed by: never the secret itself."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_feed(user, now: datetime) -> tuple[CalendarFeed, str]:
    """A new secret address (returned once, never stored); it replaces any earlier one."""
    revoke_feeds(user, now)
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed(user_id=user.id, token_hash=token_hash(secret), created_at=now)
    db.session.add(feed)
    db.session.flush()
    return feed, secret


def revoke_feeds(user, now: datetime) -> int:
    feeds = live_feeds(user)
    for feed in feeds:
        feed.revoked_at = now
    db.session.flush()
    return len(feeds)


def live_feeds(user) -> list[CalendarFeed]:
    return db.session.scalars(
        select(CalendarFeed).where(CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None))
    ).all()


def feed_for(secret: str) -> CalendarFeed | None:
    """The live feed of an active staff member with this secret, or None."""
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == token_hash(secret)))
    if feed is None or not feed.is_live or not feed.user.active or not feed.user.is_staff:
        return None
    return feed
