"""Server-side latency of every main page on a generated dataset (see README, "Benchmark").

    CRM_DATABASE_URL=sqlite:////tmp/large.sqlite3 .venv/bin/flask --app crm db upgrade
    CRM_DATABASE_URL=sqlite:////tmp/large.sqlite3 .venv/bin/flask --app crm demo generate --scale large
    CRM_DATABASE_URL=sqlite:////tmp/large.sqlite3 .venv/bin/python scripts/benchmark.py

Requests go through the WSGI app in-process (no network), each timed from request to response,
with the SQL statements counted. A floor page renders the base layout with one indexed query, so
each figure can be read as a multiple of what any page costs. Pages over BUDGET_MS at p95 are marked.
"""
import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime

from flask import render_template_string
from sqlalchemy import event, select

from crm import create_app
from crm.auth.models import Role, User
from crm.core.runtime import tune_garbage_collector
from crm.employers.models import Employer
from crm.extensions import db
from crm.meetings.models import Meeting, MeetingStatus
from crm.nudges.engine import evaluate_all
from crm.openings.models import Opening, OpeningStatus
from crm.participants.models import Participant, ParticipantStatus

BUDGET_MS = 100
NUDGE_BUDGET_S = 5


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args, **kwargs):
        self.count += 1


def floor_page():
    """The base layout and one indexed query: the least any page of the app costs."""
    user = db.session.get(User, 1)
    return render_template_string('{% extends "base.html" %}{% block content %}{{ name }}{% endblock %}',
                                  name=user.name)


