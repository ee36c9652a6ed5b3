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


def test_repeated_failures_slow_down_then_lock(app, specialist):
    keys = services.throttle_keys(specialist.email, "10.0.0.1")
    now = utcnow()
    for _ in range(app.config["LOGIN_SOFT_LIMIT"]):
        services.record_failure(keys, now)
    slowed = services.check_throttle(keys, now)
    assert not slowed.allowed and not slowed.locked
    assert services.check_throttle(keys, now + timedelta(seconds=61)).allowed

    for _ in range(app.config["LOGIN_HARD_LIMIT"]):
        services.record_failure(keys, now)
    locked = services.check_throttle(keys, now + timedelta(minutes=5))
    assert locked.locked
    assert services.check_throttle(keys, now + timedelta(minutes=app.config["LOGIN_LOCK_MINUTES"] + 1)).allowed


def test_quick_retries_are_refused_without_checking_the_password(client, specialist, app):
    for _ in range(app.config["LOGIN_SOFT_LIMIT"]):
        client.post("/login", data={"email": specialist.email, "password": "wrong"})
    response = client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert response.status_code == 429
    assert "Vänta" in response.get_data(as_text=True)


def test_locked_account_refuses_even_the_right_password(client, specialist, app):
    keys = services.throttle_keys(specialist.email, "127.0.0.1")
    for _ in range(app.config["LOGIN_HARD_LIMIT"]):
        services.record_failure(keys, utcnow())
    response = client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert response.status_code == 429
    assert "låst" in response.get_data(as_text=True)


def test_success_clears_the_account_counter(client, specialist):
    client.post("/login", data={"email": specialist.email, "password": "wrong"})
    client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert db.session.get(LoginThrottle, f"account:{specialist.email}") is None


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
