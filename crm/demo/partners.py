"""Demo listings of the demo social enterprise, with referrals: pending, accepted, and started."""
import random
from datetime import timedelta

from sqlalchemy import select

from ..auth.models import Role
from ..core.clock import today
from ..extensions import db
from ..participants import services as participants
from ..participants.models import ConsentForm, ConsentScope, Participant, ParticipantStatus, PartyKind
from ..partners import services as partners

LISTINGS = [
    {"title": "Butiksmedarbetare i returbutiken", "kind": "work_placement",
     "tasks": "Sortera och prismärka skänkta varor, fylla på i butiken, enklare kassa med stöd",
     "hours_min": 10, "hours_max": 25, "schedule": "Mån–fre 9–14, start i lugn takt", "places": 3,
     "supervisor": "Kerstin Holm"},
    {"title": "Cykelverkstad", "kind": "work_placement",
     "tasks": "Laga och ställa i ordning skänkta cyklar, byta slang och justera bromsar",
     "hours_min": 8, "hours_max": 20, "schedule": "Tis–tor 8–13", "places": 2, "supervisor": "Ali Yusuf"},
    {"title": "Kafébiträde", "kind": "paid_employment",
     "tasks": "Servering, disk och bakning i kaféet i butiken; kollektivavtal (HRF)",
     "hours_min": 20, "hours_max": 30, "schedule": "Dagtid, varannan lördag", "weekends": True, "places": 1,
     "supervisor": "Kerstin Holm"},
]
# A pending referral, one accepted last week, and one that led to a job at the café a month ago.
REFERRALS = [  # message, the enterprise's answer, referred days ago, started days ago
    ("Jag har jobbat i butik förut och vill komma igång med några timmar i veckan. Förmiddagar passar bäst.",
     None, 5, None),
    ("Jag tycker om att skruva och laga saker. Jag vill gärna prova verkstaden.",
     "Välkommen på måndag kl 9!", 9, None),
    ("Jag har bakat mycket hemma och vill jobba i ett kafé, gärna dagtid.",
     "Välkommen på provdag, sedan kan du börja direkt.", 45, 30),
]


def load_partner_listings(team, users: dict, rng: random.Random) -> None:
    partner_user = next(u for u in users.values() if u.role == Role.PARTNER)
    organisation = partner_user.partner_organisation
    now = today()
    listings = [partners.create_listing(organisation, partner_user, {
        **values, "municipality": "Nyköping", "location": "Gumsbacken 12, Nyköping",
        "period_start_on": now - timedelta(days=rng.randint(50, 90)),
    }) for values in LISTINGS]
    people = db.session.scalars(
        select(Participant).where(Participant.team_id == team.id, Participant.status == ParticipantStatus.ACTIVE)
        .order_by(Participant.id).limit(len(REFERRALS))
    ).all()
    for person, listing, (message, answer, referred, started) in zip(people, listings, REFERRALS, strict=False):
        specialist = person.specialist
        referred_on = now - timedelta(days=referred)
        participants.record_consent(person, specialist, {
            "party_kind": PartyKind.SOCIAL_ENTERPRISE, "partner_organisation_id": organisation.id,
            "decision": "given", "form": ConsentForm.WRITTEN, "scope": ConsentScope.EXCHANGE,
            "decided_on": referred_on - timedelta(days=rng.randint(1, 7))}, now)
        referral = partners.refer(person, listing, specialist, message, referred_on)
        if answer:
            partners.answer_referral(referral, partner_user, True, answer, referred_on + timedelta(days=2))
        if started:
            partners.record_start(referral, partner_user, {
                "started_on": now - timedelta(days=started), "hours_per_week": listing.hours_min,
                "employment_form": "hourly", "monthly_wage": 14_500}, now)
