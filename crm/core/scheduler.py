"""Scheduled work: a registry of jobs declared in code, a lock so that one scheduler runs a job at
a time, and `flask scheduler run`, the one process that fires them (never a web worker).

Per-record timing (a due date, a review date) is data that an interval job polls; there is never
a job per record. Each run opens its own app context and takes the lock first: on PostgreSQL a
transaction-scoped advisory lock, on SQLite a lease row taken with a conditional UPDATE.
"""
import hashlib
import importlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import String, or_, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .clock import LOCAL_TZ, utcnow
from .models import UTCDateTime

log = logging.getLogger(__name__)

# Modules whose import registers jobs with @scheduled_job; a room with scheduled work adds itself here.
JOB_MODULES = ("crm.nudges.jobs", "crm.privacy.jobs", "crm.leads.jobs", "crm.sessions.jobs")
LEASE_SECONDS = 15 * 60  # a SQLite lease outlives any sane run; a crashed holder frees it after this


@dataclass(frozen=True)
class Job:
    id: str
    fn: Callable[[datetime], Any]
    minutes: int | None = None
    cron: dict[str, Any] = field(default_factory=dict)
    once_per_day: bool = False  # skip when it already ran on this local day (e.g. the digest)
    due: Callable[[datetime], bool] | None = None  # when given, the job runs only at times it approves


class JobIncomplete(Exception):
    """A job did part of its work and will finish on a later run: what it committed stays, and it
    does not count as run (a once-per-day job is tried again). Logged as one line, not a traceback."""


JOBS: dict[str, Job] = {}


def scheduled_job(job_id: str, *, minutes: int | None = None, cron: dict | None = None, once_per_day=False,
                  due: Callable[[datetime], bool] | None = None):
    """Declare `fn(now)` as a job: every `minutes`, or on a cron (local Swedish time)."""
    if (minutes is None) == (cron is None):
        raise ValueError("give minutes or cron")

    def register(fn):
        if job_id in JOBS and JOBS[job_id].fn is not fn:
            raise RuntimeError(f"two jobs with id {job_id}")
        JOBS[job_id] = Job(job_id, fn, minutes, cron or {}, once_per_day, due)
        return fn

    return register


def load_jobs() -> dict[str, Job]:
    for name in JOB_MODULES:
        importlib.import_module(name)
    return JOBS


class SchedulerLease(db.Model):
    """Per job: who holds it (SQLite) and when it last finished (all backends)."""

    __tablename__ = "scheduler_leases"

    job_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(120))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def advisory_key(job_id: str) -> int:
    """A stable signed 64-bit key for pg_try_advisory_xact_lock."""
    return int.from_bytes(hashlib.blake2b(job_id.encode(), digest_size=8).digest(), "big", signed=True)


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{id(object())}"


def _lease_row(job_id: str) -> SchedulerLease:
    lease = db.session.get(SchedulerLease, job_id)
    if lease is None:
        try:
            with db.session.begin_nested():
                lease = SchedulerLease(job_id=job_id)
                db.session.add(lease)
        except IntegrityError:  # another scheduler created it a moment ago
            lease = db.session.get(SchedulerLease, job_id)
    return lease


