"""Load: N simulated specialists doing a day's work against a running server, bounded in time.

    # a large dataset in its own PostgreSQL database, served by gunicorn on loopback
    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE crm_load'
    export CRM_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/crm_load CRM_ENV=production \
           CRM_SECRET_KEY=load CRM_COOKIE_SECURE=0 CRM_LOGIN_RATE_LIMIT="1000 per minute"  # all sign in from loopback
    .venv/bin/flask --app crm db upgrade && .venv/bin/flask --app crm demo generate --scale large
    .venv/bin/gunicorn --workers 4 --threads 4 --bind 127.0.0.1:8000 wsgi:app &
    .venv/bin/python scripts/loadtest.py --users 50 --duration 300 --restart-scheduler \
        --restart-database "pg_ctl -D /path/to/cluster restart -m fast"

Each user signs in, then loops: My week, inbox, employer list with a search, an employer page, and
logging a face-to-face contact (its summary carries a unique marker). Afterwards the script counts
the contacts in the database against the writes the server acknowledged (a redirect after POST):
every acknowledged write must be there. The report gives p50/p95/p99 as the client saw them and as
the server measured them (its Server-Timing header), and when the 5xx answers came.

With --restart-scheduler the scheduler's jobs run for real beside the load: an evaluation and the
digest at the start, both killed mid-run half-way (a crash, not a clean stop) and run again at once,
then checked: no nudge exists twice and no one got two digests in the outbox. With
--restart-database the given command (which restarts the database server) runs half-way; 5xx answers
are expected only in the first --heal-seconds after it (the pool reconnects by itself), any other fails the run.
Traffic goes to loopback only, and every loop stops at the deadline.
"""
import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
EMPLOYER_LINK = re.compile(r'href="/employers/(\d+)"')


SERVER_TIMING = re.compile(r"app;dur=([\d.]+)")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.server_times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_at: list[float] = []  # seconds from the start, of each 5xx or failed connection
        self.acknowledged: list[str] = []

    def record(self, name: str, seconds: float, response) -> None:
        with self.lock:
            self.times[name].append(seconds * 1000)
            timing = SERVER_TIMING.search(response.headers.get("Server-Timing", "")) if response is not None else None
            if timing:
                self.server_times[name].append(float(timing.group(1)))
            if response is None or response.status_code >= 500:
                self.errors[name] += 1
                self.error_at.append(time.monotonic() - self.started)


class Refused:
    """No answer at all (the connection failed): counted as a 5xx."""
    status_code = 599
    text = ""
    headers: dict = {}


def timed(stats, session, name, method, url, **kwargs):
    started = time.perf_counter()
    try:
        response = session.request(method, url, allow_redirects=False, timeout=30, **kwargs)
    except requests.RequestException:
        stats.record(name, time.perf_counter() - started, None)
        return Refused()
    stats.record(name, time.perf_counter() - started, response)
    return response


def selected_option(html: str, name: str) -> str:
    """The value the form pre-selects in <select name=…> (the owner of the next step: oneself)."""
    block = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S)
    for attrs in re.findall(r"<option([^>]*)>", block.group(0) if block else ""):
        if "selected" in attrs:
            return re.search(r'value="([^"]*)"', attrs).group(1)
    return ""


def token(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) or match.group(2)


def specialist_day(base, email, password, deadline, stats, rng):
    session = requests.Session()
    page = session.get(f"{base}/login", timeout=30).text
    timed(stats, session, "log in", "POST", f"{base}/login",
          data={"email": email, "password": password, "csrf_token": token(page)})
    employers: list[str] = []
    while time.monotonic() < deadline:
        timed(stats, session, "My week", "GET", f"{base}/week/")
        timed(stats, session, "inbox", "GET", f"{base}/nudges/")
        listing = timed(stats, session, "employer list, search", "GET", f"{base}/employers/",
                        params={"q": rng.choice(["lager", "café", "städ", "ab", "bygg"])})
        employers = EMPLOYER_LINK.findall(listing.text) or employers
        if not employers:
            continue
        employer_id = rng.choice(employers)
        timed(stats, session, "employer page", "GET", f"{base}/employers/{employer_id}")
        form = session.get(f"{base}/contacts/log/{employer_id}", timeout=30)
        if form.status_code != 200:
            continue
        marker = f"load-{uuid.uuid4()}"
        response = timed(stats, session, "log a contact", "POST", f"{base}/contacts/log/{employer_id}", data={
            "csrf_token": token(form.text), "contacted_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M"),
            "form": "face_to_face", "purpose": "learn_needs", "summary": marker, "contact_person_id": "0",
            "next_what": "Följ upp", "next_due_on": "2030-01-01",
            "next_owner_id": selected_option(form.text, "next_owner_id"),
        })
        if response.status_code in (302, 303):
            with stats.lock:
                stats.acknowledged.append(marker)


