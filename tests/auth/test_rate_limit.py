"""The request rate limit on sign-in, per client address (the per-account throttle is in test_login.py)."""
import pytest
from limits import parse

from crm import create_app

from .. import factories

ELSEWHERE = {"REMOTE_ADDR": "192.0.2.7"}


@pytest.fixture
def allowed(app) -> int:
    return parse(app.config["LOGIN_RATE_LIMIT"]).amount


def _use_up(client, allowed: int, **kwargs) -> None:
    """POST the sign-in form as often as the limit allows. An empty form never reaches the password
    check, so the failure throttle stays out of the way."""
    for _ in range(allowed):
        response = client.post("/login", data={}, **kwargs)
        assert response.status_code == 422
        assert "Retry-After" not in response.headers


def _sign_in(client, user, **kwargs):
    return client.post("/login", data={"email": user.email, "password": factories.PASSWORD}, **kwargs)


def test_one_post_too_many_gets_the_page_in_the_layout_with_retry_after(app, client, specialist, allowed):
    _use_up(client, allowed)
    response = _sign_in(client, specialist)  # right password, but refused before it is checked
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= parse(app.config["LOGIN_RATE_LIMIT"]).get_expiry() + 1
    page = response.get_data(as_text=True)
    assert "För många förfrågningar" in page and 'class="skip-link"' in page  # the error page in the layout
    assert client.get("/account").status_code == 302  # not signed in


def test_the_sign_in_page_itself_is_not_limited(client, allowed):
    for _ in range(allowed + 1):
        assert client.get("/login").status_code == 200
    _use_up(client, allowed)
    assert client.get("/login").status_code == 200


def test_another_address_is_not_affected(client, specialist, allowed):
    _use_up(client, allowed)
    assert _sign_in(client, specialist, environ_base=ELSEWHERE).status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, specialist, allowed):
    """No proxy is trusted here (TRUSTED_PROXY_COUNT 0): the header is the client's own word."""
    _use_up(client, allowed)
    assert _sign_in(client, specialist, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 429


def test_the_limit_resets_after_its_window(app, client, specialist, allowed, after_window):
    _use_up(client, allowed)
    assert _sign_in(client, specialist).status_code == 429
    after_window(app.config["LOGIN_RATE_LIMIT"])
    assert _sign_in(client, specialist).status_code == 302


def test_posts_with_an_expired_form_count_and_are_refused_the_same_way(app, client, allowed, monkeypatch):
    """A sign-in without a valid CSRF token still runs the view (to keep the input): it counts too."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    for _ in range(allowed):
        assert client.post("/login", data={"email": "x@example.se"}).status_code == 400
    response = client.post("/login", data={"email": "x@example.se"})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) >= 1
    assert "För många förfrågningar" in response.get_data(as_text=True)


def test_a_changed_setting_applies(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "2 per hour")
    _use_up(client, 2)
    assert client.post("/login", data={}).status_code == 429


def test_behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit(allowed):
    proxied = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://", "TRUSTED_PROXY_COUNT": 1})
    client = proxied.test_client()
    first, second = {"X-Forwarded-For": "203.0.113.1"}, {"X-Forwarded-For": "203.0.113.2"}
    _use_up(client, allowed, headers=first)
    assert client.post("/login", data={}, headers=first).status_code == 429
    assert client.post("/login", data={}, headers=second).status_code == 422
