"""Reads for the subsidy pages, each in a bounded number of queries."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..placements.models import JOB_START_MIN_HOURS, EmploymentForm, Placement
from .models import AgencyContact, AgencyKind, Negotiation, NegotiationStatus, NegotiationStep, SupportType
from .states import ACTIVE_STATUSES, OPEN_STATUSES, RUNNING_STATUSES

ENDING_SOON_DAYS = 60


def _with_parties(query):
    return query.options(joinedload(Negotiation.participant), joinedload(Negotiation.employer),
                         joinedload(Negotiation.support_type))


def negotiation_detail(negotiation_id: int) -> Negotiation | None:
    return db.session.scalar(
        _with_parties(select(Negotiation)).where(Negotiation.id == negotiation_id)
        .options(joinedload(Negotiation.af_officer), joinedload(Negotiation.opening),
                 joinedload(Negotiation.placement), selectinload(Negotiation.steps).joinedload(NegotiationStep.by))
    )


def negotiations_of(participant_id: int | None = None, placement_id: int | None = None) -> list[Negotiation]:
    """A participant's (or a job start's) negotiations, newest first."""
    query = _with_parties(select(Negotiation)).order_by(Negotiation.created_at.desc(), Negotiation.id.desc())
    if participant_id is not None:
        query = query.where(Negotiation.participant_id == participant_id)
    if placement_id is not None:
        query = query.where(Negotiation.placement_id == placement_id)
    return db.session.scalars(query).all()


@dataclass(frozen=True)
class OpenRow:
    negotiation: Negotiation
    last_step_on: date


@dataclass(frozen=True)
class Overview:
    open: list[OpenRow]
    running: list[Negotiation]
    ending_soon: list[Negotiation]

    @property
    def active(self) -> list[Negotiation]:
        """Supports being paid now (decided ones that have not started are left out)."""
        return [n for n in self.running if n.status in ACTIVE_STATUSES]


def last_step_dates():
    """Per negotiation, the date of its latest step (a subquery to join on)."""
    return (select(NegotiationStep.negotiation_id, func.max(NegotiationStep.taken_on).label("last_on"))
            .group_by(NegotiationStep.negotiation_id).subquery())


def team_overview(team_id: int, today: date) -> Overview:
    last = last_step_dates()
    open_rows = db.session.execute(
        _with_parties(select(Negotiation, last.c.last_on))
        .join(last, last.c.negotiation_id == Negotiation.id)
        .where(Negotiation.team_id == team_id, Negotiation.status.in_(OPEN_STATUSES))
        .order_by(last.c.last_on, Negotiation.id)
    ).all()
    running = db.session.scalars(
        _with_parties(select(Negotiation))
        .where(Negotiation.team_id == team_id, Negotiation.status.in_(RUNNING_STATUSES))
        .order_by(Negotiation.period_end_on.nulls_last(), Negotiation.id)
    ).all()
    horizon = today + timedelta(days=ENDING_SOON_DAYS)
    ending = [n for n in running if n.period_end_on is not None and n.period_end_on <= horizon]
    return Overview([OpenRow(n, on) for n, on in open_rows], running, ending)


@dataclass(frozen=True)
class SupportShare:
    starts: int
    with_support: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.with_support / self.starts, 1) if self.starts else None


def job_starts_with_support(team_id: int, start: date, end: date) -> SupportShare:
    """Job starts (≥ 4 hours a week) begun between `start` and `end` that came with an employment
    support: recorded as employment with a subsidy, or linked to a negotiation AF decided on
    (a decision date) that was not withdrawn or declined."""
    decided = exists().where(Negotiation.placement_id == Placement.id, Negotiation.decided_on.is_not(None),
                             Negotiation.status.not_in((NegotiationStatus.DECLINED, NegotiationStatus.WITHDRAWN)))
    supported = or_(Placement.employment_form == EmploymentForm.WITH_SUBSIDY, decided)
    starts, with_support = db.session.execute(
        select(func.count(Placement.id), func.count(Placement.id).filter(supported))
        .where(Placement.team_id == team_id, Placement.started_on.between(start, end),
               Placement.hours_per_week >= JOB_START_MIN_HOURS)
    ).one()
    return SupportShare(starts, with_support)


# --- Choices for the forms --------------------------------------------------------------------
def support_types(active_only: bool = False) -> list[SupportType]:
    query = select(SupportType).order_by(SupportType.name_sv)
    if active_only:
        query = query.where(SupportType.active)
    return db.session.scalars(query).all()


def agency_contacts(team_id: int, kind: AgencyKind | None = None) -> list[AgencyContact]:
    query = (select(AgencyContact).where(AgencyContact.team_id == team_id)
             .order_by(AgencyContact.kind, AgencyContact.organisation, AgencyContact.name))
    if kind is not None:
        query = query.where(AgencyContact.kind == kind)
    return db.session.scalars(query).all()


def placements_for(participant_id: int) -> list[Placement]:
    return db.session.scalars(
        select(Placement).where(Placement.participant_id == participant_id)
        .options(joinedload(Placement.employer)).order_by(Placement.started_on.desc())
    ).all()


def af_officer_of(participant) -> AgencyContact | None:
    return db.session.get(AgencyContact, participant.af_case_officer_id) if participant.af_case_officer_id else None
