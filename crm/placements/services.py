"""Job starts and job ends."""
from datetime import date

from flask_babel import gettext as _

from ..core.audit import AuditAction, audit
from ..extensions import db
from ..matching.models import ProposalStatus
from ..openings.models import OpeningStatus
from ..participants.models import ParticipantStatus
from ..participants.services import change_status
from .models import EndReason, Placement

FIELDS = ("title", "occupation_code", "started_on", "hours_per_week", "monthly_wage", "employment_form",
          "competitive")


class PlacementError(ValueError):
    """A rule about job starts was broken; the message is for the user."""


def start_placement(participant, employer, user, values: dict, opening=None, proposal=None,
                    opening_filled: bool = True, listing=None) -> Placement:
    """Record a job start; a hire from a proposal closes the proposal and, if so chosen, the opening.
    A start at a social enterprise comes from its `listing` (and `employer` is None)."""
    placement = Placement(team_id=participant.team_id, participant_id=participant.id,
                          employer_id=employer.id if employer else None,
                          partner_organisation_id=listing.partner_organisation_id if listing else None,
                          listing_id=listing.id if listing else None,
                          opening_id=opening.id if opening else None, created_by_id=user.id,
                          **{name: values[name] for name in FIELDS})
    db.session.add(placement)
    db.session.flush()
    if proposal is not None:
        proposal.status, proposal.decided_on, proposal.placement_id = (
            ProposalStatus.HIRED, placement.started_on, placement.id)
    if opening is not None and opening_filled:
        opening.status = OpeningStatus.FILLED
    audit(user, participant, AuditAction.CREATE, "job start recorded")
    return placement


def end_placement(placement: Placement, user, ended_on: date, reason: EndReason, notes: str | None,
                  restart_search: bool, today: date) -> None:
    """A job ends; IPS helps the person on to the next one, so job search can restart at once."""
    if placement.ended_on is not None:
        raise PlacementError(_("This job has already ended."))
    if ended_on < placement.started_on:
        raise PlacementError(_("A job cannot end before it started."))
    if ended_on > today:
        raise PlacementError(_("Record the end when it has happened."))
    placement.ended_on, placement.end_reason, placement.end_notes = ended_on, reason, notes or None
    participant = placement.participant
    if restart_search and participant.status != ParticipantStatus.ACTIVE:
        change_status(participant, user, ParticipantStatus.ACTIVE, ended_on, today, note=_("Job search restarted"))
    db.session.flush()
    audit(user, participant, AuditAction.UPDATE, "job end recorded")
