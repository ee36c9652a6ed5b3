import re
from datetime import timedelta

from sqlalchemy import select

from crm.auth import services, tokens
from crm.auth.models import AccountAction, AccountEvent, PasswordToken, TokenPurpose
from crm.core.clock import utcnow
from crm.extensions import db

from .. import factories

NEW = "ett nytt långt lösenord"


def _link(message) -> str:
    return re.search(r"https://crm\.example\.se(/password/set/\S+)", message.get_content()).group(1)


def test_reset_by_email_works_once(app, client, specialist, outbox):
    other = app.test_client()
    other.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    response = client.post("/password/forgot", data={"email": specialist.email})
    assert response.status_code == 302
    message = outbox()[specialist.email]
    assert message["Subject"] == "Välj ett nytt lösenord"
    link = _link(message)
    assert specialist.email in client.get(link).get_data(as_text=True)
    assert client.post(link, data={"new_password": NEW, "confirm": NEW}).headers["Location"] == "/login"
    assert other.get("/account").status_code == 302  # whoever knew the old password is signed out
    assert client.post("/login", data={"email": specialist.email, "password": NEW}).status_code == 302
    client.post("/logout")
    assert client.get(link).status_code == 404
    again = "another long one"
    assert client.post(link, data={"new_password": again, "confirm": again}).status_code == 404
    assert db.session.scalar(select(AccountEvent.action).where(AccountEvent.user_id == specialist.id)) \
        == AccountAction.PASSWORD_RESET


def test_the_answer_is_the_same_whether_the_account_exists_or_not(client, specialist, outbox):
    known = client.post("/password/forgot", data={"email": specialist.email}, follow_redirects=True)
    unknown = client.post("/password/forgot", data={"email": "nobody@example.se"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True).replace(specialist.email, "") \
        == unknown.get_data(as_text=True).replace("nobody@example.se", "")
    assert list(outbox()) == [specialist.email]


def test_a_reset_link_expires_after_an_hour(specialist):
    now = utcnow()
    token = tokens.issue(specialist, TokenPurpose.RESET, now)
    assert tokens.find(token, now + timedelta(minutes=59)) is not None
    assert tokens.find(token, now + timedelta(minutes=60)) is None


def test_a_new_link_replaces_the_old_and_resets_are_mailed_at_most_every_few_minutes(specialist, outbox):
    now = utcnow()
    first = tokens.issue(specialist, TokenPurpose.RESET, now)
    tokens.issue(specialist, TokenPurpose.RESET, now)
    assert tokens.find(first, now) is None
    tokens.request_reset(specialist.email, now + timedelta(minutes=1))
    assert outbox() == {}
    tokens.request_reset(specialist.email, now + timedelta(minutes=6))
    assert list(outbox()) == [specialist.email]


def test_reset_requests_are_rate_limited_per_address(app, client, specialist):
    limit = int(app.config["PASSWORD_RESET_RATE_LIMIT"].split()[0])
    for n in range(limit):
        assert client.post("/password/forgot", data={"email": f"x{n}@example.se"}).status_code == 302
    assert client.post("/password/forgot", data={"email": specialist.email}).status_code == 429


def test_new_users_are_invited_to_choose_their_own_password(client, login, admin, team, outbox):
    response = login(admin).post("/admin/users/new", data={
        "name": "Nina Ny", "email": "nina@example.se", "role": "job_specialist", "team_id": team.id,
        "partner_organisation_id": 0})
    assert response.status_code == 302
    user = services.find_user_by_email("nina@example.se")
    assert user.password_hash == services.NO_PASSWORD
    assert not services.check_password(user, services.NO_PASSWORD)
    link = _link(outbox()["nina@example.se"])
    client.post("/logout")
    assert client.post(link, data={"new_password": NEW, "confirm": NEW}).status_code == 302
    assert client.post("/login", data={"email": "nina@example.se", "password": NEW}).status_code == 302
    actions = db.session.scalars(select(AccountEvent.action).where(AccountEvent.user_id == user.id)
                                 .order_by(AccountEvent.id)).all()
    assert actions == [AccountAction.INVITATION_SENT, AccountAction.PASSWORD_RESET]


def test_an_invitation_can_be_sent_again_until_it_is_used(login, admin, outbox):
    invited = services.create_user(email="ivan@example.se", name="Ivan", role="admin")
    client = login(admin)
    client.post(f"/admin/users/{invited.id}/invitation")
    assert "ivan@example.se" in outbox()
    client.post(f"/admin/users/{admin.id}/invitation")
    assert admin.email not in outbox()
    assert db.session.scalar(select(PasswordToken).where(PasswordToken.user_id == admin.id)) is None


def test_an_invited_user_cannot_ask_for_a_reset_instead(client, outbox):
    services.create_user(email="ivan@example.se", name="Ivan", role="admin")
    client.post("/password/forgot", data={"email": "ivan@example.se"})
    assert outbox() == {}


def test_password_link_pages_check_the_form(client, specialist):
    token = tokens.issue(specialist, TokenPurpose.RESET, utcnow())
    response = client.post(f"/password/set/{token}", data={"new_password": "short", "confirm": "short"})
    assert response.status_code == 422
    assert client.post("/password/forgot", data={"email": ""}).status_code == 422
