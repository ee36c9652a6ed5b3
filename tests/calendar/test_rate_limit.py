"""The calendar feed's request rate limit: per address and feed, answered in plain text."""
import pytest

from .. import factories
from .test_feed import _feed_url

LIMIT = "3 per hour"
ELSEWHERE = {"REMOTE_ADDR": "192.0.2.7"}


@pytest.fixture
def feed_url(app, client, login, specialist, monkeypatch):
    monkeypatch.setitem(app.config, "CALENDAR_FEED_RATE_LIMIT", LIMIT)
    url = _feed_url(login(specialist))
    client.post("/logout")
    return url


def _use_up(client, url) -> None:
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        assert "Retry-After" not in response.headers


def test_one_request_too_many_gets_a_plain_429_with_retry_after(client, feed_url):
    _use_up(client, feed_url)
    response = client.get(feed_url)
    assert response.status_code == 429
    assert response.mimetype == "text/plain"
    assert "<html" not in response.get_data(as_text=True).lower()
    assert 1 <= int(response.headers["Retry-After"]) <= 3601


def test_another_address_and_another_feed_are_not_affected(app, client, login, team, feed_url):
    _use_up(client, feed_url)
    assert client.get(feed_url, environ_base=ELSEWHERE).status_code == 200
    other_url = _feed_url(login(factories.make_user(team=team, name="Kim Kollega")))
    client.post("/logout")
    assert client.get(other_url).status_code == 200  # a calendar service fetches many feeds from one address


def test_the_limit_resets_after_its_window(client, feed_url, after_window):
    _use_up(client, feed_url)
    assert client.get(feed_url).status_code == 429
    after_window(LIMIT)
    assert client.get(feed_url).status_code == 200


def test_guessing_addresses_is_limited_per_address_across_tokens(app, client, feed_url, monkeypatch):
    monkeypatch.setitem(app.config, "CALENDAR_FEED_MISS_RATE_LIMIT", LIMIT)
    for guess in range(3):
        assert client.get(f"/calendar/guess{guess}.ics").status_code == 404
    assert client.get("/calendar/guess-another.ics").status_code == 429
    assert client.get(feed_url).status_code == 429  # the guessing address is stopped altogether
    assert client.get("/calendar/guess-another.ics", environ_base=ELSEWHERE).status_code == 404


def test_real_feeds_do_not_count_towards_the_guessing_limit(app, client, feed_url, monkeypatch):
    monkeypatch.setitem(app.config, "CALENDAR_FEED_MISS_RATE_LIMIT", LIMIT)
    _use_up(client, feed_url)
    assert client.get("/calendar/guess.ics").status_code == 404
