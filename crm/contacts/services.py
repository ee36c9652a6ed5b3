"""Writes to the contact log and next steps, and the rules that guard them."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ..auth.models import User
from ..core.clock import as_utc, local_date, utcnow
from ..core.history import diff, record_change, snapshot
from ..core.locking import check_version, flush_edit
from ..employers import services as employers
from ..employers.models import Employer, Stage
from ..extensions import db
from ..participants.consent import require_consent
from ..participants.disclosure import check_naming
from ..participants.models import PartyKind
from .models import EmployerContact, NextStep

CONTACT_FIELDS = ("contacted_at", "form", "purpose", "contact_person_id", "summary", "outcome")
ENDING_STAGES = {"pause": Stage.DORMANT, "close": Stage.CLOSED}
CLOCK_SKEW = timedelta(minutes=10)  # a phone's clock a little ahead is not "in the future"


class ContactError(ValueError):
    """A rule of the contact log was broken; str(error) names which (the form shows the message)."""


@dataclass(frozen=True)
class PlannedStep:
    what: str
    due_on: date
    owner_id: int


@dataclass(frozen=True)
class Ending:
    """Instead of a next step: pause (dormant) or close the relationship, for a reason."""

    kind: str  # "pause" or "close"
    reason: str


def log_contact(employer: Employer, author, values: dict, *, next_step: PlannedStep | None = None,
                ending: Ending | None = None, participants=(), new_person: dict | None = None,
                complete_step_ids=(), now: datetime | None = None) -> EmployerContact:
    """Record a contact. Every contact leaves the relationship with a next step, unless the
    specialist pauses or closes the relationship and says why."""
    now = now or utcnow()
    if next_step is None and (ending is None or not ending.reason.strip()):
        raise ContactError("next_step_required")
    if ending is not None and ending.kind not in ENDING_STAGES:
        raise ContactError("unknown_ending")
    _check_when(values["contacted_at"], now)
    _check_participants(employer, participants, values["purpose"], local_date(values["contacted_at"]))
    if new_person and new_person.get("name"):
        values = {**values, "contact_person_id": employers.save_contact_person(employer, author, new_person).id}
    _check_person(employer, values.get("contact_person_id"))
    contact = EmployerContact(team_id=employer.team_id, employer_id=employer.id, author_id=author.id,
                              created_at=now, updated_at=now, **{k: values.get(k) for k in CONTACT_FIELDS})
    contact.participants = list(participants)
    db.session.add(contact)
    db.session.flush()
    if complete_step_ids:
        for step in db.session.scalars(select(NextStep).where(
                NextStep.employer_id == employer.id, NextStep.id.in_(list(complete_step_ids)))):
            complete_next_step(step, author, local_date(now))
    if next_step is not None:
        add_next_step(employer, author, next_step, contact=contact, now=now)
    if ending is not None:
        employers.set_stage(employer, author, ENDING_STAGES[ending.kind], ending.reason.strip(), now=now)
    return contact


def correct_contact(contact: EmployerContact, user, values: dict, participants, seen_version: int | None,
                    now: datetime | None = None) -> EmployerContact:
    """Apply a correction by the author or the team lead; the before and after stay in the history."""
    now = now or utcnow()
    check_version(contact, CONTACT_FIELDS, seen_version)
    _check_when(values["contacted_at"], now)
    _check_participants(contact.employer, participants, values["purpose"], local_date(values["contacted_at"]))
    _check_person(contact.employer, values.get("contact_person_id"))
    before = _snapshot(contact)
    for name in CONTACT_FIELDS:
        setattr(contact, name, values.get(name))
    contact.participants = list(participants)
    after = _snapshot(contact)
    if before != after:
        contact.updated_at = now
        record_change(contact, "corrected", user, diff(before, after), now=now)
    flush_edit(contact, CONTACT_FIELDS)
    return contact


def add_next_step(employer: Employer, user, step: PlannedStep, contact: EmployerContact | None = None,
                  now: datetime | None = None) -> NextStep:
    now = now or utcnow()
    if step.due_on < local_date(now):
        raise ContactError("due_in_past")
    if not step.what.strip():
        raise ContactError("next_step_required")
    owner = db.session.get(User, step.owner_id)
    if owner is None or not owner.is_staff or not owner.active or owner.team_id != employer.team_id:
        raise ContactError("owner_not_in_team")
    next_step = NextStep(team_id=employer.team_id, employer_id=employer.id, contact=contact, owner_id=owner.id,
                         what=step.what.strip(), due_on=step.due_on, created_at=now, created_by_id=user.id)
    db.session.add(next_step)
    db.session.flush()
    return next_step


def complete_next_step(step: NextStep, user, today: date) -> None:
    if step.done_on is None:
        step.done_on, step.done_by_id = today, user.id
        db.session.flush()


def reopen_next_step(step: NextStep, user, today: date) -> None:
    """Undo "Done": only the same day, by whoever marked it done (ContactError "undo_too_late" otherwise)."""
    if step.done_on is None:
        return
    if step.done_on != today or step.done_by_id != user.id:
        raise ContactError("undo_too_late")
    step.done_on, step.done_by_id = None, None
    db.session.flush()


def _check_when(contacted_at: datetime, now: datetime) -> None:
    if contacted_at > now + CLOCK_SKEW:
        raise ContactError("in_future")


def _check_participants(employer: Employer, participants, purpose: str, on: date) -> None:
    """A contact naming a participant, whatever its purpose, follows their choices: never against
    disclosure "none" or before it was discussed for job development (DisclosureRefusal), and only with
    consent to share with this employer (ConsentMissing)."""
    if any(p.team_id != employer.team_id for p in participants):
        raise ContactError("participant_not_in_team")
    for participant in participants:
        require_consent(participant, PartyKind.EMPLOYER, employer.id, on)
        check_naming(participant, employer, purpose, on)


def _check_person(employer: Employer, person_id: int | None) -> None:
    if person_id and person_id not in {p.id for p in employer.contact_persons}:
        raise ContactError("person_not_at_employer")


def _snapshot(contact: EmployerContact) -> dict:
    values = snapshot(contact, CONTACT_FIELDS)
    values["contacted_at"] = as_utc(values["contacted_at"]).isoformat() if values["contacted_at"] else None
    values["participants"] = sorted(p.id for p in contact.participants)
    return values
