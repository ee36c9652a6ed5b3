"""Reads for the employer pages, each a bounded number of queries whatever the register's size."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload, with_expression

from ..auth.models import Role, User
from ..contacts.models import NextStep
from ..core import clock
from ..extensions import db
from .models import ACTIVE_STAGES, Employer, Tag, employer_tags

SORTS = {
    "name": (Employer.name_key, Employer.id),
    "-updated": (Employer.updated_at.desc(), Employer.id.desc()),
    "municipality": (Employer.municipality, Employer.name_key),
    "stage": (Employer.stage, Employer.name_key),
}


@dataclass
class EmployerFilter:
    q: str | None = None
    stage: str | None = None
    specialist: int | None = None
    sector: str | None = None
    industry: str | None = None
    archived: bool = False
    sort: str = "name"
    next_step: str | None = None  # attention, overdue, week, none
    tag: int | None = None
    today: date | None = None


def _next_step_due():
    """Each employer's earliest open next step: one aggregate joined into the list (no query per row)."""
    return (select(NextStep.employer_id, func.min(NextStep.due_on).label("due_on"))
            .where(NextStep.done_on.is_(None)).group_by(NextStep.employer_id).subquery("next_step_due"))


def filtered_employers(team_id: int, f: EmployerFilter):
    """The team's employers matching the list's search and filters, in the chosen order."""
    today = f.today or clock.today()
    due = _next_step_due()
    query = (select(Employer).outerjoin(due, due.c.employer_id == Employer.id)
             .options(with_expression(Employer.next_step_due_on, due.c.due_on))
             .where(Employer.team_id == team_id))
    query = query.where(Employer.archived_at.is_not(None) if f.archived else Employer.archived_at.is_(None))
    if f.q:
        term = f.q.strip().lower()
        digits = "".join(ch for ch in term if ch.isdigit())
        like = f"%{_escape_like(term)}%"
        conditions = [
            Employer.name_key.like(like, escape="\\"),
            db.func.lower(Employer.municipality).like(like, escape="\\"),
        ]
        if len(digits) >= 4:
            conditions.append(db.func.replace(Employer.organisation_number, "-", "").like(f"{digits}%"))
        query = query.where(or_(*conditions))
    if f.stage:
        query = query.where(Employer.stage == f.stage)
    if f.specialist:
        query = query.where(Employer.responsible_specialist_id == f.specialist)
    if f.sector:
        query = query.where(Employer.sector == f.sector)
    if f.industry:
        query = query.where(Employer.sni_code.like(f"{f.industry}%"))
    if f.tag:
        query = query.where(Employer.id.in_(select(employer_tags.c.employer_id).where(employer_tags.c.tag_id == f.tag)))
    if f.next_step == "attention":
        query = query.where(Employer.stage.in_(ACTIVE_STAGES), or_(due.c.due_on.is_(None), due.c.due_on < today))
    elif f.next_step == "overdue":
        query = query.where(due.c.due_on < today)
    elif f.next_step == "week":
        query = query.where(due.c.due_on <= today + timedelta(days=7))
    elif f.next_step == "none":
        query = query.where(due.c.due_on.is_(None))
    if f.sort == "next_step":
        return query.order_by(due.c.due_on.is_(None), due.c.due_on, Employer.name_key, Employer.id)
    return query.order_by(*SORTS.get(f.sort, SORTS["name"]))


def employer_page(team_id: int, f: EmployerFilter, page: int, per_page: int):
    query = filtered_employers(team_id, f).options(joinedload(Employer.responsible_specialist),
                                                   selectinload(Employer.tags))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def employer_detail(employer_id: int) -> Employer | None:
    return db.session.scalar(
        select(Employer)
        .where(Employer.id == employer_id)
        .options(
            selectinload(Employer.contact_persons),
            selectinload(Employer.tags),
            joinedload(Employer.responsible_specialist),
            joinedload(Employer.created_by),
            joinedload(Employer.updated_by),
        )
    )


def team_specialists(team_id: int) -> list[User]:
    """The people who can be responsible for an employer: the team's specialists and lead."""
    return db.session.scalars(
        select(User)
        .where(User.team_id == team_id, User.active, User.role.in_([Role.JOB_SPECIALIST, Role.TEAM_LEAD]))
        .order_by(User.name)
    ).all()


def team_tags(team_id: int) -> list[Tag]:
    return db.session.scalars(select(Tag).where(Tag.team_id == team_id).order_by(Tag.name)).all()


def employer_names(team_id: int) -> list[tuple[int, str]]:
    """(id, name) of the team's employers in the register, for choosing one in a form: plain rows."""
    return db.session.execute(select(Employer.id, Employer.name)
                              .where(Employer.team_id == team_id, Employer.archived_at.is_(None))
                              .order_by(Employer.name_key, Employer.id)).all()


def municipalities_in_use(team_id: int) -> list[str]:
    return db.session.scalars(
        select(Employer.municipality).where(Employer.team_id == team_id, Employer.municipality.is_not(None))
        .distinct().order_by(Employer.municipality)
    ).all()


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
