"""The header's search across the team's register: a few LIKE queries, each capped, each within one team."""
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from ..core.database import escape_like
from ..employers.models import ContactPerson, Employer
from ..extensions import db
from ..openings.models import Opening
from ..participants.models import Participant

PER_GROUP = 10
MIN_LENGTH = 2


@dataclass(frozen=True)
class Hit:
    kind: str  # employer, person, participant, opening: the group it shows in
    id: int
    label: str
    detail: str = ""
    employer_id: int | None = None


@dataclass
class Results:
    term: str
    groups: dict[str, list[Hit]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.groups.values())


def search(team_id: int, term: str) -> Results:
    """Employers (name, organisation number, municipality), contact persons (name, phone, e-mail), the
    team's participants (name) and openings (title): at most PER_GROUP of each, names starting with the
    term first. A term shorter than MIN_LENGTH finds nothing."""
    term = " ".join(term.split())[:100]
    if len(term) < MIN_LENGTH:
        return Results(term)
    key = term.lower()
    like = f"%{escape_like(key)}%"
    prefix = f"{escape_like(key)}%"
    digits = "".join(ch for ch in term if ch.isdigit())
    return Results(term, {
        "employer": _employers(team_id, like, prefix, digits),
        "person": _people(team_id, like, digits),
        "participant": _participants(team_id, like, prefix),
        "opening": _openings(team_id, like, prefix),
    })


def _employers(team_id: int, like: str, prefix: str, digits: str) -> list[Hit]:
    conditions = [Employer.name_key.like(like, escape="\\"), func.lower(Employer.municipality).like(like, escape="\\")]
    if len(digits) >= 4:
        conditions.append(func.replace(Employer.organisation_number, "-", "").like(f"{digits}%"))
    rows = db.session.execute(
        select(Employer.id, Employer.name, Employer.municipality, Employer.organisation_number)
        .where(Employer.team_id == team_id, Employer.archived_at.is_(None), or_(*conditions))
        .order_by(Employer.name_key.not_like(prefix, escape="\\"), Employer.name_key, Employer.id).limit(PER_GROUP))
    return [Hit("employer", r.id, r.name, " · ".join(filter(None, (r.municipality, r.organisation_number))))
            for r in rows]


def _people(team_id: int, like: str, digits: str) -> list[Hit]:
    conditions = [func.lower(ContactPerson.name).like(like, escape="\\"),
                  func.lower(ContactPerson.email).like(like, escape="\\")]
    if len(digits) >= 4:
        phone = func.replace(func.replace(func.replace(ContactPerson.phone, " ", ""), "-", ""), "+46", "0")
        conditions.append(phone.like(f"%{digits}%"))
    rows = db.session.execute(
        select(ContactPerson.id, ContactPerson.name, ContactPerson.role, ContactPerson.employer_id,
               Employer.name.label("employer_name"))
        .join(Employer, Employer.id == ContactPerson.employer_id)
        .where(Employer.team_id == team_id, Employer.archived_at.is_(None), or_(*conditions))
        .order_by(func.lower(ContactPerson.name), ContactPerson.id).limit(PER_GROUP))
    return [Hit("person", r.id, r.name, " · ".join(filter(None, (r.role, r.employer_name))), r.employer_id)
            for r in rows]


def _participants(team_id: int, like: str, prefix: str) -> list[Hit]:
    full_name = func.lower(Participant.first_name + " " + Participant.last_name)
    rows = db.session.execute(
        select(Participant.id, Participant.first_name, Participant.last_name)
        .where(Participant.team_id == team_id, Participant.erased_at.is_(None),
               or_(full_name.like(like, escape="\\"), func.lower(Participant.last_name).like(prefix, escape="\\")))
        .order_by(full_name.not_like(prefix, escape="\\"), full_name, Participant.id).limit(PER_GROUP))
    return [Hit("participant", r.id, f"{r.first_name} {r.last_name}") for r in rows]


def _openings(team_id: int, like: str, prefix: str) -> list[Hit]:
    title = func.lower(Opening.title)
    rows = db.session.execute(
        select(Opening.id, Opening.title, Opening.status, Employer.name.label("employer_name"))
        .join(Employer, Employer.id == Opening.employer_id)
        .where(Opening.team_id == team_id, title.like(like, escape="\\"))
        .order_by(Opening.status != "open", title.not_like(prefix, escape="\\"), title, Opening.id).limit(PER_GROUP))
    return [Hit("opening", r.id, r.title, r.employer_name) for r in rows]