JOBS = ("nudges.evaluate", "nudges.digest")


def run_jobs(kill_after: float | None = None) -> list[str]:
    """Run each job once (`flask scheduler run-once`), as the scheduler would; with `kill_after`,
    kill it that many seconds in (SIGKILL, a crash). What each printed, or that it was killed."""
    outcomes = []
    for job in JOBS:
        process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "crm", "scheduler", "run-once", job],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                   start_new_session=True)
        try:
            output, _ = process.communicate(timeout=kill_after)
            outcomes.append(output.strip() or f"{job}: exit {process.returncode}")
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            outcomes.append(f"{job}: killed after {kill_after} s")
    return outcomes


def percentile(times: list[float], share: float) -> float:
    return times[max(0, round(len(times) * share) - 1)] if times else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=300, help="seconds")
    parser.add_argument("--password", default="benchmark-2026")
    parser.add_argument("--restart-scheduler", action="store_true")
    parser.add_argument("--restart-database", metavar="COMMAND", help="a shell command run half-way")
    parser.add_argument("--heal-seconds", type=float, default=5.0,
                        help="5xx answers are expected only this long after the database restart began")
    args = parser.parse_args()
    if urlsplit(args.base_url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("This load test only targets a server on this machine (loopback).")

    stats, deadline = Stats(), time.monotonic() + args.duration
    emails = [f"s{team}-{n}@bench.example" for team in range(1, 7) for n in range(1, 11)]
    threads = [threading.Thread(target=specialist_day, daemon=True, args=(
        args.base_url, emails[i % len(emails)], args.password, deadline, stats, random.Random(i)))
        for i in range(args.users)]
    for thread in threads:
        thread.start()
    if args.restart_scheduler:
        print("\n".join(run_jobs()))
    time.sleep(max(0, stats.started + args.duration / 2 - time.monotonic()))
    restarted_at = None
    if args.restart_database:
        restarted_at = time.monotonic() - stats.started
        print(f"restarting the database at {restarted_at:.0f} s")
        subprocess.run(args.restart_database, shell=True, check=True)
    if args.restart_scheduler:
        print("\n".join(run_jobs(kill_after=1.0) + run_jobs()))
    for thread in threads:
        thread.join(timeout=max(1, deadline - time.monotonic() + 60))

    print(f"{'request':24} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'server p50':>10} {'server p99':>10} {'5xx':>5}")
    for name, times in sorted(stats.times.items()):
        times.sort()
        server = sorted(stats.server_times[name])
        print(f"{name:24} {len(times):7d} {statistics.median(times):8.1f} {percentile(times, .95):8.1f} "
              f"{percentile(times, .99):8.1f} {percentile(server, .5):10.1f} {percentile(server, .99):10.1f} "
              f"{stats.errors[name]:5d}")
    if stats.error_at:
        print(f"5xx between {min(stats.error_at):.1f} s and {max(stats.error_at):.1f} s "
              f"({max(stats.error_at) - min(stats.error_at):.1f} s window)")
    unexpected = [at for at in stats.error_at
                  if restarted_at is None or not restarted_at <= at <= restarted_at + args.heal_seconds]
    print(f"5xx outside the {args.heal_seconds:.0f} s after the restart: {len(unexpected)}")
    return check_database(stats) or (1 if unexpected else 0)


def check_database(stats: Stats) -> int:
    """Every acknowledged write is stored; no nudge exists twice for one cause; no one has two digests
    of one day in the outbox."""
    from sqlalchemy import func, select

    from crm import create_app
    from crm.contacts.models import EmployerContact
    from crm.core.mail import outbox_folder
    from crm.extensions import db
    from crm.nudges.models import Nudge

    app = create_app(os.environ.get("CRM_ENV", "production"))
    with app.app_context():
        stored = set(db.session.scalars(select(EmployerContact.summary).where(EmployerContact.summary.like("load-%"))))
        lost = [marker for marker in stats.acknowledged if marker not in stored]
        doubled = db.session.execute(
            select(Nudge.rule, Nudge.cause_key, Nudge.user_id).group_by(Nudge.rule, Nudge.cause_key, Nudge.user_id)
            .having(func.count() > 1)).all()
        # digest-<YYYYmmddTHHMM>-<recipient>.eml: the same recipient twice on one day is a double.
        digests = Counter((p.name[7:15], p.name[21:]) for p in outbox_folder().glob("digest-*.eml"))
    digests_doubled = sum(1 for n in digests.values() if n > 1)
    # Earlier runs' contacts carry markers too: count this run's.
    print(f"writes acknowledged {len(stats.acknowledged)}, of them stored {len(stats.acknowledged) - len(lost)}, "
          f"lost {len(lost)}; "
          f"nudges doubled {len(doubled)}; digests doubled {digests_doubled}")
    return 1 if lost or doubled or digests_doubled else 0


if __name__ == "__main__":
    sys.exit(main())
