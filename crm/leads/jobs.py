"""Scheduled work of the leads room: fetch the saved searches, and nudge when an ad at an employer the
team knows fits several active participants."""
import logging
from collections.abc import Iterator
from datetime import datetime

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import Role, User
from ..core.clock import local_date
from ..core.scheduler import scheduled_job
from ..employers.models import Employer
from ..extensions import db
from ..nudges.engine import Wanted, nudge_rule
from ..participants.models import JobPreferenceCode, JobPreferences, Participant, ParticipantStatus, PreferenceCodeKind
from . import services
from .models import Lead

log = logging.getLogger(__name__)
SEVERAL = 2  # participants whose wishes one ad fits before the team is nudged


@scheduled_job("leads.fetch", cron={"hour": "6,11,15", "minute": 40})
def fetch(now: datetime) -> None:
    results = services.fetch_all(now)
    log.info("leads fetched: %s", {k: vars(v) for k, v in results.items()})


@nudge_rule("lead_fits_several", message=_l("%(employer)s is hiring (%(headline)s): the ad fits %(count)s "
                                            "participants' wishes"),
            link=lambda nudge: url_for("leads.lead", lead_id=nudge.subject_id))
def lead_fits_several(now: datetime) -> Iterator[Wanted]:
    """An open ad at a registered employer whose occupation (and place, where named) several active
    participants want; to the employer's responsible specialist, or else the team leads."""
    today = local_date(now)
    rows = db.session.execute(
        select(Lead.id, Lead.team_id, Lead.headline, Lead.occupation_code, Lead.municipality, Employer.name,
               Employer.responsible_specialist_id)
        .join(Employer, (Employer.team_id == Lead.team_id) & (Employer.organisation_number == Lead.organisation_number))
        .where(Lead.closed_at.is_(None), Lead.occupation_code.is_not(None), Employer.archived_at.is_(None),
               (Lead.deadline_on.is_(None)) | (Lead.deadline_on >= today))
    ).all()
    if not rows:
        return
    wishes = _wishes({row.team_id for row in rows})
    leads_by_team = {}
    for row in db.session.execute(select(User.id, User.team_id).where(User.role == Role.TEAM_LEAD, User.active)):
        leads_by_team.setdefault(row.team_id, []).append(row.id)
    for row in rows:
        count = sum(1 for team_id, occupations, places in wishes
                    if team_id == row.team_id and row.occupation_code in occupations
                    and (not places or (row.municipality or "").lower() in places))
        if count < SEVERAL:
            continue
        recipients = [row.responsible_specialist_id] if row.responsible_specialist_id else leads_by_team.get(
            row.team_id, [])
        for user_id in recipients:
            yield Wanted(user_id, row.team_id, f"lead:{row.id}", None, "lead", row.id,
                         {"employer": row.name, "headline": row.headline, "count": count})


def _wishes(team_ids: set[int]) -> list[tuple[int, set[str], set[str]]]:
    """Per active participant of these teams: their team, wanted occupations and municipalities."""
    found: dict[int, tuple[int, set[str], set[str]]] = {}
    for participant_id, team_id, kind, code in db.session.execute(
            select(Participant.id, Participant.team_id, JobPreferenceCode.kind, JobPreferenceCode.code)
            .join(JobPreferences, JobPreferences.participant_id == Participant.id)
            .join(JobPreferenceCode, JobPreferenceCode.preferences_id == JobPreferences.id)
            .where(Participant.team_id.in_(team_ids), Participant.status == ParticipantStatus.ACTIVE,
                   Participant.erased_at.is_(None))):
        _team, occupations, places = found.setdefault(participant_id, (team_id, set(), set()))
        if kind == PreferenceCodeKind.OCCUPATION:
            occupations.add(code)
        elif kind == PreferenceCodeKind.MUNICIPALITY:
            places.add(code.lower())
    return list(found.values())
