"""Writes for the participant's network, and the consent gates that guard them.

Nothing is shared with, or logged as shared with, an organisation without the participant's consent
for it: logging a contact, making an organisation a SIP party, and the SIP coordinator all pass
`require_organisation_consent` (the one sharing check in participants/consent.py behind it).
"""
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from ..auth.models import User
from ..core.audit import AuditAction, audit
from ..core.clock import local_date, utcnow
from ..extensions import db
from ..participants.consent import require_consent
from ..participants.models import Participant, PartyKind
from ..subsidies.models import AgencyContact, AgencyKind
from .models import (
    ContactKind,
    FundsOutcome,
    NetworkContact,
    NetworkMember,
    NetworkStep,
    Organisation,
    Sip,
    SipAction,
    SipMeeting,
    SipParty,
    SupportEnding,
)

# The consent party of each organisation; the others are named in the consent by the organisation's name.
CONSENT_PARTY = {
    Organisation.ARBETSFORMEDLINGEN: PartyKind.ARBETSFORMEDLINGEN,
    Organisation.FORSAKRINGSKASSAN: PartyKind.FORSAKRINGSKASSAN,
    Organisation.CARE: PartyKind.PSYCHIATRY,
    Organisation.SOCIAL_SERVICES: PartyKind.SOCIAL_SERVICES,
}
# The agency directory's kind for a person added from the network form.
DIRECTORY_KIND = {
    Organisation.ARBETSFORMEDLINGEN: AgencyKind.ARBETSFORMEDLINGEN,
    Organisation.FORSAKRINGSKASSAN: AgencyKind.FORSAKRINGSKASSAN,
    Organisation.CARE: AgencyKind.PSYCHIATRY,
    Organisation.SOCIAL_SERVICES: AgencyKind.SOCIAL_SERVICES,
}
FOLLOW_UP_AFTER = relativedelta(months=6)


class NetworkError(ValueError):
    """A rule of the network room was broken; `field` names the form field that shows it."""

    def __init__(self, code: str, field: str):
        super().__init__(code)
        self.field = field


def consent_party(member: NetworkMember) -> tuple[PartyKind, str | None]:
    """The consent party for a network member: an agency, or an organisation named by its name."""
    if member.organisation in CONSENT_PARTY:
        return CONSENT_PARTY[member.organisation], None
    return PartyKind.OTHER, member.person.organisation


def require_organisation_consent(participant: Participant, member: NetworkMember, on: date) -> None:
    """Raise ConsentMissing unless the participant's consent lets us share with the member's organisation."""
    kind, party = consent_party(member)
    require_consent(participant, kind, party, on)


# --- Members --------------------------------------------------------------------------------
def add_member(participant: Participant, user, organisation: Organisation, *, agency_contact_id: int | None = None,
               new_person: dict | None = None, is_main: bool = False, now: datetime | None = None) -> NetworkMember:
    """Link a person from the team's directory (or one added to it now) to the participant's network."""
    now = now or utcnow()
    organisation = Organisation(organisation)
    if new_person and new_person.get("name"):
        person = AgencyContact(team_id=participant.team_id, kind=DIRECTORY_KIND.get(organisation, AgencyKind.OTHER),
                               organisation=new_person["organisation"], name=new_person["name"],
                               role=new_person.get("role"), phone=new_person.get("phone"), created_at=now)
        db.session.add(person)
        db.session.flush()
    else:
        person = db.session.get(AgencyContact, agency_contact_id or 0)
        if person is None or person.team_id != participant.team_id:
            raise NetworkError("person_not_in_directory", "agency_contact_id")
    if db.session.scalar(select(NetworkMember.id).where(
            NetworkMember.participant_id == participant.id, NetworkMember.agency_contact_id == person.id,
            NetworkMember.organisation == organisation, NetworkMember.ended_on.is_(None))):
        raise NetworkError("already_in_network", "agency_contact_id")
    member = NetworkMember(team_id=participant.team_id, participant_id=participant.id, organisation=organisation,
                           agency_contact_id=person.id, created_at=now, created_by_id=user.id)
    member.person = person
    db.session.add(member)
    db.session.flush()
    if is_main or not _current_members(participant.id, organisation, exclude=member.id):
        make_main(member, user, now=now)
    audit(user, participant, AuditAction.UPDATE, "network", now=now)
    return member


