"""Putting a participant forward for an opening, and recording what came of it."""
from datetime import date

from flask_babel import gettext as _

from ..core.audit import AuditAction, audit
from ..extensions import db
from ..participants.consent import require_consent
from ..participants.disclosure import DisclosureRefusal, check_naming, disclosure_for
from ..participants.models import DisclosureLevel, Participant, PartyKind
from .models import OPEN_PROPOSAL_STATUSES, Proposal, ProposalKind, ProposalStatus


class ProposalRefused(ValueError):
    """The proposal cannot be made; the message says why, for the user."""


def propose(participant: Participant, opening, user, today: date) -> Proposal:
    """Put the participant forward. Disclosure "none" toward the employer means the participant
    applies alone (recorded as their own application, nothing shared); otherwise sharing their
    name with the employer needs a valid consent for that employer."""
    if participant.team_id != opening.team_id:
        raise ProposalRefused(_("The participant and the opening belong to different teams."))
    already = db.session.scalar(
        db.select(Proposal.id).where(Proposal.participant_id == participant.id, Proposal.opening_id == opening.id,
                                     Proposal.status.in_(OPEN_PROPOSAL_STATUSES))
    )
    if already:
        raise ProposalRefused(_("%(person)s is already put forward for this opening.", person=participant.name))
    disclosure = disclosure_for(participant, opening.employer_id, today)
    if disclosure.level == DisclosureLevel.NONE:
        if opening.requires_disclosure:
            raise ProposalRefused(_("This opening needs the employer to know about support needs, and %(person)s "
                                    "chose not to disclose anything to them.", person=participant.name))
        kind = ProposalKind.OWN_APPLICATION
    else:
        require_consent(participant, PartyKind.EMPLOYER, opening.employer_id, today)  # raises ConsentMissing
        try:
            check_naming(participant, opening.employer, "job_development", today)  # not discussed yet: refused
        except DisclosureRefusal as refusal:
            raise ProposalRefused(str(refusal)) from refusal
        kind = ProposalKind.PROPOSED
    proposal = Proposal(team_id=participant.team_id, participant_id=participant.id, opening_id=opening.id,
                        kind=kind, proposed_on=today, created_by_id=user.id)
    db.session.add(proposal)
    db.session.flush()
    audit(user, participant, AuditAction.UPDATE,
          "own application recorded" if kind == ProposalKind.OWN_APPLICATION else "proposed for an opening")
    return proposal


def record_outcome(proposal: Proposal, user, status: ProposalStatus, on: date, notes: str | None) -> None:
    if proposal.status not in OPEN_PROPOSAL_STATUSES:
        raise ProposalRefused(_("The outcome of this proposal is already recorded."))
    proposal.status = status
    proposal.outcome_notes = notes or None
    if status != ProposalStatus.INTERVIEW:
        proposal.decided_on = on
    db.session.flush()
    audit(user, proposal.participant, AuditAction.UPDATE, f"proposal outcome: {status.value}")
