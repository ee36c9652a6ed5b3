"""The follow-up rhythm as pure functions of a plan and dates, so that tests check them by hand.

The IPS pattern (fidelity item "time-unlimited follow-along"): a contact in the week before the
start, one within three days after it, weekly in the first month, then an ongoing rhythm that the
participant chooses (monthly unless they want otherwise). The rhythm has no end: it is a
recurrence rule, and only the occurrences in a window of interest are ever computed. Proposed dates
fall on working days (crm.core.workdays).

A contact counts for a planned occurrence when it is held on or after the occurrence's window
opens (a few days before its due date); a late contact also settles the occurrences missed
before it, so "overdue" always means "a contact is owed now", not a growing list of misses.
"""
import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule, rrulestr

from ..core import workdays
from .models import Audience, FollowUpPlan, PlanStatus

BEFORE_START_DAYS = 7  # "within a week before a start"
AFTER_START_DAYS = 3  # "within 3 days after"; also after a job loss
FIRST_MONTH_WEEKS = 4  # weekly in the first month
EARLY_DAYS = {WEEKLY: 3, MONTHLY: 7}  # how early a contact may come and still count for a planned one
AGREED_EARLY_DAYS = 3

# The rhythms a participant can choose after the first month: key → (frequency, interval).
RHYTHMS = {
    "weekly": (WEEKLY, 1),
    "every_2_weeks": (WEEKLY, 2),
    "monthly": (MONTHLY, 1),
    "every_2_months": (MONTHLY, 2),
    "every_3_months": (MONTHLY, 3),
}
DEFAULT_RHYTHM = "monthly"


class Kind(enum.StrEnum):
    BEFORE_START = "before_start"
    AFTER_START = "after_start"
    FIRST_MONTH = "first_month"
    RHYTHM = "rhythm"
    AGREED = "agreed"  # a one-off date agreed with the participant or the employer
    AFTER_JOB_END = "after_job_end"


@dataclass(frozen=True, order=True)
class Occurrence:
    due_on: date
    audience: Audience
    kind: Kind
    window_from: date  # a contact held on or after this day counts for the occurrence

    def is_overdue(self, today: date) -> bool:
        return self.due_on < today


@dataclass(frozen=True)
class ProposedPlan:
    planned_from_on: date
    employee_rule: str
    employer_rule: str | None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _step(key: str) -> relativedelta:
    freq, interval = RHYTHMS[key]
    return relativedelta(weeks=interval) if freq == WEEKLY else relativedelta(months=interval)


def first_rhythm_on(started_on: date, key: str, on: date) -> date:
    """The ongoing rhythm begins one interval after the first month, or after the day it was chosen."""
    return max(started_on + timedelta(weeks=FIRST_MONTH_WEEKS), on) + _step(key)


def rhythm_rule(key: str, first_on: date) -> str:
    """The rhythm as iCalendar recurrence text: DTSTART and an RRULE without UNTIL or COUNT.

    A monthly rhythm from the 29th–31st would skip the months without that day (RFC 5545 drops
    invalid dates), so it takes the last of the days 28 … that day that the month has.
    """
    freq, interval = RHYTHMS[key]
    late = {}
    if freq == MONTHLY and first_on.day > 28:
        late = {"bymonthday": tuple(range(28, first_on.day + 1)), "bysetpos": -1}
    return str(rrule(freq, interval=interval, dtstart=_midnight(first_on), **late))


def rhythm_key(rule: str | None) -> str | None:
    """Which of RHYTHMS a stored rule is (None: no rule, so no contacts for that audience)."""
    if not rule:
        return None
    parsed = rrulestr(rule)
    return next((key for key, (freq, interval) in RHYTHMS.items()
                 if parsed._freq == freq and parsed._interval == interval), None)


def propose_plan(started_on: date, today: date, employee_rhythm: str = DEFAULT_RHYTHM,
                 employer_rhythm: str | None = DEFAULT_RHYTHM) -> ProposedPlan:
    """The IPS pattern for a job starting on `started_on`, planned from `today`; the participant's
    choice of rhythm for each audience (None for the employer: no contact with the employer,
    as when they chose not to disclose)."""
    return ProposedPlan(
        planned_from_on=today,
        employee_rule=rhythm_rule(employee_rhythm, first_rhythm_on(started_on, employee_rhythm, today)),
        employer_rule=(rhythm_rule(employer_rhythm, first_rhythm_on(started_on, employer_rhythm, today))
                       if employer_rhythm else None),
    )


