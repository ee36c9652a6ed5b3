"""The partners' nudge rule: a social enterprise's answer to a referral reaches the specialist."""
from collections.abc import Iterator
from datetime import datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..core.clock import local_date
from ..extensions import db
from ..nudges.engine import Wanted, nudge_rule
from ..participants.models import Participant
from .models import Listing, PartnerOrganisation, Referral, ReferralStatus

ANSWER_NOTICE_DAYS = 14  # an answer nobody has marked as read stops nudging after two weeks


@nudge_rule("referral_answered", message=_l("News from %(organisation)s about the referral of %(participant)s"),
            link=lambda nudge: url_for("participants.detail", participant_id=nudge.subject_id) + "#partner-answers")
def referral_answered(now: datetime) -> Iterator[Wanted]:
    """Each partner answer (accepted, declined, with its message) and each start the partner records, to
    the participant's specialist, once: the answer is part of the cause, so done or dismissed stays done."""
    today = local_date(now)
    rows = db.session.execute(
        select(Referral.id, Referral.status, Referral.placement_id, Referral.answered_on, Participant.id,
               Participant.team_id, Participant.specialist_id, Participant.first_name, Participant.last_name,
               PartnerOrganisation.name)
        .join(Participant, Participant.id == Referral.participant_id)
        .join(User, User.id == Participant.specialist_id)
        .join(Listing, Listing.id == Referral.listing_id)
        .join(PartnerOrganisation, PartnerOrganisation.id == Listing.partner_organisation_id)
        .where(User.active, Referral.status.in_((ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)),
               Referral.answered_on >= today - timedelta(days=ANSWER_NOTICE_DAYS)))
    for (referral_id, status, placement_id, answered_on, participant_id, team_id, specialist_id, first_name,
         last_name, organisation) in rows:
        answer = "start" if placement_id else status.value
        yield Wanted(specialist_id, team_id, f"referral:{referral_id}:{answer}", answered_on, "participant",
                     participant_id, {"participant": f"{first_name} {last_name[:1]}.", "organisation": organisation})