def make_main(member: NetworkMember, user, now: datetime | None = None) -> None:
    """The one main contact for the member's organisation; the participant's AF case officer follows
    the main contact at Arbetsförmedlingen."""
    for other in _current_members(member.participant_id, member.organisation):
        other.is_main = other.id == member.id
    if member.organisation == Organisation.ARBETSFORMEDLINGEN:
        member.participant.af_case_officer_id = member.agency_contact_id
    db.session.flush()


def end_member(member: NetworkMember, user, today: date) -> None:
    """The person no longer works with the participant; the contacts logged with them stay."""
    member.ended_on, was_main = today, member.is_main
    member.is_main = False
    if was_main:
        successor = next(iter(_current_members(member.participant_id, member.organisation, exclude=member.id)), None)
        if successor is not None:
            make_main(successor, user)
        elif member.organisation == Organisation.ARBETSFORMEDLINGEN:
            member.participant.af_case_officer_id = None
    audit(user, member.participant, AuditAction.UPDATE, "network", now=utcnow())
    db.session.flush()


def _current_members(participant_id: int, organisation: Organisation, exclude: int | None = None):
    return [m for m in db.session.scalars(select(NetworkMember).where(
        NetworkMember.participant_id == participant_id, NetworkMember.organisation == organisation,
        NetworkMember.ended_on.is_(None)).order_by(NetworkMember.id)) if m.id != exclude]


def _member_of(participant: Participant, member_id: int | None, field: str) -> NetworkMember:
    member = db.session.get(NetworkMember, member_id or 0)
    if member is None or member.participant_id != participant.id or not member.is_current:
        raise NetworkError("member_not_in_network", field)
    return member


# --- Contacts and next steps ------------------------------------------------------------------
@dataclass(frozen=True)
class PlannedStep:
    what: str
    due_on: date
    owner_id: int


def log_contact(participant: Participant, user, member_id: int, contacted_on: date, kind: ContactKind, agreed: str,
                next_step: PlannedStep | None = None, now: datetime | None = None) -> NetworkContact:
    """Log a meeting, call or message with a network member about the participant (consent first)."""
    now = now or utcnow()
    member = _member_of(participant, member_id, "member_id")
    if contacted_on > local_date(now):
        raise NetworkError("in_future", "contacted_on")
    require_organisation_consent(participant, member, contacted_on)
    contact = NetworkContact(team_id=participant.team_id, participant_id=participant.id, member_id=member.id,
                             author_id=user.id, contacted_on=contacted_on, kind=ContactKind(kind),
                             agreed=agreed.strip(), created_at=now)
    db.session.add(contact)
    db.session.flush()
    if next_step is not None:
        add_step(participant, next_step, contact_id=contact.id, now=now)
    audit(user, participant, AuditAction.CREATE, "network contact", now=now)
    return contact


def add_step(participant: Participant, step: PlannedStep, *, contact_id: int | None = None,
             sip_action: SipAction | None = None, now: datetime | None = None) -> NetworkStep:
    now = now or utcnow()
    if not step.what.strip():
        raise NetworkError("step_required", "next_what")
    if step.due_on < local_date(now):
        raise NetworkError("due_in_past", "next_due_on")
    owner = db.session.get(User, step.owner_id or 0)
    if owner is None or not owner.is_staff or not owner.active or owner.team_id != participant.team_id:
        raise NetworkError("owner_not_in_team", "next_owner_id")
    network_step = NetworkStep(team_id=participant.team_id, participant_id=participant.id, owner_id=owner.id,
                               what=step.what.strip()[:300], due_on=step.due_on, contact_id=contact_id,
                               created_at=now)
    if sip_action is not None:
        sip_action.step = network_step
    db.session.add(network_step)
    db.session.flush()
    return network_step


def complete_step(step: NetworkStep, today: date) -> None:
    if step.done_on is None:
        step.done_on = today
        action = db.session.get(SipAction, step.sip_action_id) if step.sip_action_id else None
        if action is not None and action.done_on is None:
            action.done_on = today
        db.session.flush()


# --- SIP ----------------------------------------------------------------------------------
def start_sip(participant: Participant, user, coordinator_id: int, goal: str, started_on: date, review_on: date,
              now: datetime | None = None) -> Sip:
    """A plan with its coordinator, who takes part as a party (consent for that organisation first)."""
    now = now or utcnow()
    coordinator = _member_of(participant, coordinator_id, "coordinator_id")
    if review_on <= started_on:
        raise NetworkError("review_before_start", "review_on")
    require_organisation_consent(participant, coordinator, started_on)
    sip = Sip(team_id=participant.team_id, participant_id=participant.id, coordinator=coordinator,
              goal=goal.strip(), started_on=started_on, review_on=review_on, created_at=now)
    db.session.add(sip)
    sip.parties.append(SipParty(organisation=coordinator.organisation, member=coordinator))
    db.session.flush()
    audit(user, participant, AuditAction.CREATE, "SIP", now=now)
    return sip