def start_pattern(started_on: date) -> list[tuple[Kind, date, date]]:
    """(kind, due, window opens) for the week before the start, three days after, and the first month."""
    first_month = rrule(WEEKLY, dtstart=_midnight(started_on + timedelta(weeks=1)), count=FIRST_MONTH_WEEKS)
    return [
        (Kind.BEFORE_START, started_on - timedelta(days=1), started_on - timedelta(days=BEFORE_START_DAYS)),
        (Kind.AFTER_START, started_on + timedelta(days=AFTER_START_DAYS), started_on),
        *((Kind.FIRST_MONTH, due.date(), due.date() - timedelta(days=EARLY_DAYS[WEEKLY])) for due in first_month),
    ]


def _rhythm(rule: str, start: date, end: date) -> list[tuple[Kind, date, date]]:
    parsed = rrulestr(rule)
    early = timedelta(days=EARLY_DAYS[parsed._freq])
    return [(Kind.RHYTHM, due.date(), due.date() - early)
            for due in parsed.between(_midnight(start), _midnight(end), inc=True)]


def on_working_day(kind: Kind, due: date) -> date:
    """A proposed date falls on a working day: the contact before the start moves to the working day
    before (it must come before the first day), the others to the next working day. Dates agreed with
    the participant or the employer stay as agreed."""
    if kind == Kind.AGREED:
        return due
    return workdays.previous_working_day(due) if kind == Kind.BEFORE_START else workdays.next_working_day(due)


def occurrences(plan: FollowUpPlan, start: date, end: date) -> list[Occurrence]:
    """Every planned contact due between `start` and `end` (both included), for both audiences.

    A plan that is not active has none. The employer side stops on the job's last day; the
    employee side goes on, with a contact within three days of the job ending.
    """
    if plan.status != PlanStatus.ACTIVE:
        return []
    start = max(start, plan.planned_from_on)
    if end < start:
        return []
    placement = plan.placement
    found = []
    for audience in Audience:
        rule = plan.rule_for(audience)
        items = [*start_pattern(placement.started_on), *_rhythm(rule, start, end)] if rule else []
        if audience == Audience.EMPLOYEE and placement.ended_on is not None:
            items.append((Kind.AFTER_JOB_END, placement.ended_on + timedelta(days=AFTER_START_DAYS),
                          placement.ended_on))
        items += [(Kind.AGREED, c.due_on, c.due_on - timedelta(days=AGREED_EARLY_DAYS))
                  for c in plan.agreed if c.audience == audience]
        last_on = placement.ended_on if audience == Audience.EMPLOYER else None
        moved = ((kind, on_working_day(kind, due), window_from) for kind, due, window_from in items)
        found += [Occurrence(due, audience, kind, window_from) for kind, due, window_from in moved
                  if start <= due <= end and (last_on is None or due <= last_on)]
    return sorted(set(found))


def upcoming(plan: FollowUpPlan, start: date, end: date) -> list[Occurrence]:
    """The planned contacts between `start` and `end` that no contact has settled yet."""
    return [o for o in occurrences(plan, start, end) if not is_done(plan, o)]


def last_held(plan: FollowUpPlan, audience: Audience) -> date | None:
    return max((c.held_on for c in plan.held if c.audience == audience), default=None)


def is_done(plan: FollowUpPlan, occurrence: Occurrence) -> bool:
    held = last_held(plan, occurrence.audience)
    return held is not None and held >= occurrence.window_from


def open_occurrences(plan: FollowUpPlan, until: date) -> list[Occurrence]:
    """Planned contacts due on or before `until` that are still owed (the overdue ones first)."""
    held = [last_held(plan, audience) for audience in Audience]
    # Anything due on or before the oldest "last contact" is settled; start looking the day after.
    start = min((day + timedelta(days=1) if day else plan.planned_from_on for day in held),
                default=plan.planned_from_on)
    return upcoming(plan, start, until)
