"""What a recipient does with a nudge."""
from datetime import date, datetime

from ..extensions import db
from .models import LIVE_STATUSES, Nudge, NudgeStatus


def close(nudge: Nudge, status: str, now: datetime) -> None:
    """Done or dismissed: closed for good; the engine never recreates it for the same cause."""
    if nudge.status in (*LIVE_STATUSES, NudgeStatus.RESOLVED):
        nudge.status, nudge.closed_at, nudge.snoozed_until = NudgeStatus(status), now, None
        db.session.flush()


def snooze(nudge: Nudge, until: date) -> None:
    if nudge.status in LIVE_STATUSES:
        nudge.status, nudge.snoozed_until = NudgeStatus.SNOOZED, until
        db.session.flush()
