"""Reads for the leads pages, the employer register's "hiring now" badge and matching."""
from datetime import date

from sqlalchemy import or_, select

from ..employers.models import Employer
from ..employers.services import find_by_organisation_number
from ..extensions import db
from ..matching.engine import LEAD, Job
from .models import Lead


def _open(today: date):
    return (Lead.closed_at.is_(None), or_(Lead.deadline_on.is_(None), Lead.deadline_on >= today))


def open_leads(team_id: int, today: date, known: bool | None = None) -> list[tuple[Lead, Employer | None]]:
    """The team's open leads, newest first, each with the employer of the register it joins by number."""
    query = (select(Lead, Employer)
             .outerjoin(Employer, (Employer.team_id == Lead.team_id)
                        & (Employer.organisation_number == Lead.organisation_number))
             .where(Lead.team_id == team_id, *_open(today))
             .order_by(Lead.published_at.desc().nulls_last(), Lead.id.desc()))
    if known is not None:
        query = query.where(Employer.id.is_not(None) if known else Employer.id.is_(None))
    return [tuple(row) for row in db.session.execute(query)]


def employer_of(lead: Lead) -> Employer | None:
    return find_by_organisation_number(lead.team_id, lead.organisation_number)


def hiring_now(employers, today: date) -> dict[int, list[Lead]]:
    """Open ads by employer id, for a page of employers, in one query."""
    numbers = {e.organisation_number: e.id for e in employers if e.organisation_number}
    if not numbers:
        return {}
    team_ids = {e.team_id for e in employers}
    found: dict[int, list[Lead]] = {}
    for lead in db.session.scalars(
            select(Lead).where(Lead.team_id.in_(team_ids), Lead.organisation_number.in_(list(numbers)), *_open(today))
            .order_by(Lead.deadline_on.nulls_last(), Lead.id)):
        found.setdefault(numbers[lead.organisation_number], []).append(lead)
    return found


def leads_as_jobs(team_id: int, today: date) -> list[Job]:
    """The team's open leads as matching sees them: occupation, place and hours from the ad, its headline
    for tasks; an ad says nothing of disclosure or environment, so those constrain nothing."""
    return [Job(id=lead.id, kind=LEAD, employer_id=employer.id if employer else None,
                text=f"{lead.headline}\n{lead.occupation_label or ''}".lower(), occupation=lead.occupation_code,
                hours_min=lead.hours_min, hours_max=lead.hours_max, municipality=lead.municipality)
            for lead, employer in open_leads(team_id, today)]


def leads_by_id(ids: list[int]) -> dict[int, Lead]:
    return {lead.id: lead for lead in db.session.scalars(select(Lead).where(Lead.id.in_(ids)))} if ids else {}
