"""Reads for analyses and openings."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from .models import JobAnalysis, Opening, OpeningStatus


def analyses_of(employer_id: int) -> list[JobAnalysis]:
    """Newest first: the first is the current analysis, the rest its history."""
    return db.session.scalars(
        select(JobAnalysis).where(JobAnalysis.employer_id == employer_id)
        .options(joinedload(JobAnalysis.author))
        .order_by(JobAnalysis.analysed_on.desc(), JobAnalysis.id.desc())
    ).all()


def openings_of(employer_id: int, open_only: bool = False) -> list[Opening]:
    """The employer's openings (or only the open ones), newest first within each status."""
    query = select(Opening).where(Opening.employer_id == employer_id)
    if open_only:
        query = query.where(Opening.status == OpeningStatus.OPEN)
    return db.session.scalars(query.order_by(Opening.status, Opening.created_at.desc())).all()


def team_openings(team_id: int, status: str | None, page: int, per_page: int):
    query = select(Opening).where(Opening.team_id == team_id).options(joinedload(Opening.employer))
    if status:
        query = query.where(Opening.status == status)
    query = query.order_by(Opening.status != OpeningStatus.OPEN, Opening.created_at.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def opening_detail(opening_id: int) -> Opening | None:
    return db.session.scalar(
        select(Opening).where(Opening.id == opening_id)
        .options(joinedload(Opening.employer), joinedload(Opening.job_analysis))
    )


def analysis_detail(analysis_id: int) -> JobAnalysis | None:
    return db.session.scalar(
        select(JobAnalysis).where(JobAnalysis.id == analysis_id)
        .options(joinedload(JobAnalysis.employer), joinedload(JobAnalysis.author))
    )
