"""Demo agency contacts and wage-subsidy negotiations for the demo team's job starts.

Everything goes through the subsidy services, so the demo obeys the same consent and disclosure
rules as the app: a participant with no disclosure toward the employer gets no negotiation.
"""
import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from ..auth.models import Role
from ..core.clock import today
from ..extensions import db
from ..participants import services as participants
from ..participants.disclosure import effective_disclosure
from ..participants.models import DisclosureLevel, Participant, ParticipantStatus, PartyKind
from ..placements.models import Placement
from ..subsidies import services
from ..subsidies.models import NegotiationStatus as S
from ..subsidies.models import SupportType

CONTACTS = [
    # kind, organisation, name, role, phone
    ("arbetsformedlingen", "Arbetsförmedlingen Nyköping", "Helena Strand", "Arbetsförmedlare", "010-486 10 01"),
    ("arbetsformedlingen", "Arbetsförmedlingen Nyköping", "Mikael Öberg", "Arbetsförmedlare", "010-486 10 02"),
    ("arbetsformedlingen", "Arbetsförmedlingen Katrineholm", "Yasmin Karimi", "Arbetsförmedlare", "010-486 20 07"),
    ("forsakringskassan", "Försäkringskassan Nyköping", "Karl Ek", "Handläggare", "010-116 90 00"),
    ("psychiatry", "Psykiatrisk öppenvård Nyköping", "Eva Lund", "Kontaktperson", "0155-24 50 00"),
    ("social_services", "Socialtjänsten Nyköpings kommun", "Nora Sjöberg", "Socialsekreterare", "0155-24 80 00"),
]
# How far each demo job start's negotiation has come, in turn.
TARGETS = [S.ACTIVE, S.REVIEW_DUE, S.DECIDED, S.ACTIVE, S.ENDED, S.TERMS_PROPOSED]
PATH = [S.RAISED_WITH_AF, S.AF_ASSESSING, S.TERMS_PROPOSED, S.AGREED, S.DECIDED, S.ACTIVE, S.REVIEW_DUE]


def load_subsidies(team, users: dict, rng: random.Random) -> None:
    """Agency contacts, each AF-consenting participant's case officer, and negotiations for the job starts."""
    lead = next(u for u in users.values() if u.role == Role.TEAM_LEAD)
    contacts = [services.save_agency_contact(team.id, None, {
        "kind": kind, "organisation": organisation, "name": name, "role": role, "phone": phone,
        "email": name.lower().replace(" ", ".").translate(str.maketrans("åäöé", "aaoe")) + "@example.se"})
        for kind, organisation, name, role, phone in CONTACTS]
    officers = [c for c in contacts if c.kind == "arbetsformedlingen"]
    people = db.session.scalars(select(Participant).where(Participant.team_id == team.id,
                                                         Participant.status != ParticipantStatus.WAITING_LIST)).all()
    for person in people:
        if any(c.party_kind == PartyKind.ARBETSFORMEDLINGEN for c in person.consents):
            services.set_af_case_officer(person, lead, rng.choice(officers).id)
    now = today()
    placements = db.session.scalars(select(Placement).where(Placement.team_id == team.id,
                                                            Placement.employer_id.is_not(None))
                                    .order_by(Placement.id)).all()
    types = {t.code: t for t in db.session.scalars(select(SupportType))}
    for index, placement in enumerate(placements):
        _negotiate(placement, TARGETS[index % len(TARGETS)], types, now, rng)
    _open_negotiations(people, {p.participant_id for p in placements}, types, now)


def _open_negotiations(people, employed: set[int], types: dict, now) -> None:
    """Two negotiations under way for job seekers: one raised with AF three weeks ago and quiet since
    (the 14-day nudge), one fresh draft."""
    candidates = []
    for person in people:
        if person.status != ParticipantStatus.ACTIVE or person.id in employed:
            continue
        for consent in person.consents:
            if consent.party_kind == PartyKind.EMPLOYER and not services.sharing_problems(
                    person, consent.employer, now - timedelta(days=21)):
                candidates.append((person, consent.employer))
                break
    for (person, employer), (days_ago, steps) in zip(candidates, [(21, [S.RAISED_WITH_AF]), (3, [])], strict=False):
        on = now - timedelta(days=days_ago)
        negotiation = services.create_negotiation(person, employer, person.specialist, {
            "support_type_id": types["introduktionsjobb"].id, "af_officer_id": person.af_case_officer_id,
            "requested_share_percent": 80, "notes": "Arbetsgivaren kan tänka sig ett introduktionsjobb."}, on)
        for status in steps:
            services.advance(negotiation, status, person.specialist, on,
                             shared_information="Till AF: önskemål om arbete och att stöd behövs i början.")


def _negotiate(placement, target: S, types: dict, now, rng: random.Random) -> None:
    person, employer, specialist = placement.participant, placement.employer, placement.participant.specialist
    first = min(now, max(person.entered_on + timedelta(days=11), placement.started_on - timedelta(days=45)))
    if effective_disclosure(person, employer.id, first) in (None, DisclosureLevel.NONE):
        return  # the participant's choice: no subsidy toward this employer
    participants.record_consent(person, specialist, {
        "party_kind": "employer", "employer_id": employer.id, "decision": "given", "form": "written",
        "decided_on": first, "scope": "exchange", "scope_note": "Lönebidrag: arbetsförmåga och anpassningar"}, now)
    support_type = types[rng.choice(["lonebidrag_utveckling", "lonebidrag_anstallning", "nystartsjobb",
                                     "introduktionsjobb"])]
    negotiation = services.create_negotiation(person, employer, specialist, {
        "support_type_id": support_type.id, "af_officer_id": person.af_case_officer_id,
        "requested_share_percent": rng.choice([50, 60, 80]), "wage_basis": placement.monthly_wage,
        "notes": "Chefen vill gärna anställa med stöd i början."}, first, placement=placement)
    start, end = placement.started_on, placement.started_on + relativedelta(years=1, days=-1)
    terms = {
        S.RAISED_WITH_AF: {"shared_information": "Till AF: yrkesprofil, önskemål om arbete och att stöd behövs "
                                                 "i början. Till arbetsgivaren: att stöd finns via programmet."},
        S.TERMS_PROPOSED: {"agreed_share_percent": negotiation.requested_share_percent - 10},
        S.DECIDED: {"decided_on": None, "period_start_on": start, "period_end_on": end,
                    "next_review_on": start + relativedelta(months=6)},
    }
    steps = PATH[:PATH.index(target) + 1] if target in PATH else [*PATH[:PATH.index(S.ACTIVE) + 1], target]
    gap = max(0, (min(start, now) - first).days) // len(steps)
    on = first
    for status in steps:
        on = min(now, on + timedelta(days=gap))
        if status == S.REVIEW_DUE:
            on = max(on, min(now, start + relativedelta(months=5)))
        if status == S.ENDED:
            on = max(on, placement.ended_on or now)
        step_terms = dict(terms.get(status, {}))
        if "decided_on" in step_terms:
            step_terms["decided_on"] = on
        services.advance(negotiation, status, specialist, on, notes=None, **step_terms)
