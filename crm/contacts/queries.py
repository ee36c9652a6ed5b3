"""Reads for the contact log, next steps and My week; each a bounded number of queries."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.models import Role, Team, User
from ..core.clock import as_utc, local_date, local_midnight
from ..employers.models import ACTIVE_STAGES, Employer
from ..extensions import db
from .models import ContactForm, EmployerContact, NextStep


def _between(week_start: date, week_end: date):
    """contacted_at within the local days week_start..week_end, both included."""
    return (EmployerContact.contacted_at >= local_midnight(week_start),
            EmployerContact.contacted_at < local_midnight(week_end + timedelta(days=1)))


def face_to_face_count(user_id: int, week_start: date, week_end: date) -> int:
    """Face-to-face employer contacts the user logged as author between the two dates (both included)."""
    return db.session.scalar(
        select(func.count(EmployerContact.id)).where(
            EmployerContact.author_id == user_id, EmployerContact.form == ContactForm.FACE_TO_FACE,
            *_between(week_start, week_end))
    ) or 0


def face_to_face_counts(team_id: int, week_start: date, week_end: date) -> dict[int, int]:
    """{author id: face-to-face contacts} for a team's contacts between the dates; authors with none are absent."""
    rows = db.session.execute(
        select(EmployerContact.author_id, func.count(EmployerContact.id)).where(
            EmployerContact.team_id == team_id, EmployerContact.form == ContactForm.FACE_TO_FACE,
            *_between(week_start, week_end))
        .group_by(EmployerContact.author_id)
    )
    return dict(rows.all())


def last_face_to_face_on(employer_ids) -> dict[int, date]:
    """{employer id: local date of the latest face-to-face contact}; employers never visited are absent."""
    employer_ids = list(employer_ids)
    if not employer_ids:
        return {}
    rows = db.session.execute(
        select(EmployerContact.employer_id, func.max(EmployerContact.contacted_at)).where(
            EmployerContact.employer_id.in_(employer_ids), EmployerContact.form == ContactForm.FACE_TO_FACE)
        .group_by(EmployerContact.employer_id)
    )
    return {employer_id: local_date(as_utc(at)) for employer_id, at in rows}


def open_next_steps(owner_id: int | None = None, team_id: int | None = None, employer_id: int | None = None,
                    due_by: date | None = None, limit: int | None = None) -> list[NextStep]:
    """Open next steps, earliest due first, with their employer and owner loaded."""
    query = (select(NextStep).where(NextStep.done_on.is_(None))
             .options(joinedload(NextStep.employer), joinedload(NextStep.owner))
             .order_by(NextStep.due_on, NextStep.id))
    if owner_id is not None:
        query = query.where(NextStep.owner_id == owner_id)
    if team_id is not None:
        query = query.where(NextStep.team_id == team_id)
    if employer_id is not None:
        query = query.where(NextStep.employer_id == employer_id)
    if due_by is not None:
        query = query.where(NextStep.due_on <= due_by)
    return db.session.scalars(query.limit(limit)).all()


def done_next_steps(employer_id: int, limit: int = 10) -> list[NextStep]:
    return db.session.scalars(
        select(NextStep).where(NextStep.employer_id == employer_id, NextStep.done_on.is_not(None))
        .options(joinedload(NextStep.owner), joinedload(NextStep.done_by))
        .order_by(NextStep.done_on.desc(), NextStep.id.desc()).limit(limit)
    ).all()


def _with_details(query):
    return query.options(joinedload(EmployerContact.author), joinedload(EmployerContact.contact_person),
                         selectinload(EmployerContact.participants), selectinload(EmployerContact.next_steps))


def contact_timeline(employer_id: int, page: int, per_page: int):
    query = _with_details(select(EmployerContact).where(EmployerContact.employer_id == employer_id)
                          .order_by(EmployerContact.contacted_at.desc(), EmployerContact.id.desc()))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def contact_detail(contact_id: int) -> EmployerContact | None:
    return db.session.scalar(_with_details(select(EmployerContact).where(EmployerContact.id == contact_id))
                             .options(joinedload(EmployerContact.employer)))


def contacts_by(user_id: int, week_start: date, week_end: date) -> list[EmployerContact]:
    return db.session.scalars(
        select(EmployerContact).where(EmployerContact.author_id == user_id, *_between(week_start, week_end))
        .options(joinedload(EmployerContact.employer)).order_by(EmployerContact.contacted_at.desc())
    ).all()


@dataclass(frozen=True)
class ColdEmployer:
    employer: Employer
    last_contact_at: datetime | None  # None: never contacted (counted from when it was registered)
    quiet_days: int


