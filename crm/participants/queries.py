"""Reads for the participant pages, each a bounded number of queries whatever the caseload's size."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.models import Role, User
from ..contacts.models import EmployerContact, employer_contact_participants
from ..core.clock import LOCAL_TZ, as_utc
from ..extensions import db
from .models import Consent, DisclosureChoice, DisclosureLevel, JobPreferences, Participant, ParticipantStatus

OPEN_STATUSES = (ParticipantStatus.WAITING_LIST, ParticipantStatus.PRE_SCREENING, ParticipantStatus.ACTIVE,
                 ParticipantStatus.PASSIVE)


@dataclass
class CaseloadRow:
    participant: Participant
    days_since_entry: int
    last_employer_contact_on: date | None
    days_since_employer_contact: int | None


@dataclass
class SpecialistLoad:
    specialist: User
    active: int
    limit: int

    @property
    def over_limit(self) -> bool:
        return self.active > self.limit


def last_employer_contact_on(participant_ids: list[int]) -> dict[int, date]:
    """{participant id: local date of the latest employer contact logged for them}, in one grouped query."""
    if not participant_ids:
        return {}
    rows = db.session.execute(
        select(employer_contact_participants.c.participant_id, func.max(EmployerContact.contacted_at))
        .join(EmployerContact, EmployerContact.id == employer_contact_participants.c.contact_id)
        .where(employer_contact_participants.c.participant_id.in_(participant_ids))
        .group_by(employer_contact_participants.c.participant_id)
    ).all()
    return {participant_id: as_utc(at).astimezone(LOCAL_TZ).date() for participant_id, at in rows}


def caseload(team_id: int, today: date, specialist_id: int | None = None,
             statuses=OPEN_STATUSES) -> list[CaseloadRow]:
    query = (select(Participant).where(Participant.team_id == team_id, Participant.status.in_(statuses))
             .options(joinedload(Participant.specialist))
             .order_by(Participant.last_name, Participant.first_name, Participant.id))
    if specialist_id:
        query = query.where(Participant.specialist_id == specialist_id)
    participants = db.session.scalars(query).all()
    contacts = last_employer_contact_on([p.id for p in participants])
    rows = []
    for participant in participants:
        last = contacts.get(participant.id)
        rows.append(CaseloadRow(participant, (today - participant.entered_on).days, last,
                                (today - last).days if last else None))
    return rows


def specialist_loads(team) -> list[SpecialistLoad]:
    """Active participants per specialist of the team, against the team's caseload limit."""
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
