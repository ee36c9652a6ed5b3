"""Reads for the inbox and the digest: what a person should see today."""
from datetime import date

from sqlalchemy import and_, func, or_, select

from ..auth.models import Role, User
from ..extensions import db
from .models import Nudge, NudgeStatus


def showing(today: date):
    """Open nudges, and snoozed ones whose day has come (a snooze is data, not a job per nudge)."""
    return or_(Nudge.status == NudgeStatus.OPEN,
               and_(Nudge.status == NudgeStatus.SNOOZED, Nudge.snoozed_until <= today))


def inbox(user_id: int, today: date) -> list[Nudge]:
    return db.session.scalars(
        select(Nudge).where(Nudge.user_id == user_id, showing(today))
        .order_by(Nudge.due_on.is_(None), Nudge.due_on, Nudge.created_at, Nudge.id)
    ).all()


def snoozed(user_id: int, today: date) -> list[Nudge]:
    return db.session.scalars(
        select(Nudge).where(Nudge.user_id == user_id, Nudge.status == NudgeStatus.SNOOZED,
                            Nudge.snoozed_until > today)
        .order_by(Nudge.snoozed_until, Nudge.id)
    ).all()


def inbox_count(user_id: int, today: date) -> int:
    return db.session.scalar(select(func.count(Nudge.id)).where(Nudge.user_id == user_id, showing(today))) or 0


def digest_recipients(today: date) -> dict[User, list[Nudge]]:
    """Staff who want the digest and have something in their inbox, with those nudges; one query.
    Only users with a staff role: never an employer's contact person or a participant."""
    rows = db.session.execute(
        select(User, Nudge).join(Nudge, Nudge.user_id == User.id)
        .where(User.active, User.role.in_([Role.JOB_SPECIALIST, Role.TEAM_LEAD]), User.digest_opt_out.is_(False),
               showing(today))
        .order_by(User.id, Nudge.due_on.is_(None), Nudge.due_on, Nudge.id)
    )
    grouped: dict[User, list[Nudge]] = {}
    for user, nudge in rows:
        grouped.setdefault(user, []).append(nudge)
    return grouped