def cold_employers(now: datetime, team_id: int | None = None, responsible_id: int | None = None) -> list[ColdEmployer]:
    """Employers in an active stage (relationship, hiring partner) with no contact of any form for
    the team's `cold_after_days`; an employer never contacted counts from when it was registered."""
    # Correlated per employer: one index seek each on (employer_id, contacted_at), instead of
    # grouping every contact the region ever logged.
    last_at = (select(func.max(EmployerContact.contacted_at)).where(EmployerContact.employer_id == Employer.id)
               .correlate(Employer).scalar_subquery())
    # Quiet for at least N whole days is quiet since `now` - N days: compared in SQL, so that only the
    # cold employers are loaded, not every active one.
    teams = [team for team in ([db.session.get(Team, team_id)] if team_id is not None
                               else db.session.scalars(select(Team))) if team is not None]
    if not teams:
        return []
    cutoff = case({team.id: as_utc(now) - timedelta(days=team.cold_after_days) for team in teams},
                  value=Employer.team_id)
    query = (select(Employer, last_at)
             .where(Employer.stage.in_(ACTIVE_STAGES), Employer.archived_at.is_(None),
                    func.coalesce(last_at, Employer.created_at) <= cutoff)
             .options(joinedload(Employer.responsible_specialist))
             .order_by(Employer.id))
    if team_id is not None:
        query = query.where(Employer.team_id == team_id)
    if responsible_id is not None:
        query = query.where(Employer.responsible_specialist_id == responsible_id)
    cold = [ColdEmployer(employer, as_utc(last) if last else None, (now - as_utc(last or employer.created_at)).days)
            for employer, last in db.session.execute(query)]
    return sorted(cold, key=lambda c: (-c.quiet_days, c.employer.id))


def employers_due(team_id: int, user_id: int, today: date, limit: int = 8) -> list[Employer]:
    """For the log page: employers where one of the user's open next steps is due today or overdue, most
    overdue first."""
    first_due = (select(NextStep.employer_id, func.min(NextStep.due_on).label("due_on"))
                 .where(NextStep.owner_id == user_id, NextStep.done_on.is_(None), NextStep.due_on <= today)
                 .group_by(NextStep.employer_id).subquery())
    return db.session.scalars(
        select(Employer).join(first_due, first_due.c.employer_id == Employer.id)
        .where(Employer.team_id == team_id, Employer.archived_at.is_(None))
        .order_by(first_due.c.due_on, Employer.name_key).limit(limit)
    ).all()


def person_to_meet(employer: Employer) -> int | None:
    """The contact person a new contact most likely meets: the one met last time, else a decision maker."""
    last_met = db.session.scalar(
        select(EmployerContact.contact_person_id)
        .where(EmployerContact.employer_id == employer.id, EmployerContact.contact_person_id.is_not(None))
        .order_by(EmployerContact.contacted_at.desc(), EmployerContact.id.desc()).limit(1))
    if last_met is not None:
        return last_met
    return next((p.id for p in employer.contact_persons if p.is_decision_maker), None)


def pickable_employers(team_id: int, user_id: int, recent: int = 6) -> tuple[list[Employer], list[Employer]]:
    """For the log page: the employers this user contacted last, then all the team's employers by name."""
    mine = (select(EmployerContact.employer_id, func.max(EmployerContact.contacted_at).label("last_at"))
            .where(EmployerContact.author_id == user_id).group_by(EmployerContact.employer_id).subquery())
    recent_rows = db.session.scalars(
        select(Employer).join(mine, mine.c.employer_id == Employer.id)
        .where(Employer.team_id == team_id, Employer.archived_at.is_(None))
        .order_by(mine.c.last_at.desc()).limit(recent)
    ).all()
    everyone = db.session.scalars(
        select(Employer).where(Employer.team_id == team_id, Employer.archived_at.is_(None))
        .order_by(Employer.name_key, Employer.id)
    ).all()
    return recent_rows, everyone


@dataclass(frozen=True)
class SpecialistWeek:
    user: User
    face_to_face: int
    open_steps: int
    overdue_steps: int


def team_week(team: Team, week_start: date, week_end: date, today: date) -> list[SpecialistWeek]:
    """The team lead's overview: each specialist's counter and next-step load, in three queries."""
    members = db.session.scalars(
        select(User).where(User.team_id == team.id, User.active, User.role == Role.JOB_SPECIALIST).order_by(User.name)
    ).all()
    counts = face_to_face_counts(team.id, week_start, week_end)
    steps = {owner: (open_, overdue) for owner, open_, overdue in db.session.execute(
        select(NextStep.owner_id, func.count(NextStep.id),
               func.coalesce(func.sum(case((NextStep.due_on < today, 1), else_=0)), 0))
        .where(NextStep.team_id == team.id, NextStep.done_on.is_(None)).group_by(NextStep.owner_id)
    )}
    return [SpecialistWeek(user, counts.get(user.id, 0), *steps.get(user.id, (0, 0))) for user in members]


def employer_overview(employer: Employer, page: int, per_page: int) -> dict:
    """What the employer page shows of the contact log: four queries."""
    return {
        "timeline": contact_timeline(employer.id, page, per_page),
        "open_steps": open_next_steps(employer_id=employer.id),
        "done_steps": done_next_steps(employer.id),
        "last_face_to_face_on": last_face_to_face_on([employer.id]).get(employer.id),
        "decision_makers": [p for p in employer.contact_persons if p.is_decision_maker],
    }
