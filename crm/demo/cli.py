"""`flask demo load`: a demo team to try the product with; safe to run again."""
import random

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..auth import services as accounts
from ..auth.models import Role, Team
from ..employers import orgnr
from ..employers import services as employers
from ..extensions import db
from . import data

demo_cli = AppGroup("demo", help="Demo data.")


def _organisation_number(rng: random.Random, legal_form: str) -> str:
    """A made-up but valid organisation number of the given legal form (first digit)."""
    while True:
        body = legal_form + str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        for check in "0123456789":
            if orgnr.luhn_valid(body + check):
                return f"{body[:6]}-{body[6:]}{check}"


@demo_cli.command("load")
def load():
    """Load the demo team (once): users, a partner organisation and about 60 employers."""
    if db.session.scalar(select(Team).where(Team.name == data.TEAM["name"])):
        click.echo("Demo data is already loaded.")
    else:
        _load(random.Random(2026))
        db.session.commit()
        click.echo("Demo data loaded.")
    click.echo(f"Sign in at http://127.0.0.1:5000 with one of these (password: {data.PASSWORD}):")
    for email, name, role in [*data.PEOPLE, data.PARTNER_USER]:
        click.echo(f"  {email:32} {name} ({role})")


def _load(rng: random.Random) -> None:
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
            "organisation_number": _organisation_number(rng, legal_forms[sector]),
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