def measure(client, counter, method, path, repeat, data=None, headers=None):
    """p50 and p95 in ms and the most SQL statements seen; `client` may be a factory (a fresh one each time)."""
    times, queries = [], []
    for _ in range(repeat):
        browser = client() if callable(client) else client
        before = counter.count
        started = time.perf_counter()
        response = browser.open(path, method=method, data=data() if data else None, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        queries.append(counter.count - before)
        if response.status_code >= 400:
            raise SystemExit(f"{method} {path} answered {response.status_code}")
    times.sort()
    return statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)], max(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--specialist", default="s1-1@bench.example")
    parser.add_argument("--password", default="benchmark-2026")
    parser.add_argument("--page", action="append", metavar="NAME",
                        help="only the pages whose name contains NAME (repeatable; the floor is always measured)")
    args = parser.parse_args()

    def wanted(name: str) -> bool:
        return not args.page or name.startswith("floor") or any(part in name for part in args.page)

    url = os.environ.get("CRM_DATABASE_URL")
    if not url:
        raise SystemExit("Set CRM_DATABASE_URL to the generated database.")
    # Signing in is measured `--repeat` times within the minute: above the sign-in rate limit, not its cost.
    app = create_app({"ENV_NAME": "production", "SECRET_KEY": "benchmark", "SQLALCHEMY_DATABASE_URI": url,
                      "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False,
                      "LOGIN_RATE_LIMIT": f"{max(100, 2 * args.repeat)} per minute"})
    app.add_url_rule("/_floor", "floor", floor_page)
    tune_garbage_collector()  # as wsgi.py does for the production server
    with app.app_context():
        counter = QueryCounter(db.engine)
        specialist = db.session.scalar(select(User).where(User.email == args.specialist))
        team_id = specialist.team_id
        employer = db.session.scalar(select(Employer).where(Employer.team_id == team_id).order_by(Employer.id))
        participant = db.session.scalar(select(Participant).where(
            Participant.team_id == team_id, Participant.status == ParticipantStatus.ACTIVE).order_by(Participant.id))
        opening = db.session.scalar(select(Opening).where(
            Opening.team_id == team_id, Opening.status == OpeningStatus.OPEN).order_by(Opening.id))
        meeting = db.session.scalar(select(Meeting).where(Meeting.team_id == team_id,
                                                          Meeting.status == MeetingStatus.PLANNED))
        lead = db.session.scalar(select(User.email).where(User.team_id == team_id, User.role == Role.TEAM_LEAD))
        ids = {"employer": employer.id, "participant": participant.id, "opening": opening.id, "meeting": meeting.id}
    client = app.test_client()
    login = {"email": args.specialist, "password": args.password}
    pages = [
        ("floor (layout + 1 query)", "GET", "/_floor", None),
        ("My week", "GET", "/week/", None),
        ("inbox", "GET", "/nudges/", None),
        ("employer list", "GET", "/employers/", None),
        ("employer list, search", "GET", "/employers/?q=lager", None),
        ("search results page", "GET", "/search?q=lag", None),
        ("employer page", "GET", f"/employers/{ids['employer']}", None),
        ("participant page", "GET", f"/participants/{ids['participant']}", None),
        ("caseload", "GET", "/participants/", None),
        ("matching for a participant", "GET", f"/participants/{ids['participant']}/matches", None),
        ("matching for an opening", "GET", f"/openings/{ids['opening']}/matches", None),
        ("openings", "GET", "/openings/", None),
        ("job starts and figures", "GET", "/placements/", None),
        ("team dashboard", "GET", "/reports/", None),
        ("meeting agenda (live)", "GET", f"/meetings/{ids['meeting']}", None),
        ("log a contact", "POST", f"/contacts/log/{ids['employer']}", lambda: {
            "contacted_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M"), "form": "face_to_face",
            "purpose": "learn_needs", "summary": "Benchmark visit", "next_what": "Ring", "next_due_on": "2030-01-01",
            "next_owner_id": str(specialist.id), "contact_person_id": "0"}),
    ]
    client.post("/login", data=login)
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'x floor':>8} {'queries':>8}")
    floor = None
    over = 0
    results = [(name, measure(client, counter, method, path, args.repeat, data))
               for name, method, path, data in pages[:1]]
    if wanted("log in"):
        # Signing in: a fresh browser each time (the password check is argon2id, deliberately slow).
        results.append(("log in", measure(app.test_client, counter, "POST", "/login", args.repeat, lambda: login)))
    results += [(name, measure(client, counter, method, path, args.repeat, data))
                for name, method, path, data in pages[1:] if wanted(name)]
    # The header's search as you type: htmx asks for the results alone, a request per pause in typing.
    results += [(name, measure(client, counter, "GET", path, args.repeat, headers={"HX-Request": "true"}))
                for name, path in (("search as you type: lag", "/search?q=lag"),
                                   ("search as you type: anna", "/search?q=anna"),
                                   ("search as you type: 0701", "/search?q=0701")) if wanted(name)]
    # The team lead's pages (the meeting with its action form, the reports), signed in as the same team's lead.
    lead_client = app.test_client()
    lead_client.post("/login", data={"email": lead, "password": args.password})
    results += [(name, measure(lead_client, counter, "GET", path, args.repeat)) for name, path in (
        ("meeting agenda (lead, with form)", f"/meetings/{ids['meeting']}"),
        ("fidelity report (3 months)", "/reports/fidelity"),
        ("outcome report (3 months)", "/reports/outcomes"),
        ("CSV export: placements", "/reports/export/placements.csv"),
    ) if wanted(name)]
    for name, (p50, p95, queries) in results:
        floor = floor or p50
        flag = "  OVER BUDGET" if p95 > BUDGET_MS else ""
        over += bool(flag)
        print(f"{name:34} {p50:8.1f} {p95:8.1f} {p50 / floor:8.1f} {queries:8d}{flag}")
    if not wanted("full nudge evaluation"):
        return 1 if over else 0
    with app.app_context():
        started = time.perf_counter()
        counts = evaluate_all(datetime.now(UTC))
        db.session.commit()
        seconds = time.perf_counter() - started
    flag = "  OVER BUDGET" if seconds > NUDGE_BUDGET_S else ""
    changed = sum(c.created + c.updated + c.resolved for c in counts.values())
    print(f"{'full nudge evaluation':34} {seconds * 1000:8.0f} ms ({changed} nudges changed){flag}")
    return 1 if over or flag else 0


if __name__ == "__main__":
    sys.exit(main())
