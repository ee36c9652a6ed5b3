"""The meeting pages for each role: the team lead keeps them, specialists read them and finish their
own actions, partners and admins never reach them."""
import re
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
        "text": "Ring bageriet", "owner_id": specialist.id, "due_on": clock.today().isoformat(), "employer": ""})
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


def _add_action(client, meeting, specialist, employer: str):
    return client.post(f"/meetings/{meeting.id}/actions", data={
        "text": "Besök bageriet", "owner_id": specialist.id, "due_on": clock.today().isoformat(), "employer": employer})


def _error_of(page: str, field: str) -> str:
    """The text of a field's error, as the form macro ties it to the field."""
    match = re.search(rf'<small id="{field}-error" class="error">(.*?)</small>', page, re.S)
    assert match and f'aria-describedby="{field}-help {field}-error"' in page, page
    return match.group(1)


def test_an_action_names_its_employer_by_name(login, team, team_lead, specialist, meeting):
    employer = factories.make_employer(team, name="Bageriet Solrosen AB")
    factories.make_employer(team, name="Bageriet Solrosen AB", archived_at=clock.utcnow())  # not in the register
    client = login(team_lead)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    field = re.search(r'<input [^>]*name="employer"[^>]*>', page).group(0)
    assert 'type="text"' in field and 'data-suggest="/employers/suggestions"' in field and '="None"' not in page
    assert _add_action(client, meeting, specialist, "  bageriet solrosen ab ").status_code == 302
    (action,) = db.session.scalars(select(MeetingAction)).all()
    assert action.employer_id == employer.id and action.next_step.employer_id == employer.id


@pytest.mark.parametrize("typed", ["Bageriet Solrosen", "Kaféet AB"])
def test_an_unknown_employer_or_another_teams_is_refused_and_the_name_kept(login, team, other_team, team_lead,
                                                                           specialist, meeting, typed):
    factories.make_employer(team, name="Bageriet Solrosen AB")
    factories.make_employer(other_team, name="Kaféet AB")  # another team's register
    response = _add_action(login(team_lead), meeting, specialist, typed)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert typed in _error_of(page, "employer") and f'value="{typed}"' in page
    assert db.session.scalar(select(MeetingAction)) is None


def test_two_employers_of_one_name_are_told_apart(login, team, team_lead, specialist, meeting):
    nykoping = factories.make_employer(team, name="ICA Maxi", municipality="Nyköping")
    numbered = factories.make_employer(team, name="ICA Maxi", municipality="Oxelösund",
                                       organisation_number="556036-0793")
    third = factories.make_employer(team, name="ICA Maxi", municipality="Oxelösund")
    client = login(team_lead)
    response = _add_action(client, meeting, specialist, "ICA Maxi")
    assert response.status_code == 422
    error = _error_of(response.get_data(as_text=True), "employer")
    for label in ("ICA Maxi (Nyköping)", "ICA Maxi, 556036-0793", f"ICA Maxi (#{third.id})"):
        assert label in error, error
    assert 'value="ICA Maxi"' in response.get_data(as_text=True) and db.session.scalar(select(MeetingAction)) is None
    assert _add_action(client, meeting, specialist, "ica maxi (nyköping)").status_code == 302
    assert _add_action(client, meeting, specialist, f"ICA Maxi (#{third.id})").status_code == 302
    assert _add_action(client, meeting, specialist, "ICA Maxi, 5560360793").status_code == 302
    chosen = db.session.scalars(select(MeetingAction.employer_id).order_by(MeetingAction.id)).all()
    assert chosen == [nykoping.id, third.id, numbered.id]
