"""Starting, resuming and ending server-side sessions; every rule takes `now`."""
import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_, select

from ..extensions import db
from .models import UserSession

# A session's last-seen time is written at most this often: not a database write per request.
TOUCH_EVERY = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def limits(now: datetime) -> tuple[datetime, datetime]:
    """The oldest last-seen and the oldest start that still count at `now`."""
    config = current_app.config
    return (now - timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
            now - timedelta(hours=config["SESSION_ABSOLUTE_HOURS"]))


def start(user, user_agent: str | None, address: str | None, now: datetime) -> str:
    """Open a session for `user`; the returned token goes into the cookie and nowhere else."""
    idle, absolute = limits(now)
    db.session.execute(delete(UserSession).where(
        UserSession.user_id == user.id,
        or_(UserSession.last_seen_at < idle, UserSession.created_at < absolute)))
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(token_hash=_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
                               user_agent=(user_agent or "")[:300], address=(address or "")[:45]))
    db.session.flush()
    return token


def resume(token: str, now: datetime) -> UserSession | None:
    """The live session for `token`, or None when it was ended, timed out or its user deactivated."""
    if not token:
        return None
    row = db.session.scalar(select(UserSession).where(UserSession.token_hash == _hash(token)))
    if row is None:
        return None
    idle, absolute = limits(now)
    if row.last_seen_at < idle or row.created_at < absolute or not row.user.active:
        db.session.delete(row)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row


def end(token: str) -> None:
    db.session.execute(delete(UserSession).where(UserSession.token_hash == _hash(token)))


def end_one(user, session_id: int) -> bool:
    """End one of `user`'s sessions (never someone else's); False when there was none."""
    result = db.session.execute(delete(UserSession).where(UserSession.id == session_id,
                                                          UserSession.user_id == user.id))
    return result.rowcount > 0


def end_all(user, keep: int | None = None) -> None:
    """End every session of `user` at once, except the one with id `keep` (the one asking)."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    if keep is not None:
        statement = statement.where(UserSession.id != keep)
    db.session.execute(statement)


def active(user, now: datetime) -> list[UserSession]:
    idle, absolute = limits(now)
    return db.session.scalars(select(UserSession).where(
        UserSession.user_id == user.id, UserSession.last_seen_at >= idle, UserSession.created_at >= absolute,
    ).order_by(UserSession.last_seen_at.desc())).all()


BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
           ("Mac OS X", "macOS"), ("Linux", "Linux"))


def device(user_agent: str) -> str:
    """A short name for the browser and system a session was opened from, e.g. "Firefox, Windows"."""
    names = [next((name for marker, name in table if marker in user_agent), "") for table in (BROWSERS, SYSTEMS)]
    return ", ".join(name for name in names if name)
