"""Reads for the network pages, the funds-outcome report and the fidelity item on collaboration with
the employment service; each a bounded number of queries."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..core.clock import local_midnight
from ..extensions import db
from ..participants.models import Participant
from .models import (
    ContactKind,
    FundsOutcome,
    NetworkContact,
    NetworkMember,
    NetworkStep,
    Organisation,
    Sip,
    SipMeeting,
    SipParty,
    SupportEnding,
)


def members_of(participant_id: int) -> list[NetworkMember]:
    return db.session.scalars(
        select(NetworkMember).where(NetworkMember.participant_id == participant_id)
        .options(joinedload(NetworkMember.person))
        .order_by(NetworkMember.ended_on.is_not(None), NetworkMember.organisation, NetworkMember.is_main.desc(),
                  NetworkMember.id)).all()


def contacts_of(participant_id: int) -> list[NetworkContact]:
    return db.session.scalars(
        select(NetworkContact).where(NetworkContact.participant_id == participant_id)
        .options(joinedload(NetworkContact.member).joinedload(NetworkMember.person),
                 joinedload(NetworkContact.author))
        .order_by(NetworkContact.contacted_on.desc(), NetworkContact.id.desc())).all()


def open_steps_of(participant_id: int) -> list[NetworkStep]:
    return db.session.scalars(
        select(NetworkStep).where(NetworkStep.participant_id == participant_id, NetworkStep.done_on.is_(None))
        .options(joinedload(NetworkStep.owner)).order_by(NetworkStep.due_on, NetworkStep.id)).all()


def sips_of(participant_id: int) -> list[Sip]:
    return db.session.scalars(select(Sip).where(Sip.participant_id == participant_id)
                              .order_by(Sip.started_on.desc(), Sip.id.desc())).all()


def sip_detail(sip_id: int) -> Sip | None:
    return db.session.scalars(select(Sip).where(Sip.id == sip_id).options(
        joinedload(Sip.participant), joinedload(Sip.coordinator).joinedload(NetworkMember.person),
        selectinload(Sip.parties).joinedload(SipParty.member).joinedload(NetworkMember.person),
        selectinload(Sip.meetings).selectinload(SipMeeting.attendees), selectinload(Sip.actions))).first()


def endings_of(participant_id: int) -> list[SupportEnding]:
    return db.session.scalars(select(SupportEnding).where(SupportEnding.participant_id == participant_id)
                              .order_by(SupportEnding.ended_on.desc(), SupportEnding.id.desc())).all()


# --- The funds' outcome report -------------------------------------------------------------------
@dataclass(frozen=True)
class FundsOutcomeReport:
    """Support endings in the period (both days included): the outcome at exit, and six months on."""

    start: date
    end: date
    endings: list[SupportEnding]
    at_exit: dict[FundsOutcome, int]
    six_months: dict[FundsOutcome, int]
    declined: int  # the person declined follow-up
    not_yet_due: int
    missing: int  # due, not declined, not recorded


def funds_outcome_report(team_id: int, start: date, end: date, today: date) -> FundsOutcomeReport:
    """One query."""
    endings = db.session.scalars(
        select(SupportEnding).where(SupportEnding.team_id == team_id, SupportEnding.ended_on.between(start, end))
        .options(joinedload(SupportEnding.participant))
        .order_by(SupportEnding.ended_on, SupportEnding.id)).all()
    at_exit, six_months = dict.fromkeys(FundsOutcome, 0), dict.fromkeys(FundsOutcome, 0)
    declined = not_yet_due = missing = 0
    for ending in endings:
        at_exit[ending.exit_outcome] += 1
        if ending.follow_up_outcome is not None:
            six_months[ending.follow_up_outcome] += 1
        elif ending.follow_up_declined:
            declined += 1
        elif ending.follow_up_due_on > today:
            not_yet_due += 1
        else:
            missing += 1
    return FundsOutcomeReport(start, end, endings, at_exit, six_months, declined, not_yet_due, missing)


# --- Fidelity: collaboration with the employment service -----------------------------------------
@dataclass(frozen=True)
class AfCollaboration:
    """The score inputs: per participant with AF involvement in the period, the calendar months with a
    meeting with the AF case officer and the ISO weeks with any contact about them (the period's
    whole months and weeks only, so a partial week at either end neither helps nor hurts)."""

    participants: int
    months: int  # whole months in the period
    weeks: int  # whole ISO weeks in the period
    months_met: int  # summed over participants
    weeks_contacted: int

    @property
    def percent(self) -> float | None:
        """The share of the pattern met: monthly meetings and weekly contact, weighed equally."""
        if not self.participants or not (self.months or self.weeks):
            return None
        parts = [x for x in ((self.months_met, self.months), (self.weeks_contacted, self.weeks)) if x[1]]
        return round(100 * sum(met / (whole * self.participants) for met, whole in parts) / len(parts), 1)


def _whole_months(start: date, end: date) -> list[tuple[date, date]]:
    first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    months = []
    while True:
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if last > end:
            return months
        months.append((first, last))
        first = last + timedelta(days=1)


def _whole_weeks(start: date, end: date) -> list[date]:
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    weeks = []
    while monday + timedelta(days=6) <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def af_collaboration(team_id: int, start: date, end: date) -> AfCollaboration:
    """Participants with an AF case officer in their network for the whole period (linked by the start,
    not ended before the end), and their contacts with AF network members. Two queries."""
    involved = set(db.session.scalars(
        select(NetworkMember.participant_id).join(Participant, Participant.id == NetworkMember.participant_id)
        .where(NetworkMember.team_id == team_id, NetworkMember.organisation == Organisation.ARBETSFORMEDLINGEN,
               NetworkMember.created_at < _midnight_after(start),
               or_(NetworkMember.ended_on.is_(None), NetworkMember.ended_on >= end),
               Participant.erased_at.is_(None))))
    months, weeks = _whole_months(start, end), _whole_weeks(start, end)
    met, contacted = defaultdict(set), defaultdict(set)
    if involved:
        for participant_id, on, kind in db.session.execute(
                select(NetworkContact.participant_id, NetworkContact.contacted_on, NetworkContact.kind)
                .join(NetworkMember, NetworkMember.id == NetworkContact.member_id)
                .where(NetworkContact.team_id == team_id, NetworkContact.contacted_on.between(start, end),
                       NetworkMember.organisation == Organisation.ARBETSFORMEDLINGEN,
                       NetworkContact.participant_id.in_(sorted(involved)))):
            contacted[participant_id].add(on - timedelta(days=on.weekday()))
            if kind == ContactKind.MEETING:
                met[participant_id].add((on.year, on.month))
    month_keys, week_keys = {(m.year, m.month) for m, _ in months}, set(weeks)
    return AfCollaboration(
        participants=len(involved), months=len(months), weeks=len(weeks),
        months_met=sum(len(met[p] & month_keys) for p in involved),
        weeks_contacted=sum(len(contacted[p] & week_keys) for p in involved))


def _midnight_after(day: date):
    return local_midnight(day + timedelta(days=1))
