"""Plain functions that build records with sensible defaults; pass what a test cares about."""
import itertools

from crm.auth import services as accounts
from crm.auth.models import Role
from crm.employers.models import ContactPerson, Employer, Stage
from crm.extensions import db

PASSWORD = "correct horse battery"
_sequence = itertools.count(1)


def make_team(name=None, **settings):
    return accounts.save_team(None, name=name or f"Team {next(_sequence)}", **settings)


def make_partner_organisation(name=None):
    return accounts.create_partner_organisation(name or f"Socialt företag {next(_sequence)}")


def make_user(role="job_specialist", team=None, name=None, email=None, partner_organisation=None, password=PASSWORD):
    role = Role(role)
    n = next(_sequence)
    if role in (Role.JOB_SPECIALIST, Role.TEAM_LEAD) and team is None:
        team = make_team()
    if role == Role.PARTNER and partner_organisation is None:
        partner_organisation = make_partner_organisation()
    return accounts.create_user(
        email=email or f"user{n}@example.se",
        name=name or f"User {n}",
        password=password,
        role=role,
        team=team,
        partner_organisation=partner_organisation,
    )


def make_employer(team, name=None, organisation_number=None, stage=Stage.PROSPECT, **fields):
    name = name or f"Företag {next(_sequence)} AB"
    employer = Employer(
        team=team, name=name, name_key=name.lower(), organisation_number=organisation_number, stage=stage, **fields
    )
    db.session.add(employer)
    db.session.flush()
    return employer


def make_contact_person(employer, name="Karin Chef", **fields):
    person = ContactPerson(employer=employer, name=name, **fields)
    db.session.add(person)
    db.session.flush()
    return person
