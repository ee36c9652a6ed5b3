"""Facts for the matching engine, read in a fixed number of queries whatever the team's size."""
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..employers.models import Employer
from ..extensions import db
from ..openings.models import Opening, OpeningStatus
from ..participants.disclosure import current_choices
from ..participants.models import DisclosureLevel, JobPreferences, Participant, ParticipantStatus
from ..partners.models import Listing, ListingStatus, PartnerOrganisation
from .engine import LISTING, Job, Seeker, phrases, words
from .models import OPEN_PROPOSAL_STATUSES, Proposal

# Matching reads preferences, profile, experience and disclosure choices; nothing else.
_SEEKER_LOADING = (
    selectinload(Participant.preferences).selectinload(JobPreferences.codes),
    selectinload(Participant.career_profile),
    selectinload(Participant.work_experiences),
    selectinload(Participant.disclosure_choices),
)


def seeker_of(participant: Participant, today: date) -> Seeker:
    """The participant's preferences in the engine's terms (unset preferences constrain nothing)."""
    prefs = participant.preferences
    profile = participant.career_profile
    skills = (profile.skills or "") if profile else ""
    experience = words(" ".join([skills, *(w.role for w in participant.work_experiences)]))
    choices = current_choices(participant, today)
    default = choices.get(None)
    overrides = {employer_id: c.level for employer_id, c in choices.items() if employer_id is not None}
    disclosure = {
        "no_disclosure_by_default": default is not None and default.level == DisclosureLevel.NONE,
        "no_disclosure_employers": frozenset(e for e, level in overrides.items() if level == DisclosureLevel.NONE),
        "disclosure_employers": frozenset(e for e, level in overrides.items()
                                       if level in (DisclosureLevel.FULL, DisclosureLevel.LIMITED)),
    }
    if prefs is None:
        return Seeker(id=participant.id, experience=experience, **disclosure)
    return Seeker(
        id=participant.id,
        hours_min=prefs.hours_min,
        hours_max=prefs.hours_max,
        weekdays=prefs.weekdays,
        evenings=prefs.evenings,
        weekends=prefs.weekends,
        municipalities=frozenset(prefs.municipalities),
        setting=prefs.setting.value,
        sound=prefs.sound_level.value,
        people=prefs.people_contact.value,
        physical=prefs.physical_work.value,
        wage_floor=prefs.wage_floor,
        occupations=frozenset(prefs.occupations),
        industries=frozenset(prefs.industries),
        liked=phrases(prefs.tasks_liked),
        avoided=phrases(prefs.tasks_avoided) + phrases(prefs.must_avoids),
        experience=experience,
        **disclosure,
    )


def load_for_matching(participant_id: int) -> Participant | None:
    return db.session.scalar(select(Participant).where(Participant.id == participant_id).options(*_SEEKER_LOADING))


def team_seekers(team_id: int, today: date) -> tuple[list[Seeker], dict[int, Participant]]:
    """The team's active participants, as seekers, and by id for showing names."""
    participants = db.session.scalars(
        select(Participant)
        .where(Participant.team_id == team_id, Participant.status == ParticipantStatus.ACTIVE)
        .options(*_SEEKER_LOADING, joinedload(Participant.specialist))
    ).all()
    return [seeker_of(p, today) for p in participants], {p.id: p for p in participants}


_JOB_COLUMNS = (
    Opening.id, Opening.employer_id, Opening.title, Opening.tasks, Opening.occupation_code, Employer.sni_code,
    Opening.hours_min, Opening.hours_max, Opening.weekdays, Opening.evenings, Opening.weekends,
    Opening.municipality, Opening.setting, Opening.soundscape, Opening.people_contact,
    Opening.physical_demands, Opening.monthly_wage, Opening.requires_disclosure,
)


def job_of(row) -> Job:
    return Job(
        id=row.id, employer_id=row.employer_id, text=f"{row.title}\n{row.tasks or ''}".lower(),
        occupation=row.occupation_code, industry=(row.sni_code or "")[:2] or None,
        hours_min=row.hours_min, hours_max=row.hours_max, weekdays=row.weekdays, evenings=row.evenings,
        weekends=row.weekends, municipality=row.municipality,
        setting=row.setting and row.setting.value, sound=row.soundscape and row.soundscape.value,
        people=row.people_contact and row.people_contact.value,
        physical=row.physical_demands and row.physical_demands.value,
        wage=row.monthly_wage, requires_disclosure=row.requires_disclosure,
    )


def open_jobs(team_id: int) -> list[Job]:
    """The team's open openings, read as plain rows (no ORM objects: thousands of them are fine)."""
    rows = db.session.execute(
        select(*_JOB_COLUMNS).join(Employer, Employer.id == Opening.employer_id)
        .where(Opening.team_id == team_id, Opening.status == OpeningStatus.OPEN, Employer.archived_at.is_(None))
    )
    return [job_of(row) for row in rows]


def open_listings(today: date) -> list[Job]:
    """Open listings of active social enterprises whose period has not ended. Partners serve the
    whole region, so every team sees them. No industry, and they never require disclosure."""
    rows = db.session.execute(
        select(Listing.id, Listing.title, Listing.tasks, Listing.hours_min, Listing.hours_max, Listing.weekdays,
               Listing.evenings, Listing.weekends, Listing.municipality)
        .join(PartnerOrganisation, PartnerOrganisation.id == Listing.partner_organisation_id)
        .where(Listing.status == ListingStatus.OPEN, PartnerOrganisation.active,
               or_(Listing.period_end_on.is_(None), Listing.period_end_on >= today))
    )
    return [Job(id=row.id, kind=LISTING, employer_id=None, text=f"{row.title}\n{row.tasks or ''}".lower(),
                hours_min=row.hours_min, hours_max=row.hours_max, weekdays=row.weekdays, evenings=row.evenings,
                weekends=row.weekends, municipality=row.municipality) for row in rows]


def job_for_opening(opening_id: int) -> Job:
    row = db.session.execute(
        select(*_JOB_COLUMNS).join(Employer, Employer.id == Opening.employer_id).where(Opening.id == opening_id)
    ).one()
    return job_of(row)


def openings_by_id(ids: list[int]) -> dict[int, Opening]:
    rows = db.session.scalars(select(Opening).where(Opening.id.in_(ids)).options(joinedload(Opening.employer)))
    return {opening.id: opening for opening in rows}


def open_proposals_of(participant_id: int) -> dict[int, Proposal]:
    """The participant's open proposals by opening, so a ranking can say "already proposed"."""
    rows = db.session.scalars(select(Proposal).where(Proposal.participant_id == participant_id,
                                                     Proposal.status.in_(OPEN_PROPOSAL_STATUSES)))
    return {proposal.opening_id: proposal for proposal in rows}


def proposals_for_opening(opening_id: int) -> list[Proposal]:
    return db.session.scalars(
        select(Proposal).where(Proposal.opening_id == opening_id)
        .options(joinedload(Proposal.participant)).order_by(Proposal.proposed_on.desc(), Proposal.id.desc())
    ).all()