def add_party(sip: Sip, user, member_id: int, today: date) -> SipParty:
    """One contact person per organisation; consent for the organisation is required."""
    member = _member_of(sip.participant, member_id, "member_id")
    if any(p.organisation == member.organisation for p in sip.parties):
        raise NetworkError("organisation_taking_part", "member_id")
    require_organisation_consent(sip.participant, member, today)
    party = SipParty(organisation=member.organisation, member=member)
    sip.parties.append(party)
    db.session.flush()
    audit(user, sip.participant, AuditAction.UPDATE, "SIP", now=utcnow())
    return party


def record_meeting(sip: Sip, user, values: dict, attendee_ids, today: date) -> SipMeeting:
    if values["interpreter_needed"] and not values.get("interpreter_language"):
        raise NetworkError("interpreter_language", "interpreter_language")
    attendees = [p for p in sip.parties if p.id in set(attendee_ids)]
    if len(attendees) != len(set(attendee_ids)):
        raise NetworkError("not_a_party", "attendee_ids")
    meeting = SipMeeting(sip=sip, **values)
    if not meeting.interpreter_needed:
        meeting.interpreter_language = None
    meeting.attendees = attendees
    db.session.add(meeting)
    db.session.flush()
    audit(user, sip.participant, AuditAction.UPDATE, "SIP", now=utcnow())
    return meeting


def add_action(sip: Sip, user, what: str, organisation: Organisation | None, due_on: date,
               owner_id: int | None, now: datetime | None = None) -> SipAction:
    """An agreed action; one the team owns becomes a next step for `owner_id`."""
    now = now or utcnow()
    if organisation is not None and all(p.organisation != organisation for p in sip.parties):
        raise NetworkError("not_a_party", "organisation")
    action = SipAction(sip=sip, what=what.strip(), organisation=organisation, due_on=due_on)
    db.session.add(action)
    db.session.flush()
    if organisation is None:
        add_step(sip.participant, PlannedStep(what, due_on, owner_id), sip_action=action, now=now)
    audit(user, sip.participant, AuditAction.UPDATE, "SIP", now=now)
    return action


def complete_action(action: SipAction, today: date) -> None:
    action.done_on = action.done_on or today
    if action.step is not None:
        complete_step(action.step, today)
    db.session.flush()


def review_sip(sip: Sip, next_review_on: date | None, today: date) -> None:
    """The plan was reviewed: a new review date, or none and the plan closes."""
    if next_review_on is None:
        sip.closed_on = today
    elif next_review_on <= today:
        raise NetworkError("review_in_past", "review_on")
    else:
        sip.review_on = next_review_on
    db.session.flush()


# --- Support endings ------------------------------------------------------------------------
def record_ending(participant: Participant, user, ended_on: date, exit_outcome: FundsOutcome,
                  follow_up_declined: bool, today: date) -> SupportEnding:
    if ended_on > today:
        raise NetworkError("in_future", "ended_on")
    ending = SupportEnding(team_id=participant.team_id, participant_id=participant.id, ended_on=ended_on,
                           exit_outcome=FundsOutcome(exit_outcome), follow_up_declined=follow_up_declined,
                           follow_up_due_on=ended_on + FOLLOW_UP_AFTER, recorded_by_id=user.id)
    db.session.add(ending)
    db.session.flush()
    audit(user, participant, AuditAction.CREATE, "support ending", now=utcnow())
    return ending


def record_follow_up(ending: SupportEnding, user, outcome: FundsOutcome | None, declined: bool, on: date,
                     today: date) -> None:
    """The situation six months on; or the person declined follow-up and is not asked again."""
    if on > today:
        raise NetworkError("in_future", "followed_up_on")
    if on < ending.ended_on:
        raise NetworkError("before_ending", "followed_up_on")
    if declined:
        ending.follow_up_declined, ending.follow_up_outcome, ending.followed_up_on = True, None, None
    elif outcome is None:
        raise NetworkError("outcome_required", "outcome")
    else:
        ending.follow_up_outcome, ending.followed_up_on = FundsOutcome(outcome), on
    db.session.flush()
    audit(user, ending.participant, AuditAction.UPDATE, "six-month follow-up", now=utcnow())
