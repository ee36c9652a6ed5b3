"""Follow-up's nudge rules: a job start has no follow-up plan yet; a planned contact is due or overdue."""
from collections.abc import Iterator
from datetime import datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..core.clock import local_date
from ..extensions import db
from ..nudges.engine import Wanted, nudge_rule
from . import queries
from .models import Audience

MESSAGES = {
    Audience.EMPLOYEE: _l("Follow-up with %(participant)s (job at %(employer)s) is due"),
    Audience.EMPLOYER: _l("Follow-up with the supervisor at %(employer)s (for %(participant)s) is due"),
}


PLAN_BEFORE_START_DAYS = 7  # IPS: the first contact is in the week before the start


def _plan_link(nudge) -> str:
    return url_for("followup.plan", placement_id=nudge.params.get("placement_id", 0))


@nudge_rule("followup_plan_missing",
            message=_l("%(participant)s has a job at %(employer)s: agree a follow-up plan with them"),
            link=_plan_link)
def followup_plan_missing(now: datetime) -> Iterator[Wanted]:
    """Current job starts without a plan, from a week before the first day, to the participant's specialist.
    Starts recorded by a social enterprise reach the specialist this way; the nudge resolves with the plan."""
    today = local_date(now)
    active_users = set(db.session.scalars(select(User.id).where(User.active)))
    for placement in queries.placements_without_plan():
        participant = placement.participant
        if participant.specialist_id not in active_users or \
                placement.started_on > today + timedelta(days=PLAN_BEFORE_START_DAYS):
            continue
        yield Wanted(participant.specialist_id, placement.team_id, f"followup-plan:{placement.id}",
                     placement.started_on, "placement", placement.id,
                     {"participant": participant.short_name, "employer": placement.workplace_name,
                      "placement_id": placement.id})


def _rule(audience: Audience):
    def due(now: datetime) -> Iterator[Wanted]:
        """The oldest contact still owed per plan, to the participant's specialist. The occurrence's
        date is part of the cause: once a contact is logged the nudge resolves, and the next due
        contact is a new cause."""
        today = local_date(now)
        active_users = set(db.session.scalars(select(User.id).where(User.active)))
        for item in queries.due_followups(queries.active_plans(), today):
            plan, occurrence = item.plan, item.occurrence
            participant = item.placement.participant
            if occurrence.audience != audience or participant.specialist_id not in active_users:
                continue
            # First name and initial only: nudges travel in the e-mail digest.
            yield Wanted(participant.specialist_id, plan.team_id,
                         f"followup:{plan.id}:{audience.value}:{occurrence.due_on.isoformat()}",
                         occurrence.due_on, "followup_plan", plan.id,
                         {"participant": participant.short_name, "employer": item.placement.workplace_name,
                          "placement_id": plan.placement_id})

    due.__name__ = f"followup_{audience.value}_due"
    return nudge_rule(f"followup_{audience.value}_due"[:40], message=MESSAGES[audience], link=_plan_link)(due)


followup_employee_due = _rule(Audience.EMPLOYEE)
followup_employer_due = _rule(Audience.EMPLOYER)
