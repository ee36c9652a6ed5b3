from datetime import timedelta

from crm.auth import services
from crm.auth.models import LoginThrottle
from crm.core.clock import utcnow
from crm.extensions import db

from .. import factories

NEW = "a new long secret"


def test_sign_in_and_out(client, specialist):
    response = client.post("/login", data={"email": specialist.email.upper(), "password": factories.PASSWORD})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    client.post("/logout")
    assert client.get("/account").status_code == 302


def test_wrong_password_keeps_email_and_says_so(client, specialist):
    response = client.post("/login", data={"email": specialist.email, "password": "nope"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert specialist.email in page
    assert "Fel e-post eller lösenord" in page


def test_pages_require_sign_in_and_next_stays_local(client, specialist):
    response = client.get("/employers/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post(
        "/login", data={"email": specialist.email, "password": factories.PASSWORD, "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post(
        "/login", data={"email": specialist.email, "password": factories.PASSWORD, "next": "/account"}
    )
    assert response.headers["Location"] == "/account"


def test_repeated_failures_slow_down_but_never_lock(app, specialist):
    keys = services.throttle_keys(specialist.email, "10.0.0.1")
    now = utcnow()
    for _ in range(app.config["LOGIN_SOFT_LIMIT"]):
        services.record_failure(keys, now, specialist)
    slowed = services.check_throttle(keys, now)
    assert not slowed.allowed and slowed.retry_at == now + timedelta(seconds=2)
    for _ in range(50):
        services.record_failure(keys, now, specialist)
    longest = services.check_throttle(keys, now)
    assert longest.retry_at == now + timedelta(seconds=app.config["LOGIN_MAX_DELAY_SECONDS"])
    assert services.check_throttle(keys, now + timedelta(seconds=app.config["LOGIN_MAX_DELAY_SECONDS"] + 1)).allowed


def test_quick_retries_are_refused_without_checking_the_password(client, specialist, app):
    for _ in range(app.config["LOGIN_SOFT_LIMIT"]):
        client.post("/login", data={"email": specialist.email, "password": "wrong"})
    response = client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert response.status_code == 429
    assert "Vänta" in response.get_data(as_text=True)


def test_failures_from_another_address_do_not_stop_the_owner(client, specialist):
    stranger = services.throttle_keys(specialist.email, "203.0.113.9")
    for _ in range(100):
        services.record_failure(stranger, utcnow(), specialist)
    assert not services.check_throttle(stranger, utcnow()).allowed
    response = client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert response.status_code == 302


def test_the_owner_is_told_once_about_many_failures(app, client, specialist, outbox):
    for n in range(app.config["LOGIN_TELL_OWNER_AFTER"] + 5):
        services.record_failure(services.throttle_keys(specialist.email, f"198.51.100.{n}"), utcnow(), specialist)
    messages = outbox()
    assert list(messages) == [specialist.email]
    body = messages[specialist.email].get_content()
    assert "10 misslyckade försök" in body and "https://crm.example.se/password/forgot" in body


def test_unknown_accounts_get_no_account_count(client):
    client.post("/login", data={"email": "nobody@example.se", "password": "wrong"})
    assert db.session.get(LoginThrottle, "account:nobody@example.se") is None


def test_success_clears_the_account_counter(client, specialist):
    client.post("/login", data={"email": specialist.email, "password": "wrong"})
    client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert db.session.get(LoginThrottle, f"account:{specialist.email}") is None
    assert db.session.get(LoginThrottle, f"account:{specialist.email}|address:127.0.0.1") is None


def test_deactivated_user_cannot_sign_in(client, specialist):
    services.set_active(specialist, False)
    response = client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert response.status_code == 422


def test_password_change_signs_out_other_sessions(app, specialist, login):
    other = app.test_client()
    other.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    client = login(specialist)
    response = client.post(
        "/account",
        data={"current_password": factories.PASSWORD, "new_password": NEW, "confirm": NEW},
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other.get("/account").status_code == 302
    db.session.refresh(specialist)
    assert services.check_password(specialist, NEW)
    assert specialist.password_hash.startswith("$argon2id$")


def test_password_change_with_wrong_current_password(login, specialist):
    response = login(specialist).post(
        "/account", data={"current_password": "wrong", "new_password": NEW, "confirm": NEW}
    )
    assert response.status_code == 422


def test_session_cookie_is_hardened(client, specialist):
    response = client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
