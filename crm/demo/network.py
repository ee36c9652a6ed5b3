"""Demo network: each case officer in the participant's network with contacts over the last eight weeks,
a SIP where the participant agreed to it, and support endings in the funds' categories (one due for
its six-month follow-up)."""
import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from ..core.clock import today
from ..extensions import db
from ..network import services
from ..network.models import FundsOutcome, Organisation
from ..network.queries import members_of
from ..participants.consent import ConsentMissing
from ..participants.models import Participant, ParticipantStatus
from ..subsidies.models import AgencyContact, AgencyKind

AGREED = ["Handläggaren bokar ett trepartsmöte med arbetsgivaren.", "Vi stämde av jobbsökandet och nästa möte.",
          "AF utreder lönebidrag; vi skickar yrkesprofilen.", "Deltagaren vill pröva lager; handläggaren håller med."]


def load_network(team, users, rng: random.Random) -> None:
    on = today()
    people = db.session.scalars(select(Participant).where(Participant.team_id == team.id)
                                .order_by(Participant.id)).all()
    directory = {c.kind: c for c in db.session.scalars(select(AgencyContact).where(AgencyContact.team_id == team.id)
                                                       .order_by(AgencyContact.id))}
    for person in people:
        specialist = person.specialist or next(iter(users.values()))
        if person.af_case_officer_id and person.status == ParticipantStatus.ACTIVE:
            member = services.add_member(person, specialist, Organisation.ARBETSFORMEDLINGEN,
                                         agency_contact_id=person.af_case_officer_id)
            member.created_at = member.created_at - timedelta(weeks=9)
            for week in range(8, 0, -1):
                if rng.random() < 0.7:
                    day = on - timedelta(weeks=week, days=rng.randint(0, 4))
                    kind = "meeting" if week % 4 == 0 else rng.choice(["phone", "message"])
                    try:
                        services.log_contact(person, specialist, member.id, day, kind, rng.choice(AGREED))
                    except ConsentMissing:
                        break
    _demo_sip(people, users, directory, on)
    _demo_endings(people, users, on)


def _demo_sip(people, users, directory, on) -> None:
    """One SIP led by psychiatry, with AF taking part, for the first active person with a case officer."""
    for person in people:
        if person.af_case_officer_id and person.status == ParticipantStatus.ACTIVE:
            specialist = person.specialist or next(iter(users.values()))
            coordinator = services.add_member(person, specialist, Organisation.CARE,
                                              agency_contact_id=directory[AgencyKind.PSYCHIATRY].id)
            af = next(m for m in members_of(person.id) if m.organisation == Organisation.ARBETSFORMEDLINGEN)
            try:
                sip = services.start_sip(person, specialist, coordinator.id, "Ett arbete på deltid inom handeln",
                                         on - timedelta(days=20), on + timedelta(days=10))
                services.add_party(sip, specialist, af.id, on)
            except ConsentMissing:
                continue
            services.record_meeting(sip, specialist, {
                "held_on": on - timedelta(days=20), "place": "Socialkontoret", "participant_present": True,
                "team_present": True, "interpreter_needed": person.needs_interpreter,
                "interpreter_language": person.preferred_language if person.needs_interpreter else None,
                "notes": None}, [p.id for p in sip.parties], on)
            services.add_action(sip, specialist, "Följa med på intervju", None, on + timedelta(days=5), specialist.id)
            services.add_action(sip, specialist, "Se över medicineringen inför arbetsstarten", Organisation.CARE,
                                on + timedelta(days=14), None)
            return


def _demo_endings(people, users, on) -> None:
    closed = [p for p in people if p.status == ParticipantStatus.CLOSED]
    plan = [(relativedelta(months=7), FundsOutcome.WORK, False), (relativedelta(months=2), FundsOutcome.STUDIES, False),
            (relativedelta(months=1), FundsOutcome.UNKNOWN, True)]
    for person, (ago, outcome, declined) in zip(closed, plan, strict=False):
        specialist = person.specialist or next(iter(users.values()))
        services.record_ending(person, specialist, max(person.entered_on, on - ago), outcome, declined, on)
