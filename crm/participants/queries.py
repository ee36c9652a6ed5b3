"""Reads for the participant pages, each a bounded number of queries whatever the caseload's size."""
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.models import Role, User
from ..contacts.models import EmployerContact, employer_contact_participants
from ..core.clock import local_date
from ..core.database import escape_like
from ..extensions import db
from .models import Consent, DisclosureChoice, DisclosureLevel, JobPreferences, Participant, ParticipantStatus

OPEN_STATUSES = (ParticipantStatus.WAITING_LIST, ParticipantStatus.PRE_SCREENING, ParticipantStatus.ACTIVE,
                 ParticipantStatus.PASSIVE)


@dataclass(frozen=True)
class ContactSpan:
    """The first and the latest employer contact logged on a participant's behalf (local dates)."""

    first_on: date
    last_on: date


@dataclass
class CaseloadRow:
    participant: Participant
    today: date
    contacts: ContactSpan | None
    first_contact_on: date | None = None  # the rapid-job-search clock stopped (first_employer_contacts)

    @property
    def days_since_entry(self) -> int:
        return (self.today - self.participant.entered_on).days

    @property
    def last_employer_contact_on(self) -> date | None:
        return self.contacts.last_on if self.contacts else None

    @property
    def days_since_employer_contact(self) -> int | None:
        return (self.today - self.contacts.last_on).days if self.contacts else None

    @property
    def days_to_first_contact(self) -> int | None:
        """The rapid-job-search clock (IPS: the first employer contact within 30 days of entry)."""
        if self.first_contact_on is None:
            return None
        return (self.first_contact_on - self.participant.entered_on).days


@dataclass
class SpecialistLoad:
    specialist: User
    active: int
    limit: int  # active participants per full-time post

    @property
    def fraction(self) -> float:
        return float(self.specialist.employment_fraction)

    @property
    def per_fte(self) -> float:
        """The caseload scaled to a full-time post: 10 participants at half time count as 20."""
        return round(self.active / self.fraction, 1)

    @property
    def over_limit(self) -> bool:
        return self.per_fte > self.limit


def employer_contact_spans(participant_ids: list[int]) -> dict[int, ContactSpan]:
    """{participant id: first and latest employer contact logged for them}, in one grouped query."""
    if not participant_ids:
        return {}
    link = employer_contact_participants.c
    rows = db.session.execute(
        select(link.participant_id, func.min(EmployerContact.contacted_at), func.max(EmployerContact.contacted_at))
        .join(EmployerContact, EmployerContact.id == link.contact_id)
        .where(link.participant_id.in_(participant_ids))
        .group_by(link.participant_id)
    ).all()
    return {participant_id: ContactSpan(local_date(first), local_date(last)) for participant_id, first, last in rows}


def _on_behalf_sources():
    """(participant column, day column, conditions) of every step towards an employer on a participant's
    behalf beyond a logged contact naming them: a proposal to an employer, a referral to a social
    enterprise, a job start (its first day, or the day it was recorded if that came first)."""
    from ..matching.models import Proposal, ProposalKind
    from ..partners.models import Referral
    from ..placements.models import Placement

    return ((Proposal.participant_id, Proposal.proposed_on, (Proposal.kind == ProposalKind.PROPOSED,)),
            (Referral.participant_id, Referral.referred_on, ()),
            (Placement.participant_id, Placement.started_on, ()),
            (Placement.participant_id, Placement.created_at, ()))


def has_employer_contact_on_behalf(participant_id_column):
    """SQL: whether the participant has had an employer contact on their behalf, so that the
    rapid-job-search clock has stopped."""
    return or_(exists().where(employer_contact_participants.c.participant_id == participant_id_column),
               *(exists().where(who == participant_id_column, *conditions)
                 for who, _day, conditions in _on_behalf_sources()))


def first_employer_contacts(participant_ids: list[int], spans: dict[int, ContactSpan] | None = None) -> dict[int, date]:
    """{participant id: the day the rapid-job-search clock stopped}: the first employer contact on their
    behalf (a logged contact naming them, a proposal, a referral or a job start), in five grouped queries
    (four when the caller has read the contact `spans` already)."""
    if spans is None:
        spans = employer_contact_spans(participant_ids)
    firsts = {pid: span.first_on for pid, span in spans.items()}
    if not participant_ids:
        return firsts
    for who, day, conditions in _on_behalf_sources():
        for participant_id, first in db.session.execute(
                select(who, func.min(day)).where(who.in_(participant_ids), *conditions).group_by(who)):
            first = local_date(first) if isinstance(first, datetime) else first
            firsts[participant_id] = min(first, firsts.get(participant_id, first))
    return firsts


