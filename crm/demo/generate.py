"""`flask demo generate --scale large`: a region-sized dataset, the same for the same seed.

It writes with bulk INSERTs of plain rows (explicit ids, so rows can refer to each other without a
round trip), which is what makes 200,000 contacts take seconds rather than hours. It needs an empty
database: generate into a fresh one (CRM_DATABASE_URL) and benchmark against it.
"""
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, insert, select

from ..auth.models import Role, Team, User
from ..auth.services import hash_password
from ..contacts.models import EmployerContact, NextStep, employer_contact_participants
from ..core.clock import utcnow
from ..core.database import advance_sequences
from ..employers.models import ContactPerson, Employer
from ..extensions import db
from ..followup.models import FollowUpContact, FollowUpPlan
from ..matching.models import Proposal
from ..meetings.models import Meeting, MeetingAction, MeetingSeries
from ..openings.models import JobAnalysis, Opening
from ..participants.models import (
    Consent,
    DisclosureChoice,
    JobPreferenceCode,
    JobPreferences,
    Participant,
    ParticipantStatusChange,
)
from ..placements.models import Placement
from ..subsidies.models import Negotiation, NegotiationStep, SupportType
from .fake import organisation_number

PASSWORD = "benchmark-2026"
CHUNK = 5_000


@dataclass(frozen=True)
class Scale:
    teams: int
    specialists_per_team: int
    employers: int
    contact_persons: int
    contacts: int
    participants: int
    openings: int
    placements: int
    years: int


SCALES = {
    "small": Scale(2, 5, 400, 1_000, 8_000, 120, 300, 150, 2),
    "large": Scale(6, 10, 6_000, 15_000, 200_000, 2_000, 5_000, 3_000, 5),
}

