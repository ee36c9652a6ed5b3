"""The meeting pages for each role: the team lead keeps them, specialists read them and finish their
own actions, partners and admins never reach them."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.core import clock
from crm.extensions import db
from crm.meetings.models import Meeting, MeetingAction, MeetingSeries, MeetingStatus

from .. import factories


@pytest.fixture
def meeting(team):
    today = clock.today()
    series = factories.make_meeting_series(team, first_on=today - timedelta(days=14))
    factories.make_meeting(series, today - timedelta(days=14))
    return factories.make_meeting(series, today)


@pytest.fixture
def users(specialist, team_lead, partner, admin, other_team):
    return {"job_specialist": specialist, "team_lead": team_lead, "partner": partner, "admin": admin,
            "other_lead": factories.make_user(role="team_lead", team=other_team)}


READ = {"job_specialist": 200, "team_lead": 200, "partner": 403, "admin": 403, "other_lead": 403}
KEEP = {"job_specialist": 403, "team_lead": 200, "partner": 403, "admin": 403, "other_lead": 403}


@pytest.mark.parametrize("role", READ)
def test_who_reads_the_meeting_pages(login, users, meeting, role):
    client = login(users[role])
    assert client.get(f"/meetings/{meeting.id}").status_code == READ[role]
    assert client.get(f"/meetings/{meeting.id}/print").status_code == READ[role]
    listing = {"partner": 403, "admin": 403}.get(role, 200)
    assert client.get("/meetings/").status_code == listing
    assert client.get("/meetings/actions").status_code == listing


@pytest.mark.parametrize("role", KEEP)
def test_who_keeps_minutes_and_decides_actions(login, users, meeting, role, specialist):
    client = login(users[role])
    response = client.post(f"/meetings/{meeting.id}/minutes", data={"minutes": "Vi gick igenom listan."})
    assert response.status_code == (302 if KEEP[role] == 200 else 403)
    response = client.post(f"/meetings/{meeting.id}/actions", data={
        "text": "Ring bageriet", "owner_id": specialist.id, "due_on": clock.today().isoformat(), "employer_id": 0})
    assert response.status_code == (302 if KEEP[role] == 200 else 403)
    db.session.expire_all()
    kept = db.session.get(Meeting, meeting.id)
    assert (kept.status == MeetingStatus.HELD) == (KEEP[role] == 200)
    assert len(kept.actions) == (1 if KEEP[role] == 200 else 0)
    series_page = client.get("/meetings/series/new")
    assert series_page.status_code == (200 if role == "team_lead" or role == "other_lead" else 403)


def test_the_lead_plans_a_series(login, team_lead):
    client = login(team_lead)
    response = client.post("/meetings/series/new", data={
        "title": "Arbetsgivarstrategi", "first_on": clock.today().isoformat(), "starts_at": "09:00",
        "place": "Stora rummet", "rrule": "FREQ=WEEKLY;INTERVAL=2"})
    assert response.status_code == 302
    series = db.session.scalar(select(MeetingSeries))
    assert series.team_id == team_lead.team_id and series.rrule == "FREQ=WEEKLY;INTERVAL=2"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and "Dagordning" in page.get_data(as_text=True)


def test_invalid_input_comes_back_with_422(login, team_lead, meeting):
    client = login(team_lead)
    response = client.post(f"/meetings/{meeting.id}/actions", data={"text": "", "owner_id": 0, "due_on": ""})
    assert response.status_code == 422
    assert client.post(f"/meetings/{meeting.id}/minutes", data={"minutes": ""}).status_code == 422
    assert client.post("/meetings/series/new", data={"title": "", "starts_at": "x"}).status_code == 422


def test_an_owner_finishes_their_own_action_and_no_one_elses(app, login, team, meeting, specialist, team_lead):
    colleague = factories.make_user(team=team)
    mine = factories.make_meeting_action(meeting, specialist, due_on=clock.today())
    theirs = factories.make_meeting_action(meeting, colleague, due_on=clock.today())
    client = login(specialist)
    assert client.post(f"/meetings/actions/{theirs.id}/done", data={}).status_code == 403
    assert client.post(f"/meetings/actions/{mine.id}/done", data={"note": "Gjort"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(MeetingAction, mine.id).done_note == "Gjort"
    assert db.session.get(MeetingAction, theirs.id).done_on is None
    lead = app.test_client()
    lead.post("/login", data={"email": team_lead.email, "password": factories.PASSWORD})
    assert lead.post(f"/meetings/actions/{theirs.id}/done", data={}).status_code == 302
    db.session.expire_all()
    assert db.session.get(MeetingAction, theirs.id).done_by_id == team_lead.id


def test_the_saved_agenda_stays_as_it_was(login, team, team_lead, meeting):
    client = login(team_lead)
    factories.make_opening(factories.make_employer(team), title="Lagerarbetare")
    client.post(f"/meetings/{meeting.id}/minutes", data={"minutes": "Protokoll"})
    factories.make_opening(factories.make_employer(team), title="Kock")  # after the minutes were saved
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Lagerarbetare" in page and "Kock" not in page
    assert "Som det sparades med protokollet" in page
    printed = client.get(f"/meetings/{meeting.id}/print").get_data(as_text=True)
    assert "Protokoll" in printed and "spara den som PDF" in printed