# The caseload's column sorts: the longest without an employer contact first, as that is who needs it.
CASELOAD_SORTS = {
    "name": lambda row: (row.participant.last_name.lower(), row.participant.first_name.lower()),
    "status": lambda row: row.participant.status.value,
    "entry": lambda row: -row.days_since_entry,
    "employer_contact": lambda row: -(row.days_since_employer_contact if row.days_since_employer_contact is not None
                                      else row.days_since_entry),
}


def caseload(team_id: int, today: date, specialist_id: int | None = None,
             statuses=OPEN_STATUSES, name: str = "", sort: str = "name") -> list[CaseloadRow]:
    query = (select(Participant).where(Participant.team_id == team_id, Participant.status.in_(statuses))
             .options(joinedload(Participant.specialist))
             .order_by(Participant.last_name, Participant.first_name, Participant.id))
    if specialist_id:
        query = query.where(Participant.specialist_id == specialist_id)
    if name.strip():
        full_name = func.lower(Participant.first_name + " " + Participant.last_name)
        query = query.where(full_name.like(f"%{escape_like(' '.join(name.lower().split()))}%", escape="\\"))
    participants = db.session.scalars(query).all()
    rows = caseload_rows(participants, today)
    return sorted(rows, key=CASELOAD_SORTS.get(sort, CASELOAD_SORTS["name"]))


def caseload_rows(participants: list[Participant], today: date) -> list[CaseloadRow]:
    ids = [p.id for p in participants]
    spans = employer_contact_spans(ids)
    firsts = first_employer_contacts(ids, spans)
    return [CaseloadRow(p, today, spans.get(p.id), firsts.get(p.id)) for p in participants]


def specialist_loads(team) -> list[SpecialistLoad]:
    """Active participants per specialist of the team, against the team's caseload limit per full-time post."""
    counts = dict(db.session.execute(
        select(Participant.specialist_id, func.count())
        .where(Participant.team_id == team.id, Participant.status == ParticipantStatus.ACTIVE)
        .group_by(Participant.specialist_id)
    ).all())
    specialists = team_specialists(team.id)
    return [SpecialistLoad(s, counts.get(s.id, 0), team.caseload_limit) for s in specialists]


def team_specialists(team_id: int) -> list[User]:
    """Everyone who can carry a caseload: the team's specialists and its lead."""
    return db.session.scalars(
        select(User).where(User.team_id == team_id, User.active.is_(True),
                           User.role.in_((Role.JOB_SPECIALIST, Role.TEAM_LEAD)))
        .order_by(User.name)
    ).all()


def participant_detail(participant_id: int) -> Participant | None:
    return db.session.scalar(
        select(Participant)
        .where(Participant.id == participant_id)
        .options(
            joinedload(Participant.specialist),
            selectinload(Participant.status_changes),
            selectinload(Participant.consents).options(joinedload(Consent.employer),
                                                       joinedload(Consent.partner_organisation)),
            selectinload(Participant.career_profile),
            selectinload(Participant.work_experiences),
            selectinload(Participant.educations),
            selectinload(Participant.benefits_sessions),
            selectinload(Participant.preferences).selectinload(JobPreferences.codes),
            selectinload(Participant.disclosure_choices).options(joinedload(DisclosureChoice.employer),
                                                                 joinedload(DisclosureChoice.recorded_by)),
        )
    )


def no_disclosure_participants(employer) -> list[Participant]:
    """Open participants of the employer's team whose current override toward this employer is "none".

    A default of "none" is a choice about all employers and is not listed on any employer's page.
    """
    choices = db.session.scalars(
        select(DisclosureChoice)
        .join(Participant, Participant.id == DisclosureChoice.participant_id)
        .where(DisclosureChoice.employer_id == employer.id, Participant.team_id == employer.team_id,
               Participant.status.in_(OPEN_STATUSES))
        .options(joinedload(DisclosureChoice.participant))
        .order_by(DisclosureChoice.decided_on.desc(), DisclosureChoice.id.desc())
    ).all()
    latest: dict[int, DisclosureChoice] = {}
    for choice in choices:
        latest.setdefault(choice.participant_id, choice)
    return sorted((c.participant for c in latest.values() if c.level == DisclosureLevel.NONE),
                  key=lambda p: (p.last_name, p.first_name))