def _take_lease(job_id: str, holder: str) -> bool:
    """SQLite: take the lease in its own committed transaction, so the other scheduler sees it. Both
    statements write, the first one included, so SQLite's busy timeout orders two schedulers cleanly."""
    wall = utcnow()
    db.session.execute(sqlite_insert(SchedulerLease).values(job_id=job_id).on_conflict_do_nothing())
    taken = db.session.execute(
        update(SchedulerLease)
        .where(SchedulerLease.job_id == job_id,
               or_(SchedulerLease.expires_at.is_(None), SchedulerLease.expires_at < wall))
        .values(holder=holder, expires_at=wall + timedelta(seconds=LEASE_SECONDS))
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    db.session.commit()
    return taken


def _give_back_lease(job_id: str, holder: str) -> None:
    db.session.execute(
        update(SchedulerLease).where(SchedulerLease.job_id == job_id, SchedulerLease.holder == holder)
        .values(holder=None, expires_at=None).execution_options(synchronize_session=False)
    )
    db.session.commit()


def _ran_today(job_id: str, now: datetime) -> bool:
    lease = db.session.get(SchedulerLease, job_id)
    return bool(lease and lease.last_run_at
                and lease.last_run_at.astimezone(LOCAL_TZ).date() == now.astimezone(LOCAL_TZ).date())


def run_job(app: Flask, job_id: str, now: datetime | None = None, whenever: bool = False) -> bool:
    """Run one job if no other scheduler is running it; True when it ran, False when it skipped.
    `whenever`: also outside the hours its `due` allows (an operator's run-once)."""
    job = load_jobs()[job_id]
    with app.app_context():
        now = now or utcnow()
        if job.due and not whenever and not job.due(now):
            return False
        postgres = db.engine.dialect.name == "postgresql"
        holder = _holder()
        # PostgreSQL: a session-level advisory lock on a connection of its own, held until the job
        # ends (or its process dies), so that the job may commit as it goes (each e-mail sent, say).
        lock = db.engine.connect() if postgres else None
        try:
            if postgres:
                locked = lock.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": advisory_key(job_id)})
            else:
                locked = _take_lease(job_id, holder)
            if not locked:
                db.session.rollback()
                log.info("job %s skipped: another scheduler holds it", job_id)
                return False
            if job.once_per_day and _ran_today(job_id, now):
                log.info("job %s skipped: it already ran today", job_id)
                db.session.rollback()
                return False
            try:
                job.fn(now)
            except JobIncomplete as incomplete:
                db.session.commit()
                log.warning("job %s incomplete, to be run again: %s", job_id, incomplete)
                return False
            _lease_row(job_id).last_run_at = now
            db.session.commit()
            return True
        except Exception:
            db.session.rollback()
            raise
        finally:
            if postgres:
                lock.execute(text("SELECT pg_advisory_unlock_all()"))
                lock.close()
            else:
                _give_back_lease(job_id, holder)
            db.session.remove()


# --- The scheduler process ----------------------------------------------------------------
scheduler_cli = AppGroup("scheduler", help="Scheduled jobs (nudges, digest). Run exactly one scheduler process.")


def _trigger(job: Job):
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    if job.minutes:
        return IntervalTrigger(minutes=job.minutes, timezone="UTC")
    return CronTrigger(timezone=LOCAL_TZ, **job.cron)


@scheduler_cli.command("run")
def run():
    """Fire the jobs declared in code until stopped (a BlockingScheduler in UTC)."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    app = current_app._get_current_object()
    scheduler = BlockingScheduler(timezone="UTC", job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": 300})
    for job in load_jobs().values():
        scheduler.add_job(run_job, _trigger(job), args=[app, job.id], id=job.id, name=job.id, replace_existing=True)
        click.echo(f"scheduled {job.id}: {_trigger(job)!r}")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)


@scheduler_cli.command("run-once")
@click.argument("job_id")
def run_once(job_id):
    """Run one job now (it still takes the lock)."""
    if job_id not in load_jobs():
        raise click.UsageError(f"No job {job_id!r}. Jobs: {', '.join(sorted(JOBS))}")
    ran = run_job(current_app._get_current_object(), job_id, whenever=True)
    click.echo(f"{job_id}: done" if ran else f"{job_id}: not done (another scheduler holds it, it already ran "
               "today, it is not due yet, or it is incomplete and will be retried: see the log)")


@scheduler_cli.command("list")
def list_jobs():
    """Show the jobs and their schedules."""
    for job in load_jobs().values():
        click.echo(f"{job.id:20} {_trigger(job)!r}")
