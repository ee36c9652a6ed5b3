"""The scheduler: jobs declared in code, and a lock so that exactly one scheduler runs a job at a time."""
import os
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from crm import create_app
from crm.core import scheduler
from crm.core.scheduler import Job, SchedulerLease, run_job
from crm.extensions import db

NOW = datetime(2026, 11, 26, 5, 30, tzinfo=UTC)


def test_jobs_are_declared_in_code_with_fixed_ids():
    jobs = scheduler.load_jobs()
    assert jobs["nudges.evaluate"].minutes == 5
    assert jobs["nudges.digest"].once_per_day
    # Tried every quarter from 06:00 local time, due from 06:30: 05:30 UTC in winter (and 04:30 in summer).
    digest = scheduler._trigger(jobs["nudges.digest"])
    assert digest.get_next_fire_time(None, datetime(2026, 11, 26, 5, 20, tzinfo=UTC)) == datetime(
        2026, 11, 26, 5, 30, tzinfo=UTC)
    assert digest.get_next_fire_time(None, datetime(2026, 6, 1, 0, 0, tzinfo=UTC)) == datetime(
        2026, 6, 1, 4, 0, tzinfo=UTC)
    assert scheduler._trigger(jobs["nudges.evaluate"]).interval == timedelta(minutes=5)


def test_create_app_starts_no_scheduler(app):
    """The scheduler is its own process (`flask scheduler run`), never part of a web worker."""
    assert not any(t.name.startswith("APScheduler") for t in threading.enumerate())
    assert "scheduler" in app.cli.commands


@pytest.fixture
def counting_job(monkeypatch):
    calls = []
    monkeypatch.setitem(scheduler.JOBS, "test.count", Job("test.count", calls.append, minutes=1))
    monkeypatch.setitem(scheduler.JOBS, "test.daily", Job("test.daily", calls.append, cron={"hour": 6},
                                                           once_per_day=True))
    return calls


def test_run_job_runs_and_records_when(app, counting_job):
    assert run_job(app, "test.count", NOW) is True
    assert counting_job == [NOW]
    assert db.session.get(SchedulerLease, "test.count").last_run_at == NOW


def test_a_daily_job_runs_once_a_day(app, counting_job):
    assert run_job(app, "test.daily", NOW) is True
    assert run_job(app, "test.daily", NOW + timedelta(hours=3)) is False
    assert run_job(app, "test.daily", NOW + timedelta(days=1)) is True
    assert counting_job == [NOW, NOW + timedelta(days=1)]


def test_a_failing_job_commits_nothing_and_frees_the_lock(app, monkeypatch):
    def fail(now):
        db.session.add(SchedulerLease(job_id="written-by-a-failing-job"))
        raise RuntimeError("boom")

    monkeypatch.setitem(scheduler.JOBS, "test.fail", Job("test.fail", fail, minutes=1))
    with pytest.raises(RuntimeError):
        run_job(app, "test.fail", NOW)
    assert db.session.get(SchedulerLease, "written-by-a-failing-job") is None
    lease = db.session.get(SchedulerLease, "test.fail")
    assert lease is None or lease.holder is None


def test_run_once_cli(app, counting_job):
    result = app.test_cli_runner().invoke(args=["scheduler", "run-once", "test.count"])
    assert "test.count: done" in result.output and len(counting_job) == 1
    result = app.test_cli_runner().invoke(args=["scheduler", "run-once", "no.such.job"])
    assert result.exit_code != 0 and "nudges.evaluate" in result.output


# --- Two schedulers at once, on a database of their own (committed data, real connections) -----------
def _own_database(tmp_path):
    url = os.environ.get("CRM_TEST_DATABASE_URL")
    if not url:
        return "sqlite:///" + str(tmp_path / "scheduler.sqlite3")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS scheduler_lock CASCADE"))
        connection.execute(text("CREATE SCHEMA scheduler_lock"))
    engine.dispose()
    return url + ("&" if "?" in url else "?") + "options=-csearch_path%3Dscheduler_lock"


def test_two_schedulers_running_the_same_job_at_once_do_the_work_once(tmp_path, monkeypatch):
    """On PostgreSQL the advisory lock decides, on SQLite the lease row: either way one runs, one skips."""
    other = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": _own_database(tmp_path)})
    # The test's own session is bound to the rolled-back test transaction; these schedulers need real ones.
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))
    with other.app_context():
        SchedulerLease.__table__.create(db.engine)

    worked, started = [], threading.Barrier(2)

    def slow(now):
        worked.append(threading.current_thread().name)
        time.sleep(1.5)

    monkeypatch.setitem(scheduler.JOBS, "test.slow", Job("test.slow", slow, minutes=1))
    results = {}

    def scheduler_process(name):
        started.wait()
        results[name] = run_job(other, "test.slow", NOW)

    threads = [threading.Thread(target=scheduler_process, args=(name,), name=name) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    try:
        assert sorted(results.values()) == [False, True]
        assert len(worked) == 1
        # Once the first has finished, the job is free again.
        assert run_job(other, "test.slow", NOW) is True
    finally:
        with other.app_context():
            db.session.remove()
            if db.engine.dialect.name == "postgresql":
                with db.engine.begin() as connection:
                    connection.execute(text("DROP SCHEMA scheduler_lock CASCADE"))
            db.engine.dispose()
