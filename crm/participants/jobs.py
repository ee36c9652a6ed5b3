"""The participants' nudge rule: rapid job search (IPS: first employer contact within 30 days)."""
from collections.abc import Iterator
from datetime import datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..core.clock import local_date
from ..extensions import db
from ..nudges.engine import Wanted, nudge_rule
from .models import Participant, ParticipantStatus
from .queries import has_employer_contact_on_behalf

NUDGE_AFTER_DAYS = 21  # a nudge at three weeks leaves time to meet the 30-day target


@nudge_rule("first_contact_due",
            message=_l("%(participant)s entered %(days)s days ago and no employer has been contacted yet"),
            link=lambda nudge: url_for("matching.participant_matches", participant_id=nudge.subject_id))
def first_contact_due(now: datetime) -> Iterator[Wanted]:
    """Active participants without any employer contact 21 days after entry, to their specialist.
    The nudge resolves itself once an employer has been contacted on their behalf in any way: a logged
    contact naming them, a proposal, a referral or a job start."""
    today = local_date(now)
    contacted = has_employer_contact_on_behalf(Participant.id)
    rows = db.session.execute(
        select(Participant.id, Participant.team_id, Participant.specialist_id, Participant.first_name,
               Participant.last_name, Participant.entered_on)
        .join(User, User.id == Participant.specialist_id)
        .where(Participant.status == ParticipantStatus.ACTIVE, User.active,
               Participant.entered_on <= today - timedelta(days=NUDGE_AFTER_DAYS), ~contacted)
    )
    for participant_id, team_id, specialist_id, first_name, last_name, entered_on in rows:
        # First name and initial only: nudges travel in the e-mail digest.
        yield Wanted(specialist_id, team_id, f"participant:{participant_id}", entered_on + timedelta(days=30),
                     "participant", participant_id,
                     {"participant": f"{first_name} {last_name[:1]}.", "days": (today - entered_on).days})
