"""`flask users …`: account administration from the shell (the first admin comes from here)."""
import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..extensions import db
from ..partners.models import PartnerOrganisation
from . import services
from .models import Role, Team

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--team", "team_name", help="Team name (specialists and team leads).")
@click.option("--partner", "partner_name", help="Partner organisation name (partner users).")
@click.password_option(help="Prompted for when not given.")
def create(email, name, role, team_name, partner_name, password):
    """Create a user account."""
    team = db.session.scalar(select(Team).where(Team.name == team_name)) if team_name else None
    if team_name and team is None:
        raise click.UsageError(f"No team named {team_name!r}.")
    partner = (
        db.session.scalar(select(PartnerOrganisation).where(PartnerOrganisation.name == partner_name))
        if partner_name
        else None
    )
    if partner_name and partner is None:
        raise click.UsageError(f"No partner organisation named {partner_name!r}.")
    try:
        user = services.create_user(
            email=email, name=name, password=password, role=Role(role), team=team, partner_organisation=partner
        )
    except services.AccountError as error:
        raise click.UsageError(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role.value}).")
