"""Writes for the meeting series: plan meetings, keep minutes, decide and complete actions."""
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..auth.models import User
from ..contacts import services as contacts
from ..contacts.services import ContactError, PlannedStep
from ..core.clock import local_date, utcnow
from ..core.formats import text_date
from ..core.mail import compose, external_url, in_language_of, send_once
from ..core.workdays import next_working_day
from ..employers.models import Employer
from ..extensions import db
from .agenda import build_agenda, period_for, section_titles
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


DECISION_MAX = 5000  # characters in one agenda item's decision


def proposed_date(series: MeetingSeries, on_or_after: date) -> date | None:
    """The rule's next date from `on_or_after`, moved to the next working day when it is a weekend or holiday."""
    day = series.next_date(on_or_after)
    return next_working_day(day) if day else None


def plan_next_meeting(series: MeetingSeries, on_or_after: date) -> Meeting | None:
    """The series' meeting on the first date of the rule from `on_or_after` (a working day): found, or planned now."""
    day = proposed_date(series, on_or_after)
    if day is None:
        return None
    meeting = db.session.scalar(db.select(Meeting).where(Meeting.series_id == series.id, Meeting.held_on == day))
    if meeting is None:
        meeting = Meeting(series=series, team_id=series.team_id, held_on=day, status=MeetingStatus.PLANNED)
        db.session.add(meeting)
        db.session.flush()
    return meeting


def clean_decisions(decisions: dict[str, str] | None, strict: bool = True) -> dict[str, str]:
    """Only the agenda's own items, without empty ones; a decision longer than DECISION_MAX is refused
    (`strict`) or, in a draft, cut."""
    known = section_titles()
    kept = {key: text.strip()[:None if strict else DECISION_MAX] for key, text in (decisions or {}).items()
            if key in known and (text or "").strip()}
    if any(len(text) > DECISION_MAX for text in kept.values()):
        raise MeetingRuleError(_l("A decision can be at most %(max)s characters.", max=DECISION_MAX), "minutes")
    return kept


def keep_draft(meeting: Meeting, minutes: str | None, decisions: dict[str, str] | None,
               now: datetime | None = None) -> bool:
    """Keep what is typed on the meeting page as a draft, so nothing is lost when another form is sent or the
    browser closes. Nothing is written when nothing was sent or nothing changed; True when it was kept."""
    if minutes is None and not decisions:
        return False
    draft = {"minutes": (minutes or "")[:20000], "decisions": clean_decisions(decisions, strict=False)}
    if draft == (meeting.draft or {}):
        return False
    meeting.draft, meeting.draft_saved_at = draft, now or utcnow()
    db.session.flush()
    return True


def save_minutes(meeting: Meeting, user, minutes: str, today: date, now: datetime | None = None,
                 decisions: dict[str, str] | None = None) -> Meeting:
    """Keep the minutes and each item's decision; the first save marks the meeting held and freezes its
    agenda as it is now, and plans the series' next meeting. The draft has served its purpose."""
    if meeting.held_on > today:
        raise MeetingRuleError(_l("Minutes can be kept from the day of the meeting."), "minutes")
    now = now or utcnow()
    meeting.decisions = clean_decisions(decisions)
    if meeting.agenda_snapshot is None:
        meeting.agenda_snapshot = build_agenda(period_for(meeting, today))
    meeting.minutes = minutes
    meeting.draft = meeting.draft_saved_at = None
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
    section = values.get("section") or None
    if section is not None and section not in section_titles():
        raise MeetingRuleError(_l("Choose an item of the agenda."), "text")
    action = MeetingAction(meeting=meeting, team_id=meeting.team_id, text=text, owner_id=owner.id, section=section,
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


def carry_action(action: MeetingAction, meeting: Meeting, due_on: date, today: date) -> None:
    """Reviewed at `meeting` and not done yet: it goes on with a new due date (its next step too)."""
    if action.finished_on is not None:
        raise MeetingRuleError(_l("The action is already done."), "due_on")
    if due_on < today:
        raise MeetingRuleError(_l("The due date cannot be in the past."), "due_on")
    action.due_on, action.carried_to_id = due_on, meeting.id
    action.carried_count = (action.carried_count or 0) + 1
    if action.next_step is not None:
        action.next_step.due_on = due_on
    db.session.flush()


def send_minutes(meeting: Meeting, now: datetime | None = None) -> int:
    """E-mail the saved minutes to the team's active staff, each in their language; the number sent.
    The agenda rows name participants by first name and initial only, and no one outside the team gets it."""
    if meeting.minutes_saved_at is None:
        raise MeetingRuleError(_l("Save the minutes before sending them."), "minutes")
    now = now or utcnow()
    staff = db.session.scalars(db.select(User).where(User.team_id == meeting.team_id, User.active.is_(True))
                               .order_by(User.id)).all()
    messages = [_minutes_message(meeting, user, now) for user in staff if user.is_staff and user.email]
    meeting.minutes_sent_at = now
    db.session.flush()
    # Once per saved version of the minutes: sending again after a failure reaches only those not reached.
    send_once("minutes", f"meeting-{meeting.id}-{meeting.minutes_saved_at.isoformat()}", messages, now)
    return len(messages)


def _minutes_message(meeting: Meeting, user, now: datetime):
    with in_language_of(user):
        body = render_template("meetings/minutes.txt", meeting=meeting, agenda=meeting.agenda_snapshot,
                               titles=section_titles(), link=external_url(f"/meetings/{meeting.id}/print"))
        subject = _("Minutes: %(title)s, %(date)s", title=meeting.series.title,
                    date=text_date(meeting.held_on))
    return compose(user.email, subject, body, now)
