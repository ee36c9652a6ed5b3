"""The outcome report: where the team's participants stand, and what their jobs look like."""
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean, median

from sqlalchemy import func, or_, select

from ..extensions import db
from ..participants.models import Outcome, Participant, ParticipantStatus
from ..placements.models import JOB_START_MIN_HOURS, EmploymentForm, Placement
from ..placements.queries import FULL_TIME_ISH
from ..subsidies.queries import SupportShare, job_starts_with_support

TARGET_PERCENT = 40  # the project's target for the share in competitive work or studies
RETENTION_DAYS = 90

# A job start: at least 4 hours a week of paid work; a work placement (praktik) is work training, not a job.
IS_JOB_START = (Placement.hours_per_week >= JOB_START_MIN_HOURS,
                Placement.employment_form != EmploymentForm.WORK_PLACEMENT)


@dataclass(frozen=True)
class WorkOrStudies:
    """The share of ACTIVE participants who, on the day, have a current competitive job start (≥ 4 hours a
    week, not a work placement) or whose recorded outcome is studies. Each participant counts once."""

    active: int
    in_work: int
    in_studies: int  # studying and not also in competitive work

    @property
    def count(self) -> int:
        return self.in_work + self.in_studies

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.active, 1) if self.active else None

    @property
    def meets_target(self) -> bool:
        return self.percent is not None and self.percent >= TARGET_PERCENT


def work_or_studies(team_id: int, on: date) -> WorkOrStudies:
    """Two queries, whatever the number of participants."""
    active = dict(db.session.execute(
        select(Participant.id, Participant.outcome).where(Participant.team_id == team_id,
                                                          Participant.status == ParticipantStatus.ACTIVE)).all())
    working = set(db.session.scalars(select(Placement.participant_id).where(
        Placement.team_id == team_id, Placement.competitive.is_(True), *IS_JOB_START, Placement.started_on <= on,
        or_(Placement.ended_on.is_(None), Placement.ended_on >= on)))) & set(active)
    studying = {pid for pid, outcome in active.items() if outcome == Outcome.STUDIES} - working
    return WorkOrStudies(len(active), len(working), len(studying))


@dataclass(frozen=True)
class OutcomeReport:
    start: date
    end: date
    by_status: dict[ParticipantStatus, int]
    by_outcome: dict[Outcome | None, int]
    share: WorkOrStudies
    starts: int
    first_starts: int
    retained_90: int
    eligible_90: int  # starts at least 90 days before the end of the period
    still_working: int
    median_tenure_days: float | None
    mean_hours: float | None
    thirty_hours: int
    median_wage: float | None
    with_wage: int
    competitive: int
    supports: SupportShare

    @property
    def retention_percent(self) -> float | None:
        return round(100 * self.retained_90 / self.eligible_90, 1) if self.eligible_90 else None


def outcome_report(team_id: int, start: date, end: date) -> OutcomeReport:
    """Participants by status and outcome now; job starts begun in the period (both days included),
    measured at the end of the period. Six queries."""
    by_status = dict(db.session.execute(select(Participant.status, func.count(Participant.id))
                                        .where(Participant.team_id == team_id).group_by(Participant.status)).all())
    by_outcome = dict(db.session.execute(select(Participant.outcome, func.count(Participant.id))
                                         .where(Participant.team_id == team_id).group_by(Participant.outcome)).all())
    starts = db.session.execute(
        select(Placement.participant_id, Placement.started_on, Placement.ended_on, Placement.hours_per_week,
               Placement.monthly_wage, Placement.competitive)
        .where(Placement.team_id == team_id, Placement.started_on.between(start, end), *IS_JOB_START)).all()
    earlier = set()
    if starts:
        earlier = set(db.session.scalars(select(Placement.participant_id).where(
            Placement.team_id == team_id, Placement.started_on < start, *IS_JOB_START,
            Placement.participant_id.in_(sorted({s.participant_id for s in starts})))))
    eligible = [s for s in starts if s.started_on + timedelta(days=RETENTION_DAYS) <= end]
    wages = [s.monthly_wage for s in starts if s.monthly_wage]
    tenure = [((min(s.ended_on, end) if s.ended_on else end) - s.started_on).days for s in starts]
    return OutcomeReport(
        start=start, end=end,
        by_status={status: by_status.get(status, 0) for status in ParticipantStatus},
        by_outcome={**{outcome: by_outcome.get(outcome, 0) for outcome in Outcome}, None: by_outcome.get(None, 0)},
        share=work_or_studies(team_id, end),
        starts=len(starts),
        first_starts=len({s.participant_id for s in starts} - earlier),
        retained_90=sum(1 for s in eligible
                        if s.ended_on is None or s.ended_on >= s.started_on + timedelta(days=RETENTION_DAYS)),
        eligible_90=len(eligible),
        still_working=sum(1 for s in starts if s.ended_on is None or s.ended_on > end),
        median_tenure_days=median(tenure) if tenure else None,
        mean_hours=round(mean(s.hours_per_week for s in starts), 1) if starts else None,
        thirty_hours=sum(1 for s in starts if s.hours_per_week >= FULL_TIME_ISH),
        median_wage=median(wages) if wages else None,
        with_wage=len(wages),
        competitive=sum(1 for s in starts if s.competitive),
        supports=job_starts_with_support(team_id, start, end),
    )
