"""Demo job analyses, openings, proposals and job starts for the demo team."""
import random
from datetime import timedelta

from sqlalchemy import select

from ..auth.models import Role
from ..core.clock import today
from ..employers.models import ACTIVE_STAGES, Employer
from ..extensions import db
from ..matching.models import Proposal, ProposalKind, ProposalStatus
from ..openings import services as openings
from ..participants.models import Participant, ParticipantStatus
from ..placements import services as placements
from ..placements.models import EmploymentForm, EndReason

# SNI division -> (job title, SSYK code, tasks, conditions) that such an employer typically needs.
NEEDS = {
    "47": ("Butiksmedarbetare", "5222", "Påfyllning av varor, prismärkning och kassa vid behov",
           {"setting": "indoor", "soundscape": "mixed", "people_contact": "medium", "physical_demands": "medium"}),
    "56": ("Köksbiträde", "9412", "Disk, enklare förberedelser och påfyllning i salen",
           {"setting": "indoor", "soundscape": "lively", "people_contact": "medium", "physical_demands": "medium"}),
    "10": ("Bageribiträde", "9413", "Packning av bröd och rengöring av bageriet",
           {"setting": "indoor", "soundscape": "quiet", "people_contact": "low", "physical_demands": "medium"}),
    "52": ("Lagermedarbetare", "4322", "Plock och pack av order, sortering av returer",
           {"setting": "indoor", "soundscape": "mixed", "people_contact": "low", "physical_demands": "high"}),
    "81": ("Lokalvårdare", "9111", "Städning av kontor och trapphus, dagtid",
           {"setting": "indoor", "soundscape": "quiet", "people_contact": "low", "physical_demands": "medium"}),
    "55": ("Hotellstädare", "9111", "Städning av hotellrum och påfyllning av förbrukningsvaror",
           {"setting": "indoor", "soundscape": "quiet", "people_contact": "low", "physical_demands": "medium"}),
    "84": ("Parkarbetare", "6113", "Skötsel av parker och grönytor, lövkrattning och plantering",
           {"setting": "outdoor", "soundscape": "quiet", "people_contact": "low", "physical_demands": "high"}),
    "87": ("Vårdbiträde", "5321", "Stöd i vardagen på äldreboende: måltider, promenader och sällskap",
           {"setting": "indoor", "soundscape": "mixed", "people_contact": "high", "physical_demands": "medium"}),
    "91": ("Biblioteksassistent", "9629", "Återställning av böcker, enklare kundservice",
           {"setting": "indoor", "soundscape": "quiet", "people_contact": "medium", "physical_demands": "low"}),
    "93": ("Anläggningsvärd", "9629", "Tillsyn av lokaler, städning av omklädningsrum och enklare reception",
           {"setting": "indoor", "soundscape": "lively", "people_contact": "high", "physical_demands": "low"}),
}


def load_openings(team, users: dict, rng: random.Random) -> None:
    """Analyses and openings at the employers the team knows best, a few proposals and job starts."""
    staff = [u for u in users.values() if u.role == Role.JOB_SPECIALIST]
    employers = db.session.scalars(
        select(Employer).where(Employer.team_id == team.id, Employer.stage.in_([*ACTIVE_STAGES, "contacted"]))
        .order_by(Employer.id)
    ).all()
    now = today()
    created = []
    for employer in employers:
        need = NEEDS.get((employer.sni_code or "")[:2])
        if need is None:
            continue
        title, occupation, tasks, conditions = need
        author = employer.responsible_specialist or rng.choice(staff)
        hours_min = rng.choice([10, 15, 20, 25])
        values = {**conditions, "analysed_on": now - timedelta(days=rng.randint(5, 120)),
                  "business_needs": f"{tasks}. Det är där det kör ihop sig i dag.", "tasks": tasks,
                  "hours_min": hours_min, "hours_max": hours_min + rng.choice([5, 10, 15]),
                  "weekdays": True, "evenings": employer.sni_code.startswith(("56", "55")),
                  "weekends": rng.random() < .2,
                  "municipality": employer.municipality, "monthly_wage": rng.choice([22500, 24000, 25500, 27000]),
                  "subsidy_openness": rng.choice(["yes", "maybe", "unknown"]),
                  "hiring_process": "hr" if employer.sector.value == "public" else "deciding_manager",
                  "supervisor": "Arbetsledaren på plats"}
        analysis = openings.record_analysis(employer, author, values)
        if employer.stage in ACTIVE_STAGES or rng.random() < .3:
            created.append(openings.create_opening(employer, author, {
                **openings.prefill_from_analysis(analysis), "title": title, "occupation_code": occupation,
                "competitive": True, "requires_disclosure": rng.random() < .15, "status": "open",
                "earliest_start_on": now + timedelta(days=rng.randint(7, 45)),
            }, analysis=analysis))
    _load_outcomes(team, created, rng, now)


def _load_outcomes(team, created, rng: random.Random, now) -> None:
    """Job starts for a few active participants (one of them ended), and pending proposals."""
    participants = db.session.scalars(
        select(Participant).where(Participant.team_id == team.id, Participant.status == ParticipantStatus.ACTIVE)
        .order_by(Participant.id)
    ).all()
    for index, opening in enumerate(created[:6]):
        participant = participants[index]
        specialist = participant.specialist
        started_on = now - timedelta(days=rng.randint(20, 200))
        proposal = Proposal(team_id=team.id, participant_id=participant.id, opening_id=opening.id,
                            kind=ProposalKind.PROPOSED, proposed_on=started_on - timedelta(days=14),
                            created_by_id=specialist.id)
        db.session.add(proposal)
        db.session.flush()
        placement = placements.start_placement(participant, opening.employer, specialist, {
            "title": opening.title, "occupation_code": opening.occupation_code, "started_on": started_on,
            "hours_per_week": float(opening.hours_max or 20), "monthly_wage": opening.monthly_wage,
            "employment_form": rng.choice(list(EmploymentForm)), "competitive": True,
        }, opening=opening, proposal=proposal)
        if index == 5:
            placements.end_placement(placement, specialist, min(now, started_on + timedelta(days=60)),
                                     EndReason.CONTRACT_ENDED, "Visstiden tog slut; vill vidare inom handel.",
                                     restart_search=False, today=now)
    for opening, participant in zip(created[6:9], participants[6:9], strict=False):
        db.session.add(Proposal(team_id=team.id, participant_id=participant.id, opening_id=opening.id,
                                kind=ProposalKind.PROPOSED, status=ProposalStatus.PENDING,
                                proposed_on=now - timedelta(days=rng.randint(1, 10)),
                                created_by_id=participant.specialist_id))
    db.session.flush()
