"""Reads for the partner portal and for specialists meeting listings in matching.

Portal reads are scoped to one organisation in the query itself, and what they load of a
participant is the name and contact details only.
"""
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..participants.consent import consent_state
from ..participants.models import Consent, Participant, PartyKind
from .models import Listing, ListingStatus, Referral, ReferralStatus

# The only participant columns a partner page may read.
_SHARED_PARTICIPANT = joinedload(Referral.participant).load_only(
    Participant.id, Participant.first_name, Participant.last_name, Participant.phone, Participant.email,
    Participant.team_id)


def organisation_listings(organisation_id: int) -> list[tuple[Listing, int]]:
    """The organisation's listings, open first, each with its number of referrals awaiting an answer."""
    pending = (select(Referral.listing_id, func.count().label("n")).where(Referral.status == ReferralStatus.PENDING)
               .group_by(Referral.listing_id).subquery())
    rows = db.session.execute(
        select(Listing, func.coalesce(pending.c.n, 0)).outerjoin(pending, pending.c.listing_id == Listing.id)
        .where(Listing.partner_organisation_id == organisation_id)
        .order_by(Listing.status != ListingStatus.OPEN, Listing.created_at.desc(), Listing.id.desc())
    )
    return [(listing, count) for listing, count in rows]


def listing_detail(listing_id: int) -> Listing | None:
    return db.session.scalar(select(Listing).where(Listing.id == listing_id)
                             .options(joinedload(Listing.partner_organisation)))


def inbox(organisation_id: int) -> list[Referral]:
    """Referrals to the organisation's listings: those waiting for an answer first."""
    return db.session.scalars(
        select(Referral).join(Listing, Listing.id == Referral.listing_id)
        .where(Listing.partner_organisation_id == organisation_id)
        .options(joinedload(Referral.listing), joinedload(Referral.placement), _SHARED_PARTICIPANT)
        .order_by(Referral.status != ReferralStatus.PENDING, Referral.referred_on.desc(), Referral.id.desc())
    ).all()


def referral_detail(referral_id: int) -> Referral | None:
    return db.session.scalar(
        select(Referral).where(Referral.id == referral_id)
        .options(joinedload(Referral.listing).joinedload(Listing.partner_organisation), _SHARED_PARTICIPANT,
                 joinedload(Referral.placement))
    )


def sharing_allowed(organisation_id: int, participant_ids: list[int], on: date) -> set[int]:
    """Of these participants, those whose consent lets us share with the organisation on `on`:
    after a withdrawal the partner no longer sees who was referred."""
    decisions = db.session.scalars(
        select(Consent).where(Consent.participant_id.in_(participant_ids), Consent.decided_on <= on,
                              Consent.party_kind == PartyKind.SOCIAL_ENTERPRISE,
                              Consent.partner_organisation_id == organisation_id)
        .order_by(Consent.decided_on.desc(), Consent.id.desc())
    )
    latest: dict[int, Consent] = {}
    for consent in decisions:
        latest.setdefault(consent.participant_id, consent)
    return {pid for pid, consent in latest.items() if consent_state(consent, on) is None}


# --- For specialists ------------------------------------------------------------------------
def listings_by_id(ids: list[int]) -> dict[int, Listing]:
    rows = db.session.scalars(select(Listing).where(Listing.id.in_(ids))
                              .options(joinedload(Listing.partner_organisation)))
    return {listing.id: listing for listing in rows}


def referrals_of(participant_id: int) -> dict[int, Referral]:
    """The participant's latest referral per listing, so matching can show where they stand."""
    rows = db.session.scalars(select(Referral).where(Referral.participant_id == participant_id)
                              .order_by(Referral.referred_on, Referral.id))
    return {referral.listing_id: referral for referral in rows}
