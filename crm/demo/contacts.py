"""Demo contact history: eight weeks of employer visits, next steps (some overdue) and the nudges they raise."""
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from ..auth.models import Role
from ..contacts.models import ContactForm, ContactPurpose, EmployerContact, NextStep
from ..core.clock import LOCAL_TZ, iso_week, local_date, utcnow
from ..employers.models import ACTIVE_STAGES, Employer, Stage
from ..extensions import db
from ..nudges import engine
from ..participants.models import Participant, ParticipantStatus

SUMMARIES = {
    ContactPurpose.LEARN_NEEDS: [
        "Gick runt i verksamheten med chefen. De har svårt att hinna med plock och påfyllning på förmiddagarna.",
        "Pratade om hur de rekryterar: mest via tips från personalen. Öppna för en kortare praktik först.",
        "Chefen berättade om sommarens toppar. Behöver extra händer i disken och med enklare förberedelser.",
        "Visade hur IPS fungerar. De vill veta mer om stödet vi ger på arbetsplatsen.",
    ],
    ContactPurpose.JOB_DEVELOPMENT: [
        "Presenterade en deltagares styrkor: noggrann, gillar rutiner. Chefen vill träffas för ett samtal.",
        "Diskuterade ett skräddarsytt jobb med sortering av returer, 20 timmar i veckan.",
        "Visade deltagarens profil. Möjligt med introduktion på dagtid från nästa månad.",
    ],
    ContactPurpose.FOLLOW_UP: [
        "Uppföljning på arbetsplatsen: det går bra, handledaren är nöjd med tempot.",
        "Stämde av schemat med handledaren. Önskemål om fler pass på fredagar.",
    ],
    ContactPurpose.SUBSIDY: ["Gick igenom hur lönebidrag fungerar och vad Arbetsförmedlingen behöver från dem."],
    ContactPurpose.OTHER: ["Träffades på företagarfrukosten och bytte kontaktuppgifter."],
}
OUTCOMES = ["Positiv, vill ses igen.", "Inget behov just nu men öppna framöver.", "Bokade ett nytt möte.", None, None]
NEXT_STEPS = [
    "Återbesök och ta med en deltagares profil", "Ring chefen om praktikplats", "Skicka information om IPS",
    "Boka möte med platschefen", "Följ upp introduktionen på plats", "Stäm av lönebidrag med Arbetsförmedlingen",
    "Besök på förmiddagen när det är lugnare",
]
PURPOSES = [ContactPurpose.LEARN_NEEDS] * 10 + [ContactPurpose.JOB_DEVELOPMENT] * 5 + \
    [ContactPurpose.FOLLOW_UP] * 3 + [ContactPurpose.SUBSIDY, ContactPurpose.OTHER]


def load_contact_history(team, users, rng: random.Random, weeks: int = 8) -> None:
    now = utcnow()
    employers = db.session.scalars(select(Employer).where(Employer.team_id == team.id).order_by(Employer.id)).all()
    for employer in employers:  # registered well before the history starts
        employer.created_at = now - timedelta(days=150)
    active = [e for e in employers if e.stage in ACTIVE_STAGES]
    cold = set(rng.sample(active, 3))  # visited long ago only: they show as gone cold
    no_step = set(rng.sample([e for e in active if e not in cold], 3))  # flagged in the list
    visited = [e for e in employers if e.stage in (*ACTIVE_STAGES, Stage.CONTACTED) and e not in cold]
    specialists = [u for u in users.values() if u.role == Role.JOB_SPECIALIST]
    caseloads = {s.id: db.session.scalars(select(Participant).where(
        Participant.specialist_id == s.id, Participant.status == ParticipantStatus.ACTIVE)).all() for s in specialists}

    contacts: list[EmployerContact] = []
    this_monday, _ = iso_week(local_date(now))
    for specialist in specialists:
        theirs = [e for e in visited if e.responsible_specialist_id == specialist.id] or visited
        for week_back in range(weeks, -1, -1):
            monday = this_monday - relativedelta(weeks=week_back)
            visits = rng.randint(4, 7) if week_back else rng.randint(1, 3)
            for n in range(visits + rng.randint(0, 2)):
                when = _during(monday, rng)
                if when > now:  # this week: earlier today or on a day already gone
                    when = max(datetime.combine(monday, time(8), LOCAL_TZ),
                               now - timedelta(minutes=rng.randint(20, 600)))
                form = ContactForm.FACE_TO_FACE if n < visits else rng.choice([ContactForm.PHONE, ContactForm.EMAIL])
                contacts.append(_contact(rng.choice(theirs), specialist, when, form, rng, caseloads[specialist.id]))
        for employer in (e for e in cold if e.responsible_specialist_id == specialist.id):
            contacts.append(_contact(employer, specialist, now - timedelta(days=rng.randint(70, 95)),
                                     ContactForm.FACE_TO_FACE, rng, []))
    db.session.add_all(contacts)
    db.session.flush()
    _next_steps(contacts, no_step, rng, now)
    engine.evaluate_all(now)


def _during(monday, rng: random.Random) -> datetime:
    day = monday + timedelta(days=rng.randint(0, 4))
    return datetime.combine(day, time(rng.randint(8, 15), rng.choice([0, 15, 30, 45])), LOCAL_TZ)


def _contact(employer, author, when, form, rng: random.Random, caseload) -> EmployerContact:
    purpose = rng.choice(PURPOSES)
    contact = EmployerContact(
        team_id=employer.team_id, employer_id=employer.id, author_id=author.id, contacted_at=when, form=form,
        purpose=purpose, summary=rng.choice(SUMMARIES[purpose]), outcome=rng.choice(OUTCOMES),
        contact_person_id=rng.choice(employer.contact_persons).id if employer.contact_persons else None,
        created_at=when, updated_at=when)
    if purpose in (ContactPurpose.JOB_DEVELOPMENT, ContactPurpose.FOLLOW_UP) and caseload:
        contact.participants = [rng.choice(caseload)]
    return contact


def _next_steps(contacts, no_step, rng: random.Random, now) -> None:
    """Each contact planned a next step; the following contact did it. The latest one is still open."""
    today = local_date(now)
    by_employer: dict[int, list[EmployerContact]] = {}
    for contact in sorted(contacts, key=lambda c: c.contacted_at):
        by_employer.setdefault(contact.employer_id, []).append(contact)
    for employer_contacts in by_employer.values():
        for contact, following in zip(employer_contacts, [*employer_contacts[1:], None], strict=True):
            if following is None and contact.employer in no_step:
                continue  # an active relationship left without a next step, for the list's flag
            step = NextStep(team_id=contact.team_id, employer_id=contact.employer_id, contact=contact,
                            owner_id=contact.author_id, what=rng.choice(NEXT_STEPS), created_at=contact.contacted_at,
                            created_by_id=contact.author_id,
                            due_on=local_date(contact.contacted_at) + timedelta(days=rng.randint(5, 14)))
            if following is not None:
                step.done_on, step.done_by_id = local_date(following.contacted_at), following.author_id
            else:
                step.due_on = max(today - timedelta(days=10), today + timedelta(days=rng.randint(-6, 21)))
            db.session.add(step)
    db.session.flush()
