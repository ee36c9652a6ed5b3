"""Scheduled jobs of the nudge room: evaluate every rule, and send the morning digest."""
from datetime import datetime, time

from flask import current_app

from ..core.clock import LOCAL_TZ
from ..core.scheduler import scheduled_job
from ..extensions import db
from . import digest, engine

DIGEST_AT = time(6, 30)


@scheduled_job("nudges.evaluate", minutes=5)
def evaluate(now: datetime) -> None:
    engine.evaluate_all(now)


def digest_due(now: datetime) -> bool:
    """From 06:30 until DIGEST_RETRY_UNTIL_HOUR (local time): a failed or missed digest is tried again."""
    local = now.astimezone(LOCAL_TZ).time()
    return DIGEST_AT <= local < time(current_app.config["DIGEST_RETRY_UNTIL_HOUR"])


@scheduled_job("nudges.digest", cron={"hour": "6-23", "minute": "0,15,30,45"}, once_per_day=True, due=digest_due)
def send_digest(now: datetime) -> None:
    engine.evaluate_all(now)  # the digest tells what is true this morning, not five minutes ago
    db.session.commit()  # kept whatever the mail server does
    digest.send_digests(now)
