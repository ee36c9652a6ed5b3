"""Demo listings of the demo social enterprise, with a pending and an accepted referral."""
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
MESSAGES = [
    "Jag har jobbat i butik förut och vill komma igång med några timmar i veckan. Förmiddagar passar bäst.",
    "Jag tycker om att skruva och laga saker. Jag vill gärna prova verkstaden.",
]


def load_partner_listings(team, users: dict, rng: random.Random) -> None:
    partner_user = next(u for u in users.values() if u.role == Role.PARTNER)
    organisation = partner_user.partner_organisation
    now = today()
    listings = [partners.create_listing(organisation, partner_user, {
        **values, "municipality": "Nyköping", "location": "Gumsbacken 12, Nyköping",
        "period_start_on": now - timedelta(days=rng.randint(10, 60)),
    }) for values in LISTINGS]
    people = db.session.scalars(
        select(Participant).where(Participant.team_id == team.id, Participant.status == ParticipantStatus.ACTIVE)
        .order_by(Participant.id).limit(2)
    ).all()
    for person, listing, message, answer in zip(people, listings, MESSAGES, (None, "Välkommen på måndag kl 9!"),
                                                strict=False):
        specialist = person.specialist
        participants.record_consent(person, specialist, {
            "party_kind": PartyKind.SOCIAL_ENTERPRISE, "partner_organisation_id": organisation.id,
            "decision": "given", "form": ConsentForm.WRITTEN, "scope": ConsentScope.EXCHANGE,
            "decided_on": now - timedelta(days=14)}, now)
        referral = partners.refer(person, listing, specialist, message, now - timedelta(days=rng.randint(3, 10)))
        if answer:
            partners.answer_referral(referral, partner_user, True, answer, now - timedelta(days=2))
