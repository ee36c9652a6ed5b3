"""Partner organisations, their listings, and referrals from specialists with the partner's answer."""
from datetime import date, datetime

from flask_babel import gettext as _

from ..core.audit import AuditAction, audit
from ..core.clock import utcnow
from ..core.history import diff, record_change, snapshot
from ..core.locking import apply_edit, assign
from ..extensions import db
from ..participants.consent import require_consent
from ..participants.disclosure import DisclosureRefusal, check_naming
from ..participants.models import Participant, ParticipantStatus, PartyKind
from ..placements import services as placements
from ..placements.models import EmploymentForm, EndReason
from ..sessions.services import end_all as end_sessions
from .models import Listing, ListingKind, ListingStatus, PartnerOrganisation, Referral, ReferralStatus

LISTING_FIELDS = ("title", "kind", "tasks", "hours_min", "hours_max", "weekdays", "evenings", "weekends", "schedule",
                  "location", "municipality", "supervisor", "places", "period_start_on", "period_end_on")
ORGANISATION_FIELDS = ("name", "municipality")


class ReferralRefused(ValueError):
    """A rule about referrals was broken; the message is for the user."""


# --- Organisations (administered by admins) -----------------------------------------------
def update_organisation(organisation: PartnerOrganisation, user, values: dict) -> None:
    before = snapshot(organisation, ORGANISATION_FIELDS)
    for name in ORGANISATION_FIELDS:
        setattr(organisation, name, (values.get(name) or "").strip() or None)
    changes = diff(before, snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        record_change(organisation, "updated", user, changes)
    db.session.flush()


def set_organisation_active(organisation: PartnerOrganisation, user, active: bool) -> None:
    """A deactivated organisation's users lose the portal at once and its listings leave matching."""
    organisation.active = active
    if not active:
        for member in organisation.users:
            end_sessions(member)
    record_change(organisation, "restored" if active else "archived", user)
    db.session.flush()


# --- Listings -------------------------------------------------------------------------------
def create_listing(organisation: PartnerOrganisation, user, values: dict, now: datetime | None = None) -> Listing:
    now = now or utcnow()
    listing = Listing(partner_organisation_id=organisation.id, created_by_id=user.id, created_at=now, updated_at=now)
    assign(listing, LISTING_FIELDS, values)
    db.session.add(listing)
    db.session.flush()
    record_change(listing, "created", user, now=now)
    return listing


def update_listing(listing: Listing, user, values: dict, seen_version: int | None,
                   now: datetime | None = None) -> None:
    apply_edit(listing, LISTING_FIELDS, values, user, seen_version, now)
    db.session.flush()


def set_listing_status(listing: Listing, user, status: ListingStatus, now: datetime | None = None) -> None:
    """Closed when filled; a closed listing leaves matching but keeps its referrals."""
    if listing.status != status:
        listing.updated_at = now or utcnow()
        record_change(listing, "updated", user, {"status": [listing.status.value, status.value]},
                      now=listing.updated_at)
        listing.status = status
    db.session.flush()


# --- Referrals ------------------------------------------------------------------------------
def refer(participant: Participant, listing: Listing, user, message: str | None, today: date) -> Referral:
    """Refer a participant to a listing. Their name and contact details go to the social enterprise,
    so a valid consent for that organisation is required (`ConsentMissing` otherwise)."""
    if not listing.is_open or not listing.partner_organisation.active:
        raise ReferralRefused(_("This listing is closed."))
    if participant.status == ParticipantStatus.CLOSED:
        raise ReferralRefused(_("%(person)s has left the programme.", person=participant.name))
    already = db.session.scalar(
        db.select(Referral.id).where(Referral.participant_id == participant.id, Referral.listing_id == listing.id,
                                     Referral.status.in_((ReferralStatus.PENDING, ReferralStatus.ACCEPTED)))
    )
    if already:
        raise ReferralRefused(_("%(person)s is already referred to this listing.", person=participant.name))
    require_consent(participant, PartyKind.SOCIAL_ENTERPRISE, listing.partner_organisation_id, today)
    try:
        check_naming(participant, None, "referral", today)  # the partner sees the person's name
    except DisclosureRefusal as refusal:
        raise ReferralRefused(str(refusal)) from refusal
    referral = Referral(listing=listing, participant_id=participant.id, team_id=participant.team_id,
                        referred_by_id=user.id, referred_on=today, message_to_partner=message or None)
    db.session.add(referral)
    db.session.flush()
    audit(user, participant, AuditAction.UPDATE, "referred to a social enterprise")
    return referral


def withdraw_referral(referral: Referral, user, today: date) -> None:
    if referral.status not in (ReferralStatus.PENDING, ReferralStatus.ACCEPTED) or referral.placement_id:
        raise ReferralRefused(_("This referral can no longer be withdrawn."))
    referral.status = ReferralStatus.WITHDRAWN
    referral.answered_on = today
    db.session.flush()
    audit(user, referral.participant, AuditAction.UPDATE, "referral withdrawn")


def answer_referral(referral: Referral, user, accepted: bool, message: str, today: date) -> None:
    if referral.status != ReferralStatus.PENDING:
        raise ReferralRefused(_("This referral is already answered or withdrawn."))
    referral.status = ReferralStatus.ACCEPTED if accepted else ReferralStatus.DECLINED
    referral.partner_message, referral.answered_on, referral.answered_by_id = message, today, user.id
    db.session.flush()
    audit(user, referral.participant, AuditAction.UPDATE, f"referral {referral.status.value} by the partner")


def record_start(referral: Referral, user, values: dict, today: date):
    """The participant started: a placement at the social enterprise, competitive only for paid
    employment on ordinary terms."""
    if referral.status != ReferralStatus.ACCEPTED or referral.placement_id:
        raise ReferralRefused(_("A start can be recorded once, for an accepted referral."))
    if values["started_on"] > today:
        raise ReferralRefused(_("Record the start when it has happened."))
    listing = referral.listing
    paid = listing.kind == ListingKind.PAID_EMPLOYMENT
    placement = placements.start_placement(referral.participant, None, user, {
        "title": listing.title, "occupation_code": None, "started_on": values["started_on"],
        "hours_per_week": values["hours_per_week"], "monthly_wage": values.get("monthly_wage") if paid else None,
        "employment_form": EmploymentForm(values["employment_form"]) if paid else EmploymentForm.WORK_PLACEMENT,
        "competitive": paid,
    }, listing=listing)
    referral.placement = placement
    db.session.flush()
    return placement


def record_end(referral: Referral, user, ended_on: date, reason: EndReason, today: date) -> None:
    """The partner records the last day; the specialist follows up and restarts the search."""
    if referral.placement is None:
        raise ReferralRefused(_("Record the start first."))
    try:
        placements.end_placement(referral.placement, user, ended_on, reason, None, restart_search=False, today=today)
    except placements.PlacementError as error:
        raise ReferralRefused(str(error)) from error
