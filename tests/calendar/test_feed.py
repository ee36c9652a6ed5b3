"""The calendar feed: valid RFC 5545, only the user's own things, first name and initial only, revocable."""
import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from crm.calendar.models import CalendarFeed
from crm.core.clock import today
from crm.extensions import db

from .. import factories


def _feed_url(client) -> str:
    page = client.post("/account/calendar").get_data(as_text=True)
    return re.search(r'>(http://[^<]+\.ics)</textarea>', page).group(1).replace("http://localhost", "")


@pytest.fixture
def anna_at_the_bakery(team, specialist):
    bakery = factories.make_employer(team, name="Bageriet AB")
    anna = factories.make_participant(team, specialist, first_name="Anna", last_name="Lindqvist")
    placement = factories.make_placement(anna, bakery, started_on=today() - timedelta(days=10))
    factories.make_followup_plan(placement, on=placement.started_on, user=specialist)
    factories.make_next_step(bakery, specialist, due_on=today() + timedelta(days=2),
                             what="Ring Karin om Annas diagnos")
    return placement


def test_the_feed_is_valid_icalendar_with_the_users_own_things(client, login, specialist, team, anna_at_the_bakery):
    colleague = factories.make_user(team=team, name="Kim Kollega")
    other = factories.make_employer(team, name="Kollegans Kafé AB")
    factories.make_next_step(other, colleague, due_on=today() + timedelta(days=1))
    bo = factories.make_participant(team, colleague, first_name="Bo", last_name="Bergström")
    factories.make_followup_plan(factories.make_placement(bo, other, started_on=today()), user=colleague)

    url = _feed_url(login(specialist))
    client.post("/logout")
    response = client.get(url)  # calendar apps do not sign in
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    body = response.get_data(as_text=True)
    calendar = Calendar.from_ical(response.data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert name in event, (name, event)
    assert len({str(e["UID"]) for e in events}) == len(events)
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Nästa steg: Bageriet AB" in summaries
    step = next(e for e in events if str(e["SUMMARY"]) == "Nästa steg: Bageriet AB")
    assert step.decoded("DTSTART") == today() + timedelta(days=2)  # an all-day event on the due date
    assert any("Anna L." in s and "Bageriet AB" in s for s in summaries)
    assert any("försenad" in s for s in summaries)  # 3 days after the start has passed without a contact
    # Nothing of the colleague's, no last names, no free text that might carry health details.
    for leak in ("Kollegans Kafé", "Bo B.", "Lindqvist", "Bergström", "diagnos"):
        assert leak not in body, leak
    # Refreshing gives the same UIDs, so calendars update events rather than duplicate them.
    assert {str(e["UID"]) for e in Calendar.from_ical(client.get(url).data).walk("VEVENT")} == {
        str(e["UID"]) for e in events}


def test_only_a_hash_of_the_secret_is_stored_and_revoking_ends_the_feed(client, login, specialist):
    signed_in = login(specialist)
    url = _feed_url(signed_in)
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == specialist.id))
    assert secret not in feed.token_hash and len(feed.token_hash) == 64
    assert client.get(url).status_code == 200
    account = signed_in.get("/account").get_data(as_text=True)
    assert "Återkalla adressen" in account and secret not in account  # shown once, never again
    assert signed_in.post("/account/calendar/revoke").status_code == 302
    assert client.get(url).status_code == 404


def test_a_new_address_replaces_the_old_one(client, login, specialist):
    signed_in = login(specialist)
    first = _feed_url(signed_in)
    second = _feed_url(signed_in)
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200


def test_unknown_tokens_and_inactive_users_get_nothing(client, login, specialist):
    url = _feed_url(login(specialist))
    assert client.get("/calendar/not-a-real-secret.ics").status_code == 404
    specialist.active = False
    db.session.flush()
    assert client.get(url).status_code == 404


def test_team_lead_has_a_feed_too(login, team):
    client = login(factories.make_user(role="team_lead", team=team))
    assert "Skapa en kalenderadress" in client.get("/account").get_data(as_text=True)
    assert client.get(_feed_url(client)).status_code == 200


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_have_no_feed(login, role):
    client = login(factories.make_user(role=role))
    assert "Skapa en kalenderadress" not in client.get("/account").get_data(as_text=True)
    assert client.post("/account/calendar").status_code == 403
    assert client.post("/account/calendar/revoke").status_code == 403
    assert db.session.scalar(select(CalendarFeed)) is None


def test_follow_ups_ahead_are_all_day_events(client, login, specialist, anna_at_the_bakery):
    """The rhythm goes on: the feed lists the follow-ups of the next 90 days."""
    url = _feed_url(login(specialist))
    events = Calendar.from_ical(client.get(url).data).walk("VEVENT")
    follow_ups = [e for e in events if str(e["UID"]).startswith("followup-")]
    assert any(e.decoded("DTSTART") > today() + timedelta(days=30) for e in follow_ups)
    assert all(isinstance(e.decoded("DTSTART"), date) for e in follow_ups)
