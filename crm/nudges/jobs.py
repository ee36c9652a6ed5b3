"""Scheduled jobs of the nudge room: evaluate every rule, and send the morning digest."""
from datetime import datetime

from ..core.scheduler import scheduled_job
from . import digest, engine


@scheduled_job("nudges.evaluate", minutes=5)
def evaluate(now: datetime) -> None:
    engine.evaluate_all(now)


@scheduled_job("nudges.digest", cron={"hour": 6, "minute": 30}, once_per_day=True)
def send_digest(now: datetime) -> None:
    engine.evaluate_all(now)  # the digest tells what is true this morning, not five minutes ago
    digest.send_digests(now)
