"""Writing job analyses and openings."""
from datetime import datetime

from sqlalchemy import select

from ..core.clock import utcnow
from ..core.history import record_change, snapshot
from ..core.locking import EditConflict, apply_edit, assign
from ..extensions import db
from .models import JobAnalysis, Opening

CONDITION_FIELDS = ("hours_min", "hours_max", "weekdays", "evenings", "weekends", "setting", "soundscape",
                    "people_contact", "physical_demands", "municipality", "monthly_wage")
ANALYSIS_FIELDS = (
    *CONDITION_FIELDS, "analysed_on", "business_needs", "tasks", "schedule", "pace", "social_demands",
    "sensory_environment", "supervisor", "possible_adjustments", "collective_agreement", "subsidy_openness",
    "hiring_process", "hiring_notes", "location", "travel_notes",
)
OPENING_FIELDS = (
    *CONDITION_FIELDS, "title", "occupation_code", "tasks", "schedule", "location", "earliest_start_on",
    "competitive", "requires_disclosure", "status",
)


def latest_revision(analysis: JobAnalysis) -> JobAnalysis:
    """The newest analysis in the chain of revisions that starts at `analysis`."""
    while (newer := db.session.scalar(select(JobAnalysis).where(JobAnalysis.revises_id == analysis.id)
                                      .order_by(JobAnalysis.id.desc()).limit(1))) is not None:
        analysis = newer
    return analysis


def record_analysis(employer, user, values: dict, revises: JobAnalysis | None = None,
                    seen_revision: int | None = None) -> JobAnalysis:
    """A new dated analysis; revising keeps the earlier one as history. Revising an analysis that
    someone revised since the user opened it raises EditConflict with the newest revision, unless the
    user has seen that one (`seen_revision`): then theirs revises the newest, and the chain stays one line."""
    if revises is not None:
        latest = latest_revision(revises)
        if latest.id != revises.id and latest.id != seen_revision:
            raise EditConflict(snapshot(latest, ANALYSIS_FIELDS), latest.author, latest.created_at, latest.id)
        revises = latest
    analysis = JobAnalysis(team_id=employer.team_id, employer_id=employer.id, author_id=user.id,
                           revises_id=revises.id if revises else None)
    assign(analysis, ANALYSIS_FIELDS, values)
    db.session.add(analysis)
    db.session.flush()
    return analysis


def create_opening(employer, user, values: dict, analysis: JobAnalysis | None = None,
                   now: datetime | None = None) -> Opening:
    now = now or utcnow()
    opening = Opening(team_id=employer.team_id, employer_id=employer.id, created_by_id=user.id,
                      job_analysis_id=analysis.id if analysis else None, created_at=now, updated_at=now)
    assign(opening, OPENING_FIELDS, values)
    db.session.add(opening)
    db.session.flush()
    record_change(opening, "created", user, now=now)
    return opening


def update_opening(opening: Opening, user, values: dict, seen_version: int | None,
                   now: datetime | None = None) -> Opening:
    apply_edit(opening, OPENING_FIELDS, values, user, seen_version, now)
    db.session.flush()
    return opening


def prefill_from_analysis(analysis: JobAnalysis) -> dict:
    """An opening drafted from an analysis starts with the analysis's conditions."""
    values = {name: getattr(analysis, name) for name in CONDITION_FIELDS}
    values.update(tasks=analysis.tasks, schedule=analysis.schedule, location=analysis.location)
    return values
