"""Writes to the employer register and the rules that guard them."""
from datetime import datetime

from sqlalchemy import select

from ..core.clock import utcnow
from ..core.history import diff, record_change, snapshot
from ..core.locking import check_version, flush_edit
from ..extensions import db
from .models import ContactPerson, Employer, Stage

EDITABLE_FIELDS = (
    "name", "organisation_number", "sni_code", "size_band", "sector", "street_address", "postal_code",
    "municipality", "website", "stage", "responsible_specialist_id", "notes",
)
CONTACT_PERSON_FIELDS = ("name", "role", "is_decision_maker", "phone", "email")


class DuplicateEmployer(Exception):
    """The organisation number is already in this team's register."""

    def __init__(self, existing: Employer):
        super().__init__(existing.organisation_number)
        self.existing = existing


def find_by_organisation_number(team_id: int, number: str | None, exclude_id: int | None = None) -> Employer | None:
    if not number:
        return None
    query = select(Employer).where(Employer.team_id == team_id, Employer.organisation_number == number)
    if exclude_id is not None:
        query = query.where(Employer.id != exclude_id)
    return db.session.scalar(query)


def _clean(values: dict) -> dict:
    values = {name: values.get(name) for name in EDITABLE_FIELDS if name in values}
    for name, value in values.items():
        if value == "":
            values[name] = None
    return values


def create_employer(team, user, values: dict, now: datetime | None = None) -> Employer:
    values = _clean(values)
    existing = find_by_organisation_number(team.id, values.get("organisation_number"))
    if existing is not None:
        raise DuplicateEmployer(existing)
    now = now or utcnow()
    employer = Employer(team_id=team.id, created_by_id=user.id, updated_by_id=user.id, created_at=now, updated_at=now)
    for name, value in values.items():
        setattr(employer, name, value)
    employer.name_key = employer.name.lower()
    db.session.add(employer)
    db.session.flush()
    record_change(employer, "created", user, now=now)
    return employer


def update_employer(employer: Employer, user, values: dict, seen_version: int | None,
                    now: datetime | None = None) -> Employer:
    """Apply an edit made on `seen_version` of the record; refuse it if someone saved since."""
    values = _clean(values)
    check_version(employer, EDITABLE_FIELDS, seen_version)
    existing = find_by_organisation_number(employer.team_id, values.get("organisation_number"), exclude_id=employer.id)
    if existing is not None:
        raise DuplicateEmployer(existing)
    before = snapshot(employer, EDITABLE_FIELDS)
    for name, value in values.items():
        setattr(employer, name, value)
    employer.name_key = employer.name.lower()
    after = snapshot(employer, EDITABLE_FIELDS)
    if before != after:
        now = now or utcnow()
        employer.updated_at, employer.updated_by_id = now, user.id
        record_change(employer, "updated", user, diff(before, after), now=now)
    flush_edit(employer, EDITABLE_FIELDS)
    return employer


def set_archived(employer: Employer, user, archived: bool, now: datetime | None = None) -> None:
    """Employers are archived, never deleted: their contact history stays with the team."""
    now = now or utcnow()
    employer.archived_at = now if archived else None
    employer.updated_at, employer.updated_by_id = now, user.id
    record_change(employer, "archived" if archived else "restored", user, now=now)
    db.session.flush()


def set_stage(employer: Employer, user, stage: Stage, reason: str, now: datetime | None = None) -> None:
    """Move the relationship to another stage for a stated reason (a specialist pausing or closing it
    instead of planning a next step); the reason stays in the employer's history."""
    now = now or utcnow()
    before = employer.stage
    employer.stage = Stage(stage)
    employer.updated_at, employer.updated_by_id = now, user.id
    record_change(employer, "stage_changed", user, {"stage": [before.value, employer.stage.value],
                                                    "reason": [None, reason]}, now=now)
    db.session.flush()


def save_contact_person(employer: Employer, user, values: dict, person: ContactPerson | None = None) -> ContactPerson:
    values = {name: (values.get(name) or None) if name != "is_decision_maker" else bool(values.get(name))
              for name in CONTACT_PERSON_FIELDS}
    before = snapshot(person, CONTACT_PERSON_FIELDS) if person else {}
    if person is None:
        person = ContactPerson(employer=employer)
        db.session.add(person)
    for name, value in values.items():
        setattr(person, name, value)
    db.session.flush()
    changes = diff(before, snapshot(person, CONTACT_PERSON_FIELDS), prefix="contact_person.")
    if changes:
        record_change(employer, "person_saved", user, changes)
    return person


def remove_contact_person(employer: Employer, user, person: ContactPerson) -> None:
    before = snapshot(person, CONTACT_PERSON_FIELDS)
    record_change(employer, "person_removed", user, diff(before, {}, prefix="contact_person."))
    db.session.delete(person)
    db.session.flush()

