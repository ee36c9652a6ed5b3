"""The network room's nudge rules: next steps due, a SIP's review coming up, the six-month follow-up.

To the owner or the participant's specialist; messages name the participant by first name and
initial only (nudges travel in the e-mail digest) and never the plan's content.
"""
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
from .models import NetworkStep, Sip, SupportEnding

SIP_REVIEW_NOTICE = timedelta(days=14)


def _short(first_name: str, last_name: str) -> str:
    return f"{first_name} {last_name[:1]}."


def _network_link(nudge) -> str:
    return url_for("network.overview", participant_id=nudge.params.get("participant_id", 0))


@nudge_rule("network_step_due", message=_l("Next step for %(participant)s's network: %(what)s"), link=_network_link)
def network_step_due(now: datetime) -> Iterator[Wanted]:
    """Open steps (from a network contact or a SIP action the team owns) due today or earlier, to the owner.
    The due date is part of the cause."""
    rows = db.session.execute(
        select(NetworkStep.id, NetworkStep.owner_id, NetworkStep.team_id, NetworkStep.due_on, NetworkStep.what,
               Participant.id, Participant.first_name, Participant.last_name)
        .join(Participant, Participant.id == NetworkStep.participant_id).join(User, User.id == NetworkStep.owner_id)
        .where(NetworkStep.done_on.is_(None), NetworkStep.due_on <= local_date(now), User.active,
               Participant.erased_at.is_(None)))
    for step_id, owner_id, team_id, due_on, what, participant_id, first_name, last_name in rows:
        yield Wanted(owner_id, team_id, f"netstep:{step_id}:{due_on.isoformat()}", due_on, "network_step", step_id,
                     {"participant": _short(first_name, last_name), "participant_id": participant_id, "what": what})


def _specialists():
    return (select(Participant.id, Participant.team_id, Participant.specialist_id, Participant.first_name,
                   Participant.last_name)
            .join(User, User.id == Participant.specialist_id).where(User.active, Participant.erased_at.is_(None)))


@nudge_rule("sip_review_due", message=_l("The SIP of %(participant)s is to be reviewed on %(date)s."),
            link=lambda nudge: url_for("network.sip", sip_id=nudge.subject_id))
def sip_review_due(now: datetime) -> Iterator[Wanted]:
    """Open plans whose review date is two weeks away or passed; a new review date is a new cause."""
    rows = db.session.execute(_specialists().add_columns(Sip.id, Sip.review_on)
                              .join(Sip, Sip.participant_id == Participant.id)
                              .where(Sip.closed_on.is_(None), Sip.review_on <= local_date(now) + SIP_REVIEW_NOTICE))
    for participant_id, team_id, specialist_id, first_name, last_name, sip_id, review_on in rows:
        yield Wanted(specialist_id, team_id, f"sip:{sip_id}:{review_on.isoformat()}", review_on, "sip", sip_id,
                     {"participant": _short(first_name, last_name), "participant_id": participant_id,
                      "date": review_on.isoformat()})


@nudge_rule("six_month_follow_up",
            message=_l("Six months since support for %(participant)s ended: record where they stand now."),
            link=lambda nudge: url_for("network.follow_up", ending_id=nudge.subject_id))
def six_month_follow_up(now: datetime) -> Iterator[Wanted]:
    """Once per ending, from six months after it: until the situation is recorded, never for a person
    who declined follow-up (the engine never recreates a nudge marked done or dismissed)."""
    rows = db.session.execute(_specialists().add_columns(SupportEnding.id, SupportEnding.follow_up_due_on)
                              .join(SupportEnding, SupportEnding.participant_id == Participant.id)
                              .where(SupportEnding.follow_up_due_on <= local_date(now),
                                     SupportEnding.follow_up_declined.is_(False),
                                     SupportEnding.follow_up_outcome.is_(None)))
    for participant_id, team_id, specialist_id, first_name, last_name, ending_id, due_on in rows:
        yield Wanted(specialist_id, team_id, f"ending:{ending_id}", due_on, "support_ending", ending_id,
                     {"participant": _short(first_name, last_name), "participant_id": participant_id})
