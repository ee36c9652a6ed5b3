"""The contact log's nudge rules: plain functions of the clock, evaluated by crm.nudges.engine."""
import math
from collections.abc import Iterator
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import Role, Team, User
from ..core.clock import LOCAL_TZ, iso_week, local_date
from ..employers.models import Employer
from ..extensions import db
from ..nudges.engine import Wanted, nudge_rule
from . import queries
from .models import NextStep

WORK_DAYS = 5  # the weekly target is spread over Monday to Friday


def _employer_link(nudge) -> str:
    return url_for("employers.detail", employer_id=nudge.params.get("employer_id", nudge.subject_id))


@nudge_rule("next_step_due", message=_l("Next step at %(employer)s: %(what)s"),
            link=lambda nudge: _employer_link(nudge) + "#next-steps")
def next_step_due(now: datetime) -> Iterator[Wanted]:
    """Each open next step due today or earlier, to its owner. The due date is part of the cause:
    a step moved to a later date is a new cause, and the old nudge resolves itself."""
    rows = db.session.execute(
        select(NextStep.id, NextStep.owner_id, NextStep.team_id, NextStep.due_on, NextStep.what,
               Employer.id, Employer.name)
        .join(Employer, Employer.id == NextStep.employer_id).join(User, User.id == NextStep.owner_id)
        .where(NextStep.done_on.is_(None), NextStep.due_on <= local_date(now), User.active,
               Employer.archived_at.is_(None))
    )
    for step_id, owner_id, team_id, due_on, what, employer_id, employer_name in rows:
        yield Wanted(owner_id, team_id, f"step:{step_id}:{due_on.isoformat()}", due_on, "next_step", step_id,
                     {"employer": employer_name, "employer_id": employer_id, "what": what})


def weekly_check_at(now: datetime) -> datetime:
    """When this week's target check starts: the configured weekday and hour, Swedish time."""
    monday, _ = iso_week(now.astimezone(LOCAL_TZ).date())
    config = current_app.config
    return datetime.combine(monday, time(config["WEEKLY_TARGET_CHECK_HOUR"]), LOCAL_TZ) + relativedelta(
        weekday=config["WEEKLY_TARGET_CHECK_WEEKDAY"])


def expected_by(now: datetime, target: int) -> int:
    """The target pro rata over the working week so far (rounded down: only clear shortfalls nudge)."""
    local = now.astimezone(LOCAL_TZ)
    monday = datetime.combine(iso_week(local.date())[0], time(), LOCAL_TZ)
    elapsed = min(1.0, (local - monday) / timedelta(days=WORK_DAYS))
    return math.floor(target * elapsed + 1e-9)


@nudge_rule("weekly_target",
            message=_l("%(count)s of %(target)s face-to-face employer contacts this week; "
                       "by now %(expected)s would be on track."),
            link=lambda nudge: url_for("contacts.week"))
def weekly_target(now: datetime) -> Iterator[Wanted]:
    """From the configured weekday and hour, each specialist below the team's target pro rata."""
    if now < weekly_check_at(now):
        return
    monday, sunday = iso_week(now.astimezone(LOCAL_TZ).date())
    year, week_no, _ = monday.isocalendar()
    specialists = db.session.execute(
        select(User.id, User.team_id, Team.weekly_contact_target).join(Team, Team.id == User.team_id)
        .where(User.role == Role.JOB_SPECIALIST, User.active)
    ).all()
    counts: dict[int, dict[int, int]] = {}
    for user_id, team_id, target in specialists:
        if team_id not in counts:
            counts[team_id] = queries.face_to_face_counts(team_id, monday, sunday)
        count, expected = counts[team_id].get(user_id, 0), expected_by(now, target)
        if count < expected:
            yield Wanted(user_id, team_id, f"week:{year}-W{week_no:02d}", sunday, "week", None,
                         {"count": count, "target": target, "expected": expected})


@nudge_rule("employer_cold", message=_l("No contact with %(employer)s for %(days)s days."), link=_employer_link)
def employer_cold(now: datetime) -> Iterator[Wanted]:
    """Employers in relationship or hiring partner with no contact for the team's cold_after_days,
    to the responsible specialist. The last contact's date is part of the cause: after a new
    contact the nudge resolves, and going cold again later is a new cause."""
    for cold in queries.cold_employers(now):
        employer, owner = cold.employer, cold.employer.responsible_specialist
        if owner is None or not owner.active or not owner.is_staff:
            continue
        since = local_date(cold.last_contact_at).isoformat() if cold.last_contact_at else "never"
        yield Wanted(owner.id, employer.team_id, f"employer:{employer.id}:{since}", None, "employer", employer.id,
                     {"employer": employer.name, "employer_id": employer.id, "days": cold.quiet_days})
