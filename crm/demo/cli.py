"""`flask demo load`: a demo team to try the product with; safe to run again."""
import random
import time
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ..auth import services as accounts
from ..auth.models import Role, Team
from ..core.clock import today, utcnow
from ..employers import services as employers
from ..employers.models import Employer
from ..extensions import db
from ..nudges.engine import evaluate_all
from ..participants import services as participants
from ..participants.models import ClosedReason, ParticipantStatus
from . import data
from .contacts import load_contact_history
from .fake import organisation_number
from .followup import load_followup
from .generate import PASSWORD as GENERATED_PASSWORD
from .generate import SCALES, generate
from .meetings import load_meetings
from .network import load_network
from .openings import load_openings
from .partners import load_partner_listings
from .subsidies import load_subsidies

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
def load():
    """Load the demo team (once): users, a partner organisation and about 60 employers."""
    if db.session.scalar(select(Team).where(Team.name == data.TEAM["name"])):
        click.echo("Demo data is already loaded.")
    else:
        load_demo_team(random.Random(2026))
        db.session.commit()
        click.echo("Demo data loaded.")
    click.echo(f"Sign in at http://127.0.0.1:5000 with one of these (password: {data.PASSWORD}):")
    for email, name, role in [*data.PEOPLE, data.PARTNER_USER]:
        click.echo(f"  {email:32} {name} ({role})")
    if not current_app.config["TWO_FACTOR_REQUIRED_ROLES"]:
        click.echo("The second factor is not required in this demo; CRM_TWO_FACTOR_ROLES=admin,team_lead "
                   "makes admins and team leads set it up at sign-in, as production does.")


def load_demo_team(rng: random.Random) -> None:
    """The demo team, its partner and their work of the last months (no commit)."""
    team = accounts.save_team(None, **data.TEAM)
    partner = accounts.create_partner_organisation(**data.PARTNER)
    users = {}
    for email, name, role in [*data.PEOPLE, data.PARTNER_USER]:
        users[email] = accounts.create_user(email=email, name=name, password=data.PASSWORD, role=Role(role),
                                            team=team, partner_organisation=partner)
    staff = [u for u in users.values() if u.role in (Role.JOB_SPECIALIST, Role.TEAM_LEAD)]
    specialists = [u for u in staff if u.role == Role.JOB_SPECIALIST]
    legal_forms = {"private": "5", "public": "2", "non_profit": "8"}
    for index, (name, sni, sector, size, stage) in enumerate(data.EMPLOYERS):
        owner = specialists[index % len(specialists)]
        employer = employers.create_employer(team, owner, {
            "name": name,
            "organisation_number": organisation_number(rng, legal_forms[sector]),
            "sni_code": sni,
            "sector": sector,
            "size_band": size,
            "stage": stage,
            "municipality": next((m for m in data.MUNICIPALITIES if m in name), rng.choice(data.MUNICIPALITIES)),
            "responsible_specialist_id": owner.id,
        })
        for _ in range(rng.randint(1, 3)):
            first, last = rng.choice(data.CONTACT_FIRST), rng.choice(data.CONTACT_LAST)
            role, decides = rng.choice(data.CONTACT_ROLES)
            employers.save_contact_person(employer, owner, {
                "name": f"{first} {last}", "role": role, "is_decision_maker": decides,
                "phone": f"0155-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                "email": f"{first}.{last}@example.se".lower().translate(str.maketrans("åäöé", "aaoe")),
            })
    _load_participants(team, users, rng)
    load_contact_history(team, users, rng)
    load_openings(team, users, rng)
    load_partner_listings(team, users, rng)
    load_subsidies(team, users, rng)
    load_followup(team, users, rng)
    load_meetings(team, users, rng)
    load_network(team, users, rng)


def _load_participants(team, users, rng: random.Random) -> None:
    """About 40 participants across the specialists: statuses with history, consents, preferences, disclosure."""
    specialists = [u for u in users.values() if u.role == Role.JOB_SPECIALIST]
    employer_list = db.session.scalars(select(Employer).where(Employer.team_id == team.id)).all()
    on = today()
    plan = ["waiting_list"] * 4 + ["pre_screening"] * 3 + ["active"] * 26 + ["passive"] * 4 + ["closed"] * 3
    for index, status in enumerate(plan):
        specialist = specialists[index % len(specialists)]
        entered = on - timedelta(days=rng.randint(2, 30) if status in ("waiting_list", "pre_screening")
                                 else rng.randint(25, 420))
        language = rng.choice(data.LANGUAGES)
        person = participants.create_participant(team, specialist, {
            "first_name": data.PARTICIPANT_FIRST[index], "last_name": rng.choice(data.PARTICIPANT_LAST),
            "phone": f"07{rng.randint(0, 9)}-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "preferred_language": language or "svenska", "needs_interpreter": bool(language) and rng.random() < 0.5,
            "specialist_id": specialist.id, "entered_on": entered,
        })
        steps = {"waiting_list": [], "pre_screening": ["pre_screening"], "active": ["pre_screening", "active"],
                 "passive": ["pre_screening", "active", "passive"], "closed": ["pre_screening", "active", "closed"]}
        day = entered
        for step in steps[status]:
            day = min(on, day + timedelta(days=rng.randint(1, 20)))
            participants.change_status(person, specialist, ParticipantStatus(step), day, on,
                                       closed_reason=rng.choice(list(ClosedReason)) if step == "closed" else None)
        if status in ("waiting_list", "pre_screening"):
            continue
        _demo_profile(person, specialist, rng, entered, on)
        _demo_consents_and_disclosure(person, specialist, rng, entered, on, employer_list)


