"""Writes for the meeting series: plan meetings, keep minutes, decide and complete actions."""
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from flask_babel import lazy_gettext as _l

from ..auth.models import User
from ..contacts import services as contacts
from ..contacts.services import ContactError, PlannedStep
from ..core.clock import local_date, utcnow
from ..employers.models import Employer
from ..extensions import db
from .agenda import build_agenda, period_for
from .models import FORTNIGHTLY, Meeting, MeetingAction, MeetingSeries, MeetingStatus


class MeetingRuleError(ValueError):
    """A rule of the meeting room was broken; `field` names the input, the message is shown."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.field = field


def create_series(team, values: dict, today: date, now: datetime | None = None) -> MeetingSeries:
    """A series and its first meeting (on `first_on`, or the first date of the rule after it)."""
    rule = values.get("rrule") or FORTNIGHTLY
    try:
        rrulestr(rule, dtstart=datetime.combine(values["first_on"], time()))
    except (ValueError, TypeError) as error:
        raise MeetingRuleError(_l("The recurrence is not valid."), "rrule") from error
    series = MeetingSeries(team_id=team.id, title=values["title"], first_on=values["first_on"], rrule=rule,
                           starts_at=values["starts_at"], place=values.get("place") or None,
                           created_at=now or utcnow())
    db.session.add(series)
    db.session.flush()
    plan_next_meeting(series, max(today, series.first_on))
    return series


def plan_next_meeting(series: MeetingSeries, on_or_after: date) -> Meeting | None:
    """The series' meeting on the first date of the rule from `on_or_after`: found, or planned now."""
    day = series.next_date(on_or_after)
    if day is None:
        return None
    meeting = db.session.scalar(db.select(Meeting).where(Meeting.series_id == series.id, Meeting.held_on == day))
    if meeting is None:
        meeting = Meeting(series=series, team_id=series.team_id, held_on=day, status=MeetingStatus.PLANNED)
        db.session.add(meeting)
        db.session.flush()
    return meeting


def save_minutes(meeting: Meeting, user, minutes: str, today: date, now: datetime | None = None) -> Meeting:
    """Keep the minutes; the first save marks the meeting held and freezes its agenda as it is now,
    and plans the series' next meeting."""
    if meeting.held_on > today:
        raise MeetingRuleError(_l("Minutes can be kept from the day of the meeting."), "minutes")
    now = now or utcnow()
    if meeting.agenda_snapshot is None:
        meeting.agenda_snapshot = build_agenda(period_for(meeting, today))
    meeting.minutes = minutes
    meeting.status = MeetingStatus.HELD
    meeting.minutes_saved_at, meeting.minutes_saved_by_id = now, user.id
    db.session.flush()
    plan_next_meeting(meeting.series, meeting.held_on + timedelta(days=1))
    return meeting


def add_action(meeting: Meeting, user, values: dict, now: datetime | None = None) -> MeetingAction:
    """Decide an action for a team member. About an employer, it is also a next step in the contact log
    (so it shows on the employer page and in My week); either way the owner is nudged as it falls due."""
    now = now or utcnow()
    text = (values.get("text") or "").strip()
    if not text:
        raise MeetingRuleError(_l("Write what is to be done."), "text")
    if values["due_on"] < local_date(now):
        raise MeetingRuleError(_l("The due date cannot be in the past."), "due_on")
    owner = db.session.get(User, values["owner_id"])
    if owner is None or not owner.is_staff or not owner.active or owner.team_id != meeting.team_id:
        raise MeetingRuleError(_l("Choose someone in the team."), "owner_id")
    step = None
    employer_id = values.get("employer_id") or None
    if employer_id:
        employer = db.session.get(Employer, employer_id)
        if employer is None or employer.team_id != meeting.team_id or employer.is_archived:
            raise MeetingRuleError(_l("Choose an employer of the team."), "employer")
        try:
            step = contacts.add_next_step(employer, user, PlannedStep(text, values["due_on"], owner.id), now=now)
        except ContactError as error:
            raise MeetingRuleError(_l("The next step could not be added."), "employer") from error
    action = MeetingAction(meeting=meeting, team_id=meeting.team_id, text=text, owner_id=owner.id,
                           due_on=values["due_on"], employer_id=employer_id, next_step=step,
                           created_by_id=user.id, created_at=now)
    db.session.add(action)
    db.session.flush()
    return action


def complete_action(action: MeetingAction, user, today: date, note: str | None = None) -> None:
    """Done: from now on the action leaves the agendas and the owner's nudge resolves."""
    if action.done_on is not None:
        return
    action.done_on, action.done_by_id, action.done_note = today, user.id, (note or "").strip() or None
    if action.next_step is not None:
        contacts.complete_next_step(action.next_step, user, today)
    db.session.flush()
