"""The agenda of an employer-strategy meeting, worked out from the data since the previous meeting.

The agenda is a registry of sections: each is a function of an `AgendaPeriod` returning plain,
JSON-ready rows (ids, names, ISO dates), in a bounded number of queries. The meeting page renders
the rows live; saving the minutes stores them as the meeting's snapshot, so the record stays as the
team saw it. Another room adds a section with `@agenda_section(...)` in this module.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from ..auth.models import Role, Team, User
from ..contacts.models import EmployerContact, NextStep, employer_contact_participants
from ..contacts.queries import cold_employers, face_to_face_counts
from ..core.clock import local_midnight
from ..employers.models import Employer
from ..employers.queries import EmployerFilter, filtered_employers
from ..extensions import db
from ..openings.models import JobAnalysis, Opening, OpeningStatus
from ..participants.models import Participant, ParticipantStatus
from ..participants.queries import employer_contact_spans
from ..placements.models import Placement
from ..subsidies.queries import team_overview
from .models import Meeting, MeetingAction

STALLED_DAYS = 14  # a negotiation about an employment support with no step for this long is stalled
JOB_SEARCH_DAYS = 30  # IPS: an employer contact on the participant's behalf at least this often
MAX_ROWS = 25  # a list longer than this is shown with "and N more"; the full list is one click away


@dataclass(frozen=True)
class AgendaPeriod:
    """From the day after the previous meeting to the meeting's day, both included."""

    team: Team
    since: date
    until: date
    today: date
    meeting_id: int | None = None

    @property
    def as_of(self) -> date:
        """The day the figures describe: the meeting's day, or today for a meeting still ahead."""
        return min(self.until, self.today)

    @property
    def now(self) -> datetime:
        """The end of `as_of`, Swedish time: the moment the "days without contact" are counted to."""
        return local_midnight(self.as_of + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1


@dataclass(frozen=True)
class Section:
    key: str
    title: object  # a lazy msgid
    rows: Callable[[AgendaPeriod], list[dict]]


SECTIONS: list[Section] = []


class Rows(list):
    """A section's first rows when the section counted the rest itself (`total`) instead of loading them."""

    def __init__(self, rows, total: int):
        super().__init__(rows)
        self.total = total


def agenda_section(key: str, title):
    def register(fn):
        SECTIONS.append(Section(key, title, fn))
        return fn

    return register


def section_titles() -> dict[str, object]:
    return {section.key: section.title for section in SECTIONS}


def period_for(meeting: Meeting, today: date) -> AgendaPeriod:
    """The meeting's period: since the series' previous meeting, or two weeks when it is the first."""
    previous = db.session.scalar(select(func.max(Meeting.held_on)).where(
        Meeting.series_id == meeting.series_id, Meeting.held_on < meeting.held_on))
    since = previous + timedelta(days=1) if previous else meeting.held_on - timedelta(days=13)
    return AgendaPeriod(db.session.get(Team, meeting.team_id), since, meeting.held_on, today, meeting.id)


def build_agenda(period: AgendaPeriod) -> dict:
    """Every section's rows, as stored in the snapshot: {"since", "until", "sections": [{key, rows, more}]}."""
    sections = []
    for section in SECTIONS:
        rows = section.rows(period)
        total = getattr(rows, "total", len(rows))
        sections.append({"key": section.key, "rows": rows[:MAX_ROWS], "more": max(0, total - MAX_ROWS)})
    return {"since": period.since.isoformat(), "until": period.until.isoformat(), "sections": sections}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@agenda_section("open_actions", _l("Open actions from earlier meetings"))
def open_action_rows(period: AgendaPeriod) -> list[dict]:
    """Reviewed first: every action still open from earlier meetings, and those closed on the meeting's day,
    so the record shows what was carried and what was closed. Two queries."""
    closed_here = db.session.scalars(
        select(MeetingAction).join(Meeting, Meeting.id == MeetingAction.meeting_id)
        .where(MeetingAction.team_id == period.team.id, MeetingAction.done_on == period.until,
               Meeting.held_on < period.until)
        .options(joinedload(MeetingAction.owner), joinedload(MeetingAction.employer),
                 joinedload(MeetingAction.meeting)).order_by(MeetingAction.id)).all()
    return [{"action_id": a.id, "text": a.text, "owner": a.owner.name, "owner_id": a.owner_id,
             "due_on": _iso(a.due_on), "decided_on": _iso(a.meeting.held_on), "employer_id": a.employer_id,
             "employer": a.employer.name if a.employer else None, "done_on": _iso(a.done_on),
             "done_note": a.done_note,
             "carried_here": period.meeting_id is not None and a.carried_to_id == period.meeting_id,
             "carried_count": a.carried_count or 0}
            for a in [*open_actions(period.team.id, before=period.until), *closed_here]]


@agenda_section("specialists", _l("Employer work per specialist"))
def specialist_rows(period: AgendaPeriod) -> list[dict]:
    """Face-to-face contacts against the team's weekly target pro rata, new employers and job analyses,
    and overdue next steps: five grouped queries."""
    team = period.team
    specialists = db.session.scalars(select(User).where(
        User.team_id == team.id, User.active.is_(True), User.role == Role.JOB_SPECIALIST).order_by(User.name)).all()
    contacts = face_to_face_counts(team.id, period.since, period.until)
    window = (local_midnight(period.since), local_midnight(period.until + timedelta(days=1)))
    new_employers = dict(db.session.execute(
        select(Employer.created_by_id, func.count(Employer.id))
        .where(Employer.team_id == team.id, Employer.created_at >= window[0], Employer.created_at < window[1])
        .group_by(Employer.created_by_id)).all())
    analyses = dict(db.session.execute(
        select(JobAnalysis.author_id, func.count(JobAnalysis.id))
        .where(JobAnalysis.team_id == team.id, JobAnalysis.analysed_on.between(period.since, period.until))
        .group_by(JobAnalysis.author_id)).all())
    overdue = dict(db.session.execute(
        select(NextStep.owner_id, func.count(NextStep.id))
        .where(NextStep.team_id == team.id, NextStep.done_on.is_(None), NextStep.due_on < period.as_of)
        .group_by(NextStep.owner_id)).all())
    target = round(team.weekly_contact_target * period.days / 7)
    return [{"user_id": user.id, "name": user.name, "face_to_face": contacts.get(user.id, 0), "target": target,
             "new_employers": new_employers.get(user.id, 0), "job_analyses": analyses.get(user.id, 0),
             "overdue_steps": overdue.get(user.id, 0)} for user in specialists]


@agenda_section("cold_employers", _l("Employers going cold"))
def cold_employer_rows(period: AgendaPeriod) -> list[dict]:
    return [{"employer_id": cold.employer.id, "name": cold.employer.name, "quiet_days": cold.quiet_days,
             "responsible": cold.employer.responsible_specialist.name if cold.employer.responsible_specialist else None}
            for cold in cold_employers(period.now, team_id=period.team.id)]


@agenda_section("without_next_step", _l("Employers without a next step"))
def without_next_step_rows(period: AgendaPeriod) -> Rows:
    """Employers in an active stage with no next step planned, or only overdue ones: the employer list's
    "Needs a next step" filter, counted in SQL and the first MAX_ROWS loaded."""
    query = filtered_employers(period.team.id, EmployerFilter(next_step="attention", sort="next_step",
                                                              today=period.as_of))
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    employers = db.session.scalars(query.options(joinedload(Employer.responsible_specialist)).limit(MAX_ROWS)).all()
    return Rows([{"employer_id": e.id, "name": e.name, "next_step_due_on": _iso(e.next_step_due_on),
                  "responsible": e.responsible_specialist.name if e.responsible_specialist else None}
                 for e in employers], total)


@agenda_section("job_search", _l("In job search for more than 30 days without an employer contact"))
def job_search_rows(period: AgendaPeriod) -> Rows:
    """Active participants, in the programme for over 30 days, without a current job, whose latest
    employer contact is more than 30 days old (or who have none): the first rows and their count in one
    query, then the latest contact of those shown."""
    day = period.as_of
    working = select(Placement.participant_id).where(
        Placement.team_id == period.team.id, Placement.started_on <= day,
        or_(Placement.ended_on.is_(None), Placement.ended_on >= day))
    link = employer_contact_participants.c
    # From the team's contacts of the last 30 days (the team-time index), not from each participant's history.
    recent = (select(link.participant_id).join(EmployerContact, EmployerContact.id == link.contact_id)
              .where(EmployerContact.team_id == period.team.id,
                     EmployerContact.contacted_at >= local_midnight(day - timedelta(days=JOB_SEARCH_DAYS)),
                     EmployerContact.contacted_at < local_midnight(day + timedelta(days=1))))
    quiet = db.session.execute(
        select(Participant, func.count().over())
        .where(Participant.team_id == period.team.id, Participant.status == ParticipantStatus.ACTIVE,
               Participant.entered_on < day - timedelta(days=JOB_SEARCH_DAYS),
               Participant.id.not_in(working), Participant.id.not_in(recent))
        .options(joinedload(Participant.specialist))
        .order_by(Participant.entered_on, Participant.id).limit(MAX_ROWS)).all()
    spans = employer_contact_spans([p.id for p, _ in quiet])
    return Rows([{"participant_id": p.id, "name": p.short_name,
                  "specialist": p.specialist.name if p.specialist else None,
                  "days_in_programme": (day - p.entered_on).days,
                  "days_since_contact": (day - spans[p.id].last_on).days if p.id in spans else None}
                 for p, _ in quiet], quiet[0][1] if quiet else 0)


@agenda_section("openings", _l("Unfilled openings"))
def opening_rows(period: AgendaPeriod) -> Rows:
    """The longest-open first; counted in SQL, only the first MAX_ROWS loaded."""
    unfilled = (Opening.team_id == period.team.id, Opening.status == OpeningStatus.OPEN)
    total = db.session.scalar(select(func.count(Opening.id)).where(*unfilled))
    openings = db.session.scalars(select(Opening).where(*unfilled).options(joinedload(Opening.employer))
                                  .order_by(Opening.created_at, Opening.id).limit(MAX_ROWS)).all()
    return Rows([{"opening_id": o.id, "title": o.title, "employer_id": o.employer_id, "employer": o.employer.name,
                  "open_since": _iso(o.created_at.date())} for o in openings], total)


@agenda_section("supports_ending", _l("Employment supports ending soon"))
def supports_ending_rows(period: AgendaPeriod) -> list[dict]:
    """Running supports whose period ends within the subsidies room's horizon (its `team_overview`)."""
    return [{"negotiation_id": n.id, "participant": n.participant.short_name, "employer": n.employer.name,
             "support_sv": n.support_type.name_sv, "support_en": n.support_type.name_en,
             "ends_on": _iso(n.period_end_on)}
            for n in team_overview(period.team.id, period.as_of).ending_soon]


@agenda_section("stalled_negotiations", _l("Stalled negotiations about employment supports"))
def stalled_negotiation_rows(period: AgendaPeriod) -> list[dict]:
    """Open negotiations whose latest step is STALLED_DAYS or more before the meeting (the subsidies room's
    `team_overview`, longest stalled first)."""
    cutoff = period.as_of - timedelta(days=STALLED_DAYS)
    return [{"negotiation_id": row.negotiation.id, "participant": row.negotiation.participant.short_name,
             "employer": row.negotiation.employer.name, "last_step_on": _iso(row.last_step_on),
             "support_sv": row.negotiation.support_type.name_sv, "support_en": row.negotiation.support_type.name_en}
            for row in team_overview(period.team.id, period.as_of).open if row.last_step_on <= cutoff]


@agenda_section("job_starts_and_ends", _l("Job starts and job ends"))
def job_change_rows(period: AgendaPeriod) -> list[dict]:
    placements = db.session.scalars(
        select(Placement).where(Placement.team_id == period.team.id, or_(
            Placement.started_on.between(period.since, period.until),
            Placement.ended_on.between(period.since, period.until)))
        .options(joinedload(Placement.participant), joinedload(Placement.employer),
                 joinedload(Placement.partner_organisation))
        .order_by(Placement.started_on, Placement.id)).all()
    return [{"placement_id": p.id, "participant": p.participant.short_name, "workplace": p.workplace_name,
             "title": p.title, "hours": p.hours_per_week, "started_on": _iso(p.started_on),
             "ended_on": _iso(p.ended_on) if p.ended_on and p.ended_on <= period.until else None,
             "end_reason": str(p.end_reason) if p.end_reason and p.ended_on <= period.until else None,
             "new_start": period.since <= p.started_on <= period.until}
            for p in placements]


def open_actions(team_id: int, before: date | None = None, owner_id: int | None = None) -> list[MeetingAction]:
    """Actions not yet done (here or as their next step), earliest due first; `before`: decided at a
    meeting earlier than that day. One query."""
    query = (select(MeetingAction).join(Meeting, Meeting.id == MeetingAction.meeting_id)
             .outerjoin(NextStep, NextStep.id == MeetingAction.next_step_id)
             .where(MeetingAction.team_id == team_id, MeetingAction.done_on.is_(None), NextStep.done_on.is_(None))
             .options(joinedload(MeetingAction.owner), joinedload(MeetingAction.employer),
                      joinedload(MeetingAction.meeting), joinedload(MeetingAction.next_step))
             .order_by(MeetingAction.due_on, MeetingAction.id))
    if before is not None:
        query = query.where(Meeting.held_on < before)
    if owner_id is not None:
        query = query.where(MeetingAction.owner_id == owner_id)
    return db.session.scalars(query).all()
