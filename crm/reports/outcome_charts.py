"""The outcome report's charts: the path from referral to work as a funnel, and the share in competitive
work or studies month by month against the target."""
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from ..core.formats import month
from ..extensions import db
from ..participants.models import Participant, ParticipantStatus, ParticipantStatusChange
from ..participants.queries import employer_contact_spans
from ..placements.models import Placement
from .dashboard import Chart
from .outcomes import IS_JOB_START, RETENTION_DAYS, TARGET_PERCENT, work_or_studies

SHARE_MONTHS = 12  # the monthly share shows at most the period's last twelve month ends

FUNNEL_STEPS = (("referred", _l("Referred")), ("active", _l("Active")),
                ("contact", _l("First employer contact")), ("start", _l("Job start")),
                ("retained", _l("Still in work after 90 days")))


def referral_funnel(team_id: int, start: date, end: date) -> Chart:
    """Participants who entered the programme in the period, and how many of them, by the end of the period,
    had been active, had a first employer contact, a job start, and a job start still held 90 days on.
    Four queries."""
    entered = set(db.session.scalars(select(Participant.id).where(
        Participant.team_id == team_id, Participant.entered_on.between(start, end))))
    ids = sorted(entered)
    active = set()
    starts = []
    if ids:
        active = set(db.session.scalars(select(Participant.id).where(
            Participant.id.in_(ids), or_(Participant.status == ParticipantStatus.ACTIVE, Participant.id.in_(
                select(ParticipantStatusChange.participant_id).where(
                    ParticipantStatusChange.status == ParticipantStatus.ACTIVE,
                    ParticipantStatusChange.changed_on <= end))))))
        starts = db.session.execute(select(Placement.participant_id, Placement.started_on, Placement.ended_on).where(
            Placement.participant_id.in_(ids), Placement.started_on <= end, *IS_JOB_START)).all()
    contacted = {pid for pid, span in employer_contact_spans(ids).items() if span.first_on <= end}
    retained = {s.participant_id for s in starts if s.started_on + timedelta(days=RETENTION_DAYS) <= end
                and (s.ended_on is None or s.ended_on >= s.started_on + timedelta(days=RETENTION_DAYS))}
    counts = {"referred": len(entered), "active": len(active), "contact": len(contacted),
              "start": len({s.participant_id for s in starts}), "retained": len(retained)}
    return Chart([str(label) for _, label in FUNNEL_STEPS],
                 {"participants": [counts[key] for key, _ in FUNNEL_STEPS]})


def share_by_month(team_id: int, start: date, end: date) -> Chart:
    """The share of active participants in competitive work or studies at each month end of the period (the
    last day for the running month), against the target: two queries a month."""
    ends = []
    day = end
    while day >= start and len(ends) < SHARE_MONTHS:
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    ends.reverse()
    shares = [work_or_studies(team_id, day) for day in ends]
    return Chart([month(day) for day in ends],
                 {"share": [share.percent or 0 for share in shares]}, target=TARGET_PERCENT)

