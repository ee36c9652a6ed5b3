"""Reads for the employer pages, each a bounded number of queries whatever the register's size."""
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload, with_expression

from ..auth.models import Role, User
from ..contacts.models import NextStep
from ..core import clock
from ..core.database import escape_like
from ..extensions import db
from . import orgnr
from .models import ACTIVE_STAGES, Employer, Tag, employer_tags, municipality_key

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
        like = f"%{escape_like(term)}%"
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


SUGGESTIONS = 20  # names offered as an employer field is typed in
# How a label tells namesakes apart (see `employer_labels`), read back by `resolve_employer`.
QUALIFIED_NAMES = (
    ("organisation_number", re.compile(r"(?P<name>.+?),\s*(?P<value>\d{6}-?\d{4})")),
    ("id", re.compile(r"(?P<name>.+?)\s*\(#(?P<value>\d{1,12})\)")),
    ("municipality", re.compile(r"(?P<name>.+?)\s*\((?P<value>[^()]+)\)")),
)


def _in_register(team_id: int):
    return Employer.team_id == team_id, Employer.archived_at.is_(None)


def employer_suggestions(team_id: int, typed: str, limit: int = SUGGESTIONS) -> list[tuple[int, str]]:
    """(id, label) of the team's employers in the register whose name contains what is typed, names that start
    with it first: two queries on the (team, name_key) index, however large the register."""
    term = typed.strip().lower()
    if not term:
        return []
    like = escape_like(term)
    rows = db.session.execute(
        select(Employer.id, Employer.name, Employer.name_key, Employer.municipality, Employer.organisation_number)
        .where(*_in_register(team_id), Employer.name_key.like(f"%{like}%", escape="\\"))
        .order_by(Employer.name_key.not_like(f"{like}%", escape="\\"), Employer.name_key, Employer.id)
        .limit(limit)
    ).all()
    return list(zip((row.id for row in rows), employer_labels(team_id, rows), strict=True))


def employer_labels(team_id: int, employers) -> list[str]:
    """A label for each employer that names it alone in the team's register: the name, or where the name is
    shared, the name with the municipality, else the organisation number, else the record number (a label
    is never another employer's name). One query, for the namesakes and the names a label could clash with."""
    qualified = [_qualified_labels(e) for e in employers]
    keys = {e.name_key for e in employers} | {label.lower() for labels in qualified for label in labels if label}
    namesakes = defaultdict(list)
    for other in db.session.execute(select(Employer.name_key, Employer.municipality).where(
            *_in_register(team_id), Employer.name_key.in_(sorted(keys)))):
        namesakes[other.name_key].append(municipality_key(other.municipality))
    labels = []
    for e, (by_place, by_number, by_id) in zip(employers, qualified, strict=True):
        places = namesakes[e.name_key]
        if len(places) <= 1:
            labels.append(e.name)
        elif by_place and places.count(municipality_key(e.municipality)) == 1 and by_place.lower() not in namesakes:
            labels.append(by_place)
        elif by_number and by_number.lower() not in namesakes:
            labels.append(by_number)
        else:
            labels.append(by_id)
    return labels


def _qualified_labels(e) -> tuple[str | None, str | None, str]:
    return (f"{e.name} ({e.municipality})" if e.municipality else None,
            f"{e.name}, {e.organisation_number}" if e.organisation_number else None, f"{e.name} (#{e.id})")


def resolve_employer(team_id: int, typed: str) -> list[Employer]:
    """The team's employers in the register that what was typed names: its name, or a label of
    `employer_labels`. One is a match; none or several, the caller asks again."""
    typed = typed.strip()
    readings = [(typed, None, None)] + [(m["name"], field, m["value"]) for field, pattern in QUALIFIED_NAMES
                                        if (m := pattern.fullmatch(typed))]
    candidates = db.session.scalars(select(Employer).where(
        *_in_register(team_id), Employer.name_key.in_(sorted({name.strip().lower() for name, _, _ in readings})))).all()
    for name, field, value in readings:
        found = [e for e in candidates if e.name_key == name.strip().lower() and _qualifies(e, field, value)]
        if found:
            return found
    return []


def _qualifies(employer: Employer, field: str | None, value: str | None) -> bool:
    if field == "organisation_number":
        try:
            return employer.organisation_number == orgnr.normalise(value)
        except orgnr.InvalidOrganisationNumber:
            return False
    if field == "id":
        return employer.id == int(value)
    if field == "municipality":
        return municipality_key(employer.municipality) == municipality_key(value)
    return True
