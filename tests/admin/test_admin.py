import pytest
from sqlalchemy import select

from crm.auth.models import Role, Team, User
from crm.extensions import db

from .. import factories


def test_admin_creates_a_specialist_who_is_invited(login, admin, team, outbox):
    client = login(admin)
    response = client.post("/admin/users/new", data={
        "name": "Nina Ny", "email": "Nina.Ny@Example.se", "role": "job_specialist", "team_id": team.id,
        "partner_organisation_id": 0})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "nina.ny@example.se"))
    assert user.role == Role.JOB_SPECIALIST and user.team_id == team.id
    assert list(outbox()) == ["nina.ny@example.se"]


def test_specialist_needs_a_team_and_emails_are_unique(login, admin, specialist):
    client = login(admin)
    response = client.post("/admin/users/new", data={
        "name": "Utan Team", "email": "utan@example.se", "role": "job_specialist", "team_id": 0,
        "partner_organisation_id": 0})
    assert response.status_code == 422
    assert "utan@example.se" in response.get_data(as_text=True)
    response = client.post("/admin/users/new", data={
        "name": "Dubbel", "email": specialist.email, "role": "admin", "team_id": 0,
        "partner_organisation_id": 0})
    assert response.status_code == 422


def test_deactivating_signs_the_user_out(app, login, admin, specialist):
    other = app.test_client()
    other.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert other.get("/employers/").status_code == 200
    login(admin).post(f"/admin/users/{specialist.id}/active", data={"active": "0"})
    assert other.get("/employers/").status_code == 302


def test_admin_cannot_deactivate_themself(login, admin):
    login(admin).post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    db.session.refresh(admin)
    assert admin.active


def test_team_settings(login, admin):
    client = login(admin)
    response = client.post("/admin/teams/new", data={
        "name": "IPS Oxelösund", "municipality": "Oxelösund", "weekly_contact_target": 6,
        "cold_after_days": 45, "caseload_limit": 20})
    assert response.status_code == 302
    team = db.session.scalar(select(Team).where(Team.name == "IPS Oxelösund"))
    assert team.cold_after_days == 45
    response = client.post(f"/admin/teams/{team.id}", data={
        "name": "ips oxelösund", "weekly_contact_target": 0, "cold_after_days": 45, "caseload_limit": 20})
    assert response.status_code == 422  # target below 1


def test_duplicate_team_name_is_refused(login, admin, team):
    response = login(admin).post("/admin/teams/new", data={
        "name": team.name.upper(), "weekly_contact_target": 6, "cold_after_days": 60, "caseload_limit": 20})
    assert response.status_code == 422


@pytest.mark.parametrize("role", ["job_specialist", "team_lead", "partner"])
def test_other_roles_are_refused(login, team, role, specialist):
    client = login(factories.make_user(role=role, team=team if role != "partner" else None))
    for url in ("/admin/users", "/admin/users/new", "/admin/teams", "/admin/teams/new", "/admin/partners/new"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/admin/users/{specialist.id}/active", data={"active": "0"}).status_code == 403


def test_cli_creates_a_user(app, team):
    result = app.test_cli_runner().invoke(args=[
        "users", "create", "--email", "cli@example.se", "--name", "Cli Användare", "--role", "team_lead",
        "--team", team.name, "--password", "ett långt lösenord"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User).where(User.email == "cli@example.se")).role == Role.TEAM_LEAD
