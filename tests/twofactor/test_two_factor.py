import re

import pyotp
import pytest
from sqlalchemy import select

from crm.auth.models import AccountAction, AccountEvent
from crm.core.clock import utcnow
from crm.extensions import db
from crm.twofactor import services
from crm.twofactor.models import SecondFactor

from .. import factories


@pytest.fixture
def required(app, monkeypatch):
    monkeypatch.setitem(app.config, "TWO_FACTOR_REQUIRED_ROLES", ("admin", "team_lead"))


def _code(user, steps_ahead=0) -> str:
    secret = db.session.get(SecondFactor, user.id).secret
    return pyotp.TOTP(secret).at(utcnow().timestamp() + 30 * steps_ahead)


def _enrolled(user) -> list[str]:
    services.begin(user, utcnow())
    return services.confirm(user, _code(user, -1), utcnow())


def _password(client, user):
    return client.post("/login", data={"email": user.email, "password": factories.PASSWORD, "next": "/account"})


def test_an_admin_enrols_at_the_first_sign_in(client, admin, required):
    response = _password(client, admin)
    assert response.headers["Location"] == "/two-factor/enrol"
    assert client.get("/account").status_code == 302  # not signed in before the code
    page = client.get("/two-factor/enrol").get_data(as_text=True)
    assert "<svg" in page and db.session.get(SecondFactor, admin.id).secret in page
    assert client.post("/two-factor/enrol", data={"code": "000000"}).status_code == 422
    response = client.post("/two-factor/enrol", data={"code": _code(admin)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([0-9a-f]{6}-[0-9a-f]{6})</code>", response.get_data(as_text=True))
    assert len(codes) == 10
    assert client.get("/account").status_code == 200
    assert db.session.scalar(select(AccountEvent.action).where(AccountEvent.user_id == admin.id)) \
        == AccountAction.TWO_FACTOR_ENROLLED


def test_sign_in_asks_for_the_code_and_refuses_a_replay(app, client, team_lead, required):
    _enrolled(team_lead)
    assert _password(client, team_lead).headers["Location"] == "/two-factor/verify"
    assert client.post("/two-factor/verify", data={"code": "123456"}).status_code == 422
    code = _code(team_lead)
    assert client.post("/two-factor/verify", data={"code": code}).headers["Location"] == "/account"
    assert client.get("/account").status_code == 200
    thief = app.test_client()
    _password(thief, team_lead)
    assert thief.post("/two-factor/verify", data={"code": code}).status_code == 422
    assert thief.get("/account").status_code == 302


def test_a_recovery_code_works_once(client, team_lead, required):
    codes = _enrolled(team_lead)
    _password(client, team_lead)
    response = client.post("/two-factor/verify", data={"code": codes[0].upper()}, follow_redirects=True)
    assert "Du loggade in med en reservkod. 9 återstår." in response.get_data(as_text=True)
    client.post("/logout")
    _password(client, team_lead)
    assert client.post("/two-factor/verify", data={"code": codes[0]}).status_code == 422
    assert services.recovery_codes_left(team_lead) == 9


def test_wrong_codes_slow_down_like_wrong_passwords(app, client, team_lead, required):
    _enrolled(team_lead)
    _password(client, team_lead)
    for _ in range(app.config["LOGIN_SOFT_LIMIT"]):
        client.post("/two-factor/verify", data={"code": "000000"})
    response = client.post("/two-factor/verify", data={"code": _code(team_lead)})
    assert response.status_code == 422 and "Vänta" in response.get_data(as_text=True)


def test_a_specialist_signs_in_with_the_password_unless_the_team_requires_more(client, specialist, required):
    assert _password(client, specialist).headers["Location"] == "/account"
    client.post("/logout")
    specialist.team.two_factor_required = True
    db.session.flush()
    assert _password(client, specialist).headers["Location"] == "/two-factor/enrol"


def test_the_code_step_cannot_be_skipped(client, team_lead, required):
    _enrolled(team_lead)
    _password(client, team_lead)
    assert client.get("/two-factor/enrol").headers["Location"] == "/account"
    assert client.get("/account").status_code == 302


def test_an_admin_resets_a_second_factor_and_it_is_audited(app, admin, team_lead):
    _enrolled(team_lead)
    client = app.test_client()
    _password(client, admin)
    page = client.get("/admin/users").get_data(as_text=True)
    assert f"/admin/users/{team_lead.id}/two-factor/reset" in page
    assert client.post(f"/admin/users/{team_lead.id}/two-factor/reset").status_code == 302
    assert not services.is_enrolled(team_lead)
    event = db.session.scalar(select(AccountEvent).where(AccountEvent.user_id == team_lead.id,
                                                         AccountEvent.action == AccountAction.TWO_FACTOR_RESET))
    assert event.actor_id == admin.id


def test_a_user_turns_the_second_factor_on_and_off_by_choice(login, specialist):
    client = login(specialist)
    assert client.get("/two-factor/enrol").status_code == 200
    assert client.post("/two-factor/enrol", data={"code": _code(specialist)}).status_code == 200
    assert services.is_enrolled(specialist)
    renewed = client.post("/two-factor/recovery-codes")
    assert len(re.findall(r"<code>", renewed.get_data(as_text=True))) == 10
    client.post("/two-factor/off")
    assert not services.is_enrolled(specialist)


def test_a_required_second_factor_cannot_be_turned_off(login, team_lead, required, client):
    _enrolled(team_lead)
    _password(client, team_lead)
    client.post("/two-factor/verify", data={"code": _code(team_lead)})
    client.post("/two-factor/off")
    assert services.is_enrolled(team_lead)


@pytest.mark.parametrize("role", ["job_specialist", "team_lead", "partner"])
def test_only_admins_reset_a_second_factor_or_send_invitations(login, role, team_lead):
    _enrolled(team_lead)
    client = login(factories.make_user(role=role))
    assert client.post(f"/admin/users/{team_lead.id}/two-factor/reset").status_code == 403
    assert client.post(f"/admin/users/{team_lead.id}/invitation").status_code == 403
    assert services.is_enrolled(team_lead)


def test_an_admin_requires_the_second_factor_of_a_teams_specialists(login, admin, team):
    client = login(admin)
    assert "Arbetsspecialister loggar in med tvåstegsverifiering" in client.get(f"/admin/teams/{team.id}").get_data(
        as_text=True)
    response = client.post(f"/admin/teams/{team.id}", data={
        "name": team.name, "weekly_contact_target": 6, "cold_after_days": 60, "caseload_limit": 20,
        "retention_months": 24, "two_factor_required": "y"})
    assert response.status_code == 302
    db.session.refresh(team)
    assert team.two_factor_required
