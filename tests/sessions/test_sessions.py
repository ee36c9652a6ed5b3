from datetime import timedelta

import pytest
from sqlalchemy import select, update

from crm.auth import services as accounts
from crm.auth import tokens
from crm.auth.models import PasswordToken, TokenPurpose
from crm.core.clock import utcnow
from crm.extensions import db
from crm.sessions import services
from crm.sessions.jobs import purge
from crm.sessions.models import UserSession

from .. import factories

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def _copy_of(app, client):
    """A second browser holding a copy of `client`'s session cookie (as a thief would)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _rows(user):
    return db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()


def test_a_copied_cookie_stops_working_after_logout(app, login, specialist):
    client = login(specialist)
    thief = _copy_of(app, client)
    assert thief.get("/account").status_code == 200
    client.post("/logout")
    assert thief.get("/account").status_code == 302
    assert _rows(specialist) == []


def test_the_cookie_holds_a_token_and_the_database_only_its_hash(login, specialist):
    client = login(specialist)
    [row] = _rows(specialist)
    assert str(specialist.id) not in client.get_cookie("session").value.split(".")[0]
    assert len(row.token_hash) == 64


def test_sign_out_everywhere_ends_every_session(app, login, specialist):
    phone = app.test_client()
    phone.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    client = login(specialist)
    thief = _copy_of(app, client)
    response = client.post("/account/sessions/end-all")
    assert response.headers["Location"] == "/login"
    assert [c.get("/account").status_code for c in (client, thief, phone)] == [302, 302, 302]


def test_one_session_signed_out_from_the_account_page(app, login, specialist):
    phone = app.test_client()
    phone.post("/login", data={"email": specialist.email, "password": factories.PASSWORD},
               headers={"User-Agent": FIREFOX})
    client = login(specialist)
    page = client.get("/account").get_data(as_text=True)
    assert "Firefox, Windows" in page and "Den här webbläsaren" in page
    phone_row = next(row for row in _rows(specialist) if row.user_agent == FIREFOX)
    assert client.post(f"/account/sessions/{phone_row.id}/end").status_code == 302
    assert phone.get("/account").status_code == 302
    assert client.get("/account").status_code == 200


def test_nobody_ends_another_users_session(app, login, specialist, team_lead):
    other = app.test_client()
    other.post("/login", data={"email": team_lead.email, "password": factories.PASSWORD})
    [row] = _rows(team_lead)
    assert login(specialist).post(f"/account/sessions/{row.id}/end").status_code == 404
    assert other.get("/account").status_code == 200


def test_deactivation_ends_sessions_at_once(app, login, specialist, admin):
    victim = app.test_client()
    victim.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    login(admin).post(f"/admin/users/{specialist.id}/active", data={"active": "0"})
    assert victim.get("/account").status_code == 302
    assert _rows(specialist) == []


def test_password_change_keeps_this_session_and_ends_the_others(app, login, specialist):
    other = app.test_client()
    other.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    client = login(specialist)
    new = "a new long secret"
    client.post("/account", data={"current_password": factories.PASSWORD, "new_password": new, "confirm": new})
    assert client.get("/account").status_code == 200
    assert other.get("/account").status_code == 302
    assert len(_rows(specialist)) == 1


@pytest.mark.parametrize("column, age", [("last_seen_at", timedelta(minutes=31)), ("created_at", timedelta(hours=11))])
def test_idle_and_absolute_timeouts_end_a_session(login, specialist, column, age):
    client = login(specialist)
    db.session.execute(update(UserSession).where(UserSession.user_id == specialist.id)
                       .values({column: utcnow() - age}))
    assert client.get("/account").status_code == 302
    assert _rows(specialist) == []


def test_timeouts_are_configurable(app, specialist, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 5)
    now = utcnow()
    token = services.start(specialist, FIREFOX, "10.0.0.1", now)
    assert services.resume(token, now + timedelta(minutes=4)) is not None
    assert services.resume(token, now + timedelta(minutes=4, seconds=59)) is not None  # the request above moved it
    assert services.resume(token, now + timedelta(minutes=11)) is None


def test_last_seen_is_written_at_most_once_a_minute(specialist):
    now = utcnow()
    token = services.start(specialist, "", None, now)
    assert services.resume(token, now + timedelta(seconds=30)).last_seen_at == now
    assert services.resume(token, now + timedelta(seconds=90)).last_seen_at == now + timedelta(seconds=90)


def test_a_deactivated_users_session_is_refused(specialist):
    token = services.start(specialist, "", None, utcnow())
    specialist.active = False
    assert services.resume(token, utcnow()) is None


def test_device_names():
    assert services.device(FIREFOX) == "Firefox, Windows"
    assert services.device("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/605.1.15") \
        == "Safari, iPhone"
    assert services.device("curl/8.0") == ""


def test_partner_organisation_deactivation_ends_its_users_sessions(app, partner, admin, login):
    victim = app.test_client()
    victim.post("/login", data={"email": partner.email, "password": factories.PASSWORD})
    login(admin).post(f"/admin/partners/{partner.partner_organisation_id}/active", data={"active": "0"})
    assert victim.get("/account").status_code == 302
    accounts.set_active(partner, True)


def test_the_hourly_purge_removes_what_can_no_longer_be_used(specialist, team_lead):
    now = utcnow()
    services.start(specialist, "", None, now - timedelta(minutes=31))
    services.start(team_lead, "", None, now)
    tokens.issue(specialist, TokenPurpose.RESET, now - timedelta(minutes=61))
    tokens.issue(team_lead, TokenPurpose.RESET, now)
    purge(now)
    assert (_rows(specialist), len(_rows(team_lead))) == ([], 1)
    assert db.session.scalars(select(PasswordToken.user_id)).all() == [team_lead.id]


def test_users_compare_by_account_not_by_session(specialist, team_lead):
    assert specialist != team_lead and specialist == db.session.get(type(specialist), specialist.id)
    assert len({specialist, team_lead}) == 2