FIRST = ["Anna", "Erik", "Sara", "Johan", "Fatima", "Ali", "Maria", "Karl", "Elin", "Omar", "Linnea", "Mehmet",
         "Emma", "Oskar", "Nour", "Lars", "Ida", "Hassan", "Sofia", "Per", "Amina", "Viktor", "Leyla", "Nils"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Pettersson", "Jonsson", "Ali", "Lindberg", "Hassan", "Berg", "Holm", "Ekström"]
MUNICIPALITIES = ["Nyköping", "Oxelösund", "Gnesta", "Trosa", "Katrineholm", "Flen", "Vingåker", "Eskilstuna",
                  "Strängnäs", "Norrköping", "Linköping", "Södertälje"]
INDUSTRIES = [("47111", "Livs", "5222"), ("56100", "Restaurang", "9412"), ("81210", "Städ", "9111"),
              ("52100", "Lager", "4322"), ("55101", "Hotell", "9111"), ("41200", "Bygg", "7119"),
              ("87301", "Omsorg", "5321"), ("10710", "Bageri", "9413"), ("81300", "Trädgård", "6113"),
              ("45200", "Bilverkstad", "7231"), ("84110", "Kommunen", "9629"), ("47791", "Second hand", "5223")]
STAGES = ["prospect"] * 3 + ["contacted"] * 3 + ["relationship"] * 3 + ["hiring_partner"] * 2 + ["dormant", "closed"]
FORMS = ["face_to_face"] * 6 + ["phone"] * 3 + ["email", "video", "event"]
PURPOSES = ["learn_needs"] * 4 + ["job_development"] * 3 + ["follow_up"] * 2 + ["subsidy", "other"]
STATUSES = ["active"] * 6 + ["waiting_list", "pre_screening", "passive", "closed"]


def _followup_and_subsidies(placements: list[dict], rng: random.Random, today: date) -> dict[str, int]:
    """A follow-up plan with logged contacts for every job start, and a negotiated support for a third."""
    plans, logs, negotiations, steps = [], [], [], []
    support_types = db.session.scalars(select(SupportType.id).order_by(SupportType.id)).all()
    for placement in placements:
        plan_id = placement["id"]
        plans.append({"id": plan_id, "team_id": placement["team_id"], "placement_id": placement["id"],
                      "status": "active" if placement["ended_on"] is None else "passive",
                      "planned_from_on": placement["started_on"], "employee_rule": "FREQ=MONTHLY;INTERVAL=1",
                      "employer_rule": "FREQ=MONTHLY;INTERVAL=2", "version": 1})
        last = placement["ended_on"] or today
        held = placement["started_on"] + timedelta(days=3)
        while held <= last and len(logs) < 40 * len(placements):
            logs.append({"plan_id": plan_id, "audience": rng.choice(["employee", "employee", "employer_supervisor"]),
                         "held_on": held, "form": rng.choice(["face_to_face", "phone"]),
                         "what_came_up": "Det går bra; vi stämde av schemat."})
            held += timedelta(days=rng.choice([7, 14, 30, 30, 45]))
        if support_types and placement["employer_id"] and rng.random() < .33:
            start = placement["started_on"]
            negotiation_id = len(negotiations) + 1
            negotiations.append({"id": negotiation_id, "team_id": placement["team_id"],
                                 "participant_id": placement["participant_id"], "employer_id": placement["employer_id"],
                                 "placement_id": placement["id"], "support_type_id": rng.choice(support_types),
                                 "status": "active" if start + timedelta(days=365) > today else "ended",
                                 "requested_share_percent": 80, "agreed_share_percent": rng.choice([50, 65, 80]),
                                 "wage_basis": placement["monthly_wage"], "decided_on": start - timedelta(days=7),
                                 "period_start_on": start, "period_end_on": start + timedelta(days=365),
                                 "next_review_on": start + timedelta(days=330), "version": 1})
            for offset, (before, after) in enumerate([(None, "draft"), ("draft", "raised_with_af"),
                                                      ("raised_with_af", "decided"), ("decided", "active")]):
                steps.append({"negotiation_id": negotiation_id, "from_status": before, "to_status": after,
                              "taken_on": start - timedelta(days=30 - 7 * offset), "changes": {}})
    _insert(FollowUpPlan.__table__, plans)
    _insert(FollowUpContact.__table__, logs)
    _insert(Negotiation.__table__, negotiations)
    _insert(NegotiationStep.__table__, steps)
    return {"followup_plans": len(plans), "followup_contacts": len(logs), "negotiations": len(negotiations)}


def _chunks(rows: list[dict]) -> Iterable[list[dict]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def _insert(table, rows: list[dict]) -> None:
    for chunk in _chunks(rows):
        db.session.execute(insert(table), chunk)


def generate(scale: Scale, seed: int, today: date | None = None) -> dict[str, int]:
    """Write the dataset; returns the row count per table."""
    if db.session.scalar(select(func.count()).select_from(Employer)):
        raise RuntimeError("The database is not empty: generate into a fresh database.")
    rng = random.Random(seed)
    today = today or utcnow().date()
    now = datetime.combine(today, datetime.min.time(), UTC)
    password_hash = hash_password(PASSWORD)
    counts: dict[str, int] = {}

    teams, users = [], []
    specialists_by_team: dict[int, list[int]] = {}
    for t in range(1, scale.teams + 1):
        teams.append({"id": t, "name": f"IPS-team {MUNICIPALITIES[t - 1]}", "municipality": MUNICIPALITIES[t - 1]})
        users.append({"id": len(users) + 1, "email": f"lead{t}@bench.example", "name": f"Teamledare {t}",
                      "password_hash": password_hash, "role": Role.TEAM_LEAD, "team_id": t})
        for s in range(1, scale.specialists_per_team + 1):
            user_id = len(users) + 1
            users.append({"id": user_id, "email": f"s{t}-{s}@bench.example", "name": f"{rng.choice(FIRST)} "
                          f"{rng.choice(LAST)}", "password_hash": password_hash, "role": Role.JOB_SPECIALIST,
                          "team_id": t})
            specialists_by_team.setdefault(t, []).append(user_id)
    users.append({"id": len(users) + 1, "email": "admin@bench.example", "name": "Admin", "password_hash": password_hash,
                  "role": Role.ADMIN, "team_id": None})
    _insert(Team.__table__, teams)
    _insert(User.__table__, users)
    counts.update(teams=len(teams), users=len(users))

    employers, people = [], []
    for e in range(1, scale.employers + 1):
        team_id = (e - 1) % scale.teams + 1
        sni, kind, _ = rng.choice(INDUSTRIES)
        name = f"{kind} {rng.choice(LAST)} {e} AB"
        created = now - timedelta(days=rng.randint(30, 365 * scale.years))
        employers.append({
            "id": e, "team_id": team_id, "name": name, "name_key": name.lower(),
            "organisation_number": organisation_number(rng, "5"), "sni_code": sni,
            "sector": "public" if kind == "Kommunen" else "private",
            "size_band": rng.choice(["micro", "small", "medium"]),
            "municipality": rng.choice(MUNICIPALITIES[:6]), "stage": rng.choice(STAGES),
            "responsible_specialist_id": rng.choice(specialists_by_team[team_id]),
            "created_at": created, "updated_at": created, "version": 1,
        })
    for p in range(1, scale.contact_persons + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append({"id": p, "employer_id": rng.randint(1, scale.employers), "name": f"{first} {last}",
                       "role": rng.choice(["Butikschef", "Platschef", "HR", "Ägare", "Arbetsledare"]),
                       "is_decision_maker": rng.random() < .5, "phone": f"070-{rng.randint(1000000, 9999999)}"})
    _insert(Employer.__table__, employers)
    _insert(ContactPerson.__table__, people)
    counts.update(employers=len(employers), contact_persons=len(people))

    participants, status_changes, preferences, codes, consents, disclosures = [], [], [], [], [], []
    for p in range(1, scale.participants + 1):
        team_id = (p - 1) % scale.teams + 1
        entered = today - timedelta(days=rng.randint(1, 365 * scale.years))
        status = rng.choice(STATUSES)
        participants.append({"id": p, "team_id": team_id, "specialist_id": rng.choice(specialists_by_team[team_id]),
                             "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST), "entered_on": entered,
                             "status": status, "closed_reason": "participant_wish" if status == "closed" else None,
                             "closed_on": today if status == "closed" else None, "version": 1})
        status_changes.append({"participant_id": p, "status": status, "changed_on": entered})
        hours_min = rng.choice([None, 10, 15, 20])
        preferences.append({"id": p, "participant_id": p, "hours_min": hours_min,
                            "hours_max": (hours_min or 10) + rng.choice([10, 20]), "weekdays": True,
                            "evenings": rng.random() < .3, "weekends": rng.random() < .2,
                            "wage_floor": rng.choice([None, 20000, 23000]), "reviewed_on": entered,
                            "tasks_liked": rng.choice(["packa", "sortera", "städa", "laga mat", "möta kunder"]),
                            "tasks_avoided": rng.choice(["", "kassa", "telefon"])})
        for occupation in sorted({industry[2] for industry in rng.sample(INDUSTRIES, 2)}):
            codes.append({"preferences_id": p, "kind": "occupation", "code": occupation})
        for municipality in rng.sample(MUNICIPALITIES[:6], 2):
            codes.append({"preferences_id": p, "kind": "municipality", "code": municipality})
        consents.append({"participant_id": p, "party_kind": "arbetsformedlingen", "employer_id": None,
                         "decision": "given", "form": "written", "decided_on": entered, "scope": "exchange"})
        if rng.random() < .1:
            disclosures.append({"participant_id": p, "employer_id": None, "level": "none", "decided_on": entered})
    _insert(Participant.__table__, participants)
    _insert(ParticipantStatusChange.__table__, status_changes)
    _insert(JobPreferences.__table__, preferences)
    _insert(JobPreferenceCode.__table__, codes)
    counts.update(participants=len(participants))

    employers_by_team: dict[int, list[int]] = {}
    for row in employers:
        employers_by_team.setdefault(row["team_id"], []).append(row["id"])
    participants_by_team: dict[int, list[int]] = {}
    for row in participants:
        participants_by_team.setdefault(row["team_id"], []).append(row["id"])

    contacts, links, steps = [], [], []
    span = 365 * scale.years * 24 * 3600
    for c in range(1, scale.contacts + 1):
        team_id = rng.randint(1, scale.teams)
        employer_id = rng.choice(employers_by_team[team_id])
        at = now - timedelta(seconds=rng.randint(0, span))
        purpose = rng.choice(PURPOSES)
        contacts.append({"id": c, "team_id": team_id, "employer_id": employer_id,
                         "author_id": rng.choice(specialists_by_team[team_id]), "contacted_at": at,
                         "form": rng.choice(FORMS), "purpose": purpose, "summary": "Besök och samtal med chefen.",
                         "created_at": at, "updated_at": at, "version": 1})
        if purpose in ("job_development", "follow_up"):
            links.append({"contact_id": c, "participant_id": rng.choice(participants_by_team[team_id])})
    for employer in employers:
        if employer["stage"] in ("relationship", "hiring_partner", "contacted") and rng.random() < .8:
            steps.append({"team_id": employer["team_id"], "employer_id": employer["id"],
                          "owner_id": employer["responsible_specialist_id"], "what": "Följ upp besöket",
                          "due_on": today + timedelta(days=rng.randint(-20, 30)), "created_at": now})
    _insert(EmployerContact.__table__, contacts)
    _insert(employer_contact_participants, links)
    _insert(NextStep.__table__, steps)
    counts.update(employer_contacts=len(contacts), next_steps=len(steps))

    for participant_id, employer_id in {(link["participant_id"], contacts[link["contact_id"] - 1]["employer_id"])
                                        for link in links[: scale.participants * 2]}:
        consents.append({"participant_id": participant_id, "party_kind": "employer", "employer_id": employer_id,
                         "decision": "given", "form": "oral", "decided_on": today - timedelta(days=30),
                         "scope": "exchange"})
    _insert(Consent.__table__, consents)
    _insert(DisclosureChoice.__table__, disclosures)

    analyses, openings = [], []
    for o in range(1, scale.openings + 1):
        employer = employers[rng.randrange(len(employers))]
        _, kind, occupation = next(i for i in INDUSTRIES if i[0] == employer["sni_code"])
        hours_min = rng.choice([10, 15, 20, 25, 30])
        conditions = {"hours_min": hours_min, "hours_max": hours_min + rng.choice([0, 5, 10]), "weekdays": True,
                      "evenings": rng.random() < .25, "weekends": rng.random() < .2,
                      "municipality": employer["municipality"], "monthly_wage": rng.randint(20, 30) * 1000,
                      "setting": rng.choice(["indoor", "outdoor", "both"]),
                      "soundscape": rng.choice(["quiet", "mixed", "lively"]),
                      "people_contact": rng.choice(["low", "medium", "high"]),
                      "physical_demands": rng.choice(["low", "medium", "high"])}
        analysed = today - timedelta(days=rng.randint(0, 365 * scale.years))
        analyses.append({"id": o, "team_id": employer["team_id"], "employer_id": employer["id"],
                         "analysed_on": analysed,
                         "business_needs": f"{kind}: fler händer behövs på förmiddagarna.", "tasks": "Packa, sortera",
                         **conditions})
        openings.append({"id": o, "team_id": employer["team_id"], "employer_id": employer["id"], "job_analysis_id": o,
                         "title": f"{kind}medarbetare", "occupation_code": occupation, "tasks": "Packa, sortera",
                         "status": "open" if rng.random() < .4 else "filled", "competitive": rng.random() < .95,
                         "requires_disclosure": rng.random() < .1, "created_at": now, "updated_at": now, "version": 1,
                         **conditions})
    _insert(JobAnalysis.__table__, analyses)
    _insert(Opening.__table__, openings)
    counts.update(job_analyses=len(analyses), openings=len(openings))

    proposals, placements = [], []
    filled = [o for o in openings if o["status"] == "filled"]
    for p in range(1, scale.placements + 1):
        opening = filled[(p - 1) % len(filled)]
        participant_id = rng.choice(participants_by_team[opening["team_id"]])
        started = today - timedelta(days=rng.randint(1, 365 * scale.years))
        ended = started + timedelta(days=rng.randint(30, 700)) if rng.random() < .4 else None
        placements.append({"id": p, "team_id": opening["team_id"], "participant_id": participant_id,
                           "employer_id": opening["employer_id"], "opening_id": opening["id"],
                           "title": opening["title"],
                           "occupation_code": opening["occupation_code"], "started_on": started,
                           "ended_on": ended if ended and ended < today else None,
                           "end_reason": "contract_ended" if ended and ended < today else None,
                           "hours_per_week": float(opening["hours_max"]), "monthly_wage": opening["monthly_wage"],
                           "employment_form": rng.choice(["permanent", "fixed_term", "hourly", "with_subsidy"]),
                           "competitive": opening["competitive"], "version": 1})
        proposals.append({"id": p, "team_id": opening["team_id"], "participant_id": participant_id,
                          "opening_id": opening["id"], "kind": "proposed", "status": "hired",
                          "proposed_on": started - timedelta(days=14), "decided_on": started, "placement_id": p})
    _insert(Placement.__table__, placements)
    _insert(Proposal.__table__, proposals)
    counts.update(placements=len(placements), proposals=len(proposals))
    counts.update(_followup_and_subsidies(placements, rng, today))

    counts.update(_meetings(rng, today, specialists_by_team, [u["id"] for u in users if u["role"] == Role.TEAM_LEAD]))

    advance_sequences(db.session.connection())
    return counts


MEETINGS_PER_TEAM = 100


def _meetings(rng: random.Random, today: date, specialists_by_team: dict[int, list[int]],
              leads: list[int]) -> dict[str, int]:
    """A fortnightly series per team with 100 held meetings (minutes, a small saved agenda, three actions
    each: those of the last two meetings open, a few older ones forgotten) and the next one planned."""
    series, meetings, actions = [], [], []
    for team_id, specialists in specialists_by_team.items():
        first = today - timedelta(weeks=2 * MEETINGS_PER_TEAM)
        series.append({"id": team_id, "team_id": team_id, "title": "Arbetsgivarstrategimöte", "first_on": first,
                       "rrule": "FREQ=WEEKLY;INTERVAL=2", "starts_at": time(9), "place": "Mötesrummet",
                       "created_at": datetime.combine(first, time(), UTC)})
        for n in range(MEETINGS_PER_TEAM + 1):
            held_on, meeting_id = first + timedelta(weeks=2 * n), len(meetings) + 1
            held = n < MEETINGS_PER_TEAM
            saved_at = datetime.combine(held_on, time(11), UTC)
            meetings.append({"id": meeting_id, "series_id": team_id, "team_id": team_id, "held_on": held_on,
                             "status": "held" if held else "planned", "created_at": saved_at,
                             "minutes": "Gick igenom arbetsgivarna och fördelade återbesök." if held else None,
                             "agenda_snapshot": {"since": (held_on - timedelta(days=13)).isoformat(),
                                                 "until": held_on.isoformat(), "sections": []} if held else None,
                             "minutes_saved_at": saved_at if held else None,
                             "minutes_saved_by_id": leads[team_id - 1] if held else None})
            if not held:
                continue
            for _ in range(3):
                due = held_on + timedelta(days=rng.randint(5, 20))
                still_open = n >= MEETINGS_PER_TEAM - 2 or rng.random() < .02
                actions.append({"meeting_id": meeting_id, "team_id": team_id, "text": "Återbesök med en profil",
                                "owner_id": rng.choice(specialists), "due_on": due, "created_at": saved_at,
                                "done_on": None if still_open else min(today, due),
                                "created_by_id": leads[team_id - 1]})
    _insert(MeetingSeries.__table__, series)
    _insert(Meeting.__table__, meetings)
    _insert(MeetingAction.__table__, actions)
    return {"meetings": len(meetings), "meeting_actions": len(actions)}