def _demo_profile(person, specialist, rng: random.Random, entered, on) -> None:
    (occupations, industries, liked, avoided, hours_min, hours_max, evenings, weekends, sound, setting, people,
     physical) = rng.choice(data.PREFERENCE_PROFILES)
    participants.save_preferences(person, specialist, {
        "occupations": occupations, "industries": industries, "municipalities": rng.sample(data.MUNICIPALITIES[2:], 2),
        "tasks_liked": liked, "tasks_avoided": avoided, "hours_min": hours_min, "hours_max": hours_max,
        "weekdays": True, "evenings": evenings, "weekends": weekends,
        "max_travel_minutes": rng.choice([20, 30, 45, 60]),
        "sound_level": sound, "setting": setting, "people_contact": people, "physical_work": physical,
        "wage_floor": rng.choice([None, 20000, 22000, 25000]), "reviewed_on": min(on, entered + timedelta(days=14)),
    })
    participants.save_career_profile(person, specialist, {
        "strengths": rng.choice(["Noggrann och punktlig", "Lugn och uthållig", "Social och hjälpsam",
                                 "Snabb att lära sig nya rutiner"]),
        "interests": rng.choice(["Matlagning", "Träning", "Bilar", "Natur och friluftsliv", "Datorer", "Djur"]),
        "driving_licences": rng.choice([None, None, "B", "B, BE"]),
        "languages": "svenska" + rng.choice(["", ", engelska", ", arabiska", ", somaliska"]),
    })
    employer_name, role, worked, did_not = rng.choice(data.EXPERIENCES)
    year = on.year - rng.randint(2, 10)
    participants.save_profile_entry(person, specialist, "experience", {
        "employer_name": employer_name, "role": role, "from_year": year, "to_year": year + rng.randint(0, 3),
        "what_worked": worked, "what_did_not": did_not})
    if rng.random() < 0.4:
        participants.add_benefits_session(person, specialist, {
            "held_on": min(on, entered + timedelta(days=rng.randint(10, 60))), "occasion": "before_job_start",
            "notes": "Gick igenom hur lön påverkar bostadstillägg och aktivitetsersättning."}, on)


def _demo_consents_and_disclosure(person, specialist, rng: random.Random, entered, on, employer_list) -> None:
    consent_day = min(on, entered + timedelta(days=rng.randint(1, 10)))
    for kind in ("arbetsformedlingen", "psychiatry"):
        participants.record_consent(person, specialist, {
            "party_kind": kind, "decision": "given", "form": "written", "decided_on": consent_day,
            "scope": "exchange", "scope_note": "Yrkesprofil, önskemål och planering av arbetssökandet"}, on)
    if rng.random() < 0.3:
        participants.record_consent(person, specialist, {
            "party_kind": "forsakringskassan", "decision": "declined", "form": "oral", "decided_on": consent_day,
            "scope": "exchange"}, on)
    employers_asked = rng.sample(employer_list, 2)
    for employer in employers_asked:
        participants.record_consent(person, specialist, {
            "party_kind": "employer", "employer_id": employer.id, "decision": rng.choice(["given"] * 4 + ["declined"]),
            "form": rng.choice(["oral", "written"]), "decided_on": consent_day, "scope": "exchange",
            "scope_note": "Namn, önskemål om arbete och styrkor"}, on)
    level = rng.choice(["limited"] * 6 + ["full"] * 2 + ["none"])
    shares = {"full": {"share_support", "share_adjustments", "share_cv_gaps", "share_condition"},
              "limited": {"share_support", "share_adjustments"}, "none": set()}[level]
    participants.record_disclosure(person, specialist, level, shares, consent_day, on)
    if level != "none" and rng.random() < 0.15:
        participants.record_disclosure(person, specialist, "none", set(), consent_day, on,
                                       employer=employers_asked[0])


@demo_cli.command("generate")
@click.option("--scale", type=click.Choice(list(SCALES)), default="large", show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True)
def generate_command(scale, seed):
    """Generate a region-sized dataset into an empty database (for benchmarks)."""
    started = time.perf_counter()
    try:
        counts = generate(SCALES[scale], seed)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    if db.engine.dialect.name == "postgresql":  # fresh statistics after a bulk load, as autovacuum would
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    evaluate_all(utcnow())
    db.session.commit()
    click.echo(f"Generated in {time.perf_counter() - started:.1f} s: "
               + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
    click.echo(f"Sign in as s1-1@bench.example (specialist) or lead1@bench.example, password {GENERATED_PASSWORD}.")
