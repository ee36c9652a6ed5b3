"""The subsidy room's nudge rules: a review or period end coming up, a negotiation gone quiet.

To the participant's specialist; the message names the participant by first name and initial only
(nudges travel in the e-mail digest) and never the support's details.
"""
from collections.abc import Iterator
from datetime import datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..core.clock import local_date
from ..employers.models import Employer
from ..extensions import db
from ..nudges.engine import Wanted, nudge_rule
from ..participants.models import Participant
from .models import Negotiation
from .queries import last_step_dates
from .states import OPEN_STATUSES, RUNNING_STATUSES

THRESHOLDS = (7, 30, 60)  # days before a review or period end: each nudges once
QUIET_DAYS = 14  # an open negotiation with no step for this long


def _link(nudge) -> str:
    return url_for("subsidies.detail", negotiation_id=nudge.subject_id)


def threshold_for(days_left: int) -> int | None:
    """The tightest threshold the date has come within (a date already passed counts as 7)."""
    return next((limit for limit in THRESHOLDS if days_left <= limit), None)


def _parties():
    return (select(Negotiation.id, Negotiation.team_id, Participant.specialist_id, Participant.first_name,
                   Participant.last_name, Employer.name)
            .join(Participant, Participant.id == Negotiation.participant_id)
            .join(Employer, Employer.id == Negotiation.employer_id)
            .join(User, User.id == Participant.specialist_id)
            .where(User.active, Participant.erased_at.is_(None)))  # an erased person is no one's work


def _date_nudges(now: datetime, column, kind: str) -> Iterator[Wanted]:
    """Running supports whose `column` date is within the largest threshold. The threshold and the
    date are part of the cause: crossing the next threshold, or a new date, is a new nudge."""
    today = local_date(now)
    rows = db.session.execute(
        _parties().add_columns(column)
        .where(Negotiation.status.in_(RUNNING_STATUSES), column.is_not(None),
               column <= today + timedelta(days=max(THRESHOLDS)))
    )
    for negotiation_id, team_id, specialist_id, first_name, last_name, employer, due_on in rows:
        threshold = threshold_for((due_on - today).days)
        yield Wanted(specialist_id, team_id, f"negotiation:{negotiation_id}:{kind}:{due_on.isoformat()}:{threshold}",
                     due_on, "negotiation", negotiation_id,
                     {"participant": f"{first_name} {last_name[:1]}.", "employer": employer,
                      "date": due_on.isoformat(), "days": threshold})


@nudge_rule("subsidy_review_near",
            message=_l("The support for %(participant)s at %(employer)s is to be reviewed on %(date)s "
                       "(within %(days)s days)."), link=_link)
def subsidy_review_near(now: datetime) -> Iterator[Wanted]:
    return _date_nudges(now, Negotiation.next_review_on, "review")


@nudge_rule("subsidy_period_ends",
            message=_l("The support for %(participant)s at %(employer)s ends on %(date)s (within %(days)s days): "
                       "renew or plan the end with AF and the employer."), link=_link)
def subsidy_period_ends(now: datetime) -> Iterator[Wanted]:
    return _date_nudges(now, Negotiation.period_end_on, "end")


@nudge_rule("subsidy_negotiation_quiet",
            message=_l("No step in the subsidy negotiation for %(participant)s at %(employer)s for %(days)s days."),
            link=_link)
def subsidy_negotiation_quiet(now: datetime) -> Iterator[Wanted]:
    """Open negotiations whose latest step is 14 days old or more. The step's date is the cause:
    a new step resolves the nudge, and going quiet again is a new one."""
    today = local_date(now)
    last = last_step_dates()
    rows = db.session.execute(
        _parties().add_columns(last.c.last_on).join(last, last.c.negotiation_id == Negotiation.id)
        .where(Negotiation.status.in_(OPEN_STATUSES), last.c.last_on <= today - timedelta(days=QUIET_DAYS))
    )
    for negotiation_id, team_id, specialist_id, first_name, last_name, employer, last_on in rows:
        yield Wanted(specialist_id, team_id, f"negotiation:{negotiation_id}:quiet:{last_on.isoformat()}",
                     last_on + timedelta(days=QUIET_DAYS), "negotiation", negotiation_id,
                     {"participant": f"{first_name} {last_name[:1]}.", "employer": employer,
                      "days": (today - last_on).days})
