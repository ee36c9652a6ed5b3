"""Reads for job starts and the team's figures about them."""
import statistics
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..participants.models import JobPreferences, Participant, ParticipantStatus
from .models import JOB_START_MIN_HOURS, EmploymentForm, Placement

FULL_TIME_ISH = 30  # the SE quality indicator: jobs of at least 30 hours a week where wanted


def placement_detail(placement_id: int) -> Placement | None:
    return db.session.scalar(
        select(Placement).where(Placement.id == placement_id)
        .options(joinedload(Placement.participant), joinedload(Placement.employer), joinedload(Placement.opening),
                 joinedload(Placement.partner_organisation))
    )


def team_placements(team_id: int, current: bool | None, page: int, per_page: int):
    query = (select(Placement).where(Placement.team_id == team_id)
             .options(joinedload(Placement.participant), joinedload(Placement.employer),
                      joinedload(Placement.partner_organisation))
             .order_by(Placement.started_on.desc(), Placement.id.desc()))
    if current is not None:
        query = query.where(Placement.ended_on.is_(None) if current else Placement.ended_on.is_not(None))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def participants_for_job_start(team_id: int) -> list[Participant]:
    """Everyone in the team's programme who could start a job (not those who have left it)."""
    return db.session.scalars(
        select(Participant).where(Participant.team_id == team_id, Participant.status != ParticipantStatus.CLOSED)
        .order_by(Participant.first_name, Participant.last_name)
    ).all()


def placements_of(participant_id: int) -> list[Placement]:
    return db.session.scalars(
        select(Placement).where(Placement.participant_id == participant_id)
        .options(joinedload(Placement.employer), joinedload(Placement.partner_organisation))
        .order_by(Placement.started_on.desc())
    ).all()


@dataclass(frozen=True)
class JobStartFigures:
    starts: int
    employers: int
    job_types: int
    competitive: int
    wanted_30: int  # starts by people who wanted at least 30 hours a week
    got_30: int  # … of which the job has at least 30 hours

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def employer_diversity(self) -> float | None:
        """IPS fidelity: 85–100 % of jobs with different employers."""
        return self._share(self.employers, self.starts)

    @property
    def job_type_diversity(self) -> float | None:
        return self._share(self.job_types, self.starts)

    @property
    def competitive_share(self) -> float | None:
        return self._share(self.competitive, self.starts)

    @property
    def thirty_hours_share(self) -> float | None:
        return self._share(self.got_30, self.wanted_30)


def job_start_figures(team_id: int, start: date, end: date) -> JobStartFigures:
    """Figures over job starts (≥ 4 hours a week of paid work: not work placements) that began between
    `start` and `end`, inclusive."""
    rows = db.session.execute(
        select(Placement.employer_id, Placement.partner_organisation_id, Placement.occupation_code,
               Placement.competitive, Placement.hours_per_week,
               JobPreferences.hours_min, JobPreferences.hours_max)
        .outerjoin(JobPreferences, JobPreferences.participant_id == Placement.participant_id)
        .where(Placement.team_id == team_id, Placement.started_on.between(start, end),
               Placement.hours_per_week >= JOB_START_MIN_HOURS,
               Placement.employment_form != EmploymentForm.WORK_PLACEMENT)
    ).all()
    wanted = [r for r in rows if max(r.hours_min or 0, r.hours_max or 0) >= FULL_TIME_ISH]
    return JobStartFigures(
        starts=len(rows),
        employers=len({(r.employer_id, r.partner_organisation_id) for r in rows}),
        job_types=len({r.occupation_code for r in rows if r.occupation_code}),
        competitive=sum(1 for r in rows if r.competitive),
        wanted_30=len(wanted),
        got_30=sum(1 for r in wanted if r.hours_per_week >= FULL_TIME_ISH),
    )


RETENTION_DAYS = 90


@dataclass(frozen=True)
class TenureFigures:
    current: list[int]  # days in the job so far, per job start still going on
    ended: list[int]  # days in the job, per job start that has ended
    retained_90: int  # job starts at least 90 days old that lasted 90 days or more …
    eligible_90: int  # … of the job starts at least 90 days old

    @staticmethod
    def _median(days: list[int]) -> float | None:
        return statistics.median(days) if days else None

    @staticmethod
    def _mean(days: list[int]) -> float | None:
        return round(statistics.mean(days), 1) if days else None

    @property
    def current_median(self) -> float | None:
        return self._median(self.current)

    @property
    def current_mean(self) -> float | None:
        return self._mean(self.current)

    @property
    def ended_median(self) -> float | None:
        return self._median(self.ended)

    @property
    def ended_mean(self) -> float | None:
        return self._mean(self.ended)

    @property
    def retention_90(self) -> float | None:
        return JobStartFigures._share(self.retained_90, self.eligible_90)


def tenure_figures(team_id: int, today: date) -> TenureFigures:
    """Time in the job over all the team's job starts (≥ 4 hours a week) that have begun by `today`."""
    rows = db.session.execute(
        select(Placement.started_on, Placement.ended_on)
        .where(Placement.team_id == team_id, Placement.started_on <= today,
               Placement.hours_per_week >= JOB_START_MIN_HOURS)
    ).all()
    days = [((ended or today) - started).days for started, ended in rows]
    old_enough = [d for d, (started, _ended) in zip(days, rows, strict=True)
                  if (today - started).days >= RETENTION_DAYS]
    return TenureFigures(
        current=[d for d, (_started, ended) in zip(days, rows, strict=True) if ended is None],
        ended=[d for d, (_started, ended) in zip(days, rows, strict=True) if ended is not None],
        retained_90=sum(1 for d in old_enough if d >= RETENTION_DAYS),
        eligible_90=len(old_enough),
    )
