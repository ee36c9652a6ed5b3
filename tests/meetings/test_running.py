"""Running the meeting: nothing typed is lost, earlier actions are carried or closed, each item keeps its
decision and actions, the minutes go to the team by e-mail, and the next meeting falls on a working day."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from crm.core import clock
from crm.core.workdays import next_working_day
from crm.extensions import db
from crm.meetings import services
from crm.meetings.models import Meeting, MeetingAction

from .. import factories


@pytest.fixture
def meetings(team):
    """The previous meeting (two weeks ago) and today's."""
    today = clock.today()
    series = factories.make_meeting_series(team, first_on=today - timedelta(days=14))
    return factories.make_meeting(series, today - timedelta(days=14)), factories.make_meeting(series, today)


def _as(app, user):
    """A second browser, signed in as `user` (the `login` client is already someone else)."""
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    return client


def _reload(meeting) -> Meeting:
    db.session.expire_all()
    return db.session.get(Meeting, meeting.id)


def test_minutes_typed_survive_an_added_action(login, team_lead, specialist, meetings):
    meeting = meetings[1]
    client = login(team_lead)
    response = client.post(f"/meetings/{meeting.id}/actions?section=openings", data={
        "openings-text": "Ring bageriet", "openings-owner_id": specialist.id,
        "openings-due_on": clock.today().isoformat(), "openings-employer": "",
        "draft-minutes": "Vi gick igenom bagerierna.", "draft-decision-openings": "Bageriet prioriteras."})
    assert response.status_code == 302 and response.headers["Location"].endswith("#item-openings")
    kept = _reload(meeting)
    assert kept.draft == {"minutes": "Vi gick igenom bagerierna.", "decisions": {"openings": "Bageriet prioriteras."}}
    assert [(a.text, a.section) for a in kept.actions] == [("Ring bageriet", "openings")]
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Vi gick igenom bagerierna.</textarea>" in page and ">Bageriet prioriteras.</textarea>" in page
    assert kept.status.value == "planned"  # a draft is not the minutes: the agenda stays live


def test_a_refused_action_keeps_the_minutes_as_typed(login, team_lead, meetings):
    meeting = meetings[1]
    response = login(team_lead).post(f"/meetings/{meeting.id}/actions", data={
        "text": "", "owner_id": 0, "due_on": "", "draft-minutes": "Halvskrivet protokoll"})
    assert response.status_code == 422
    assert "Halvskrivet protokoll</textarea>" in response.get_data(as_text=True)
    assert _reload(meeting).draft is None  # a refused request writes nothing; the page keeps the text


def test_the_periodic_save_keeps_a_draft_and_saving_the_minutes_ends_it(app, login, team_lead, specialist, meetings):
    meeting = meetings[1]
    client = login(team_lead)
    response = client.post(f"/meetings/{meeting.id}/draft", data={"minutes": "Utkast", "decision-openings": "Ja",
                                                                    "decision-unknown": "ignoreras"})
    assert response.status_code == 200 and response.json["saved"].startswith("Utkast sparat")
    assert _reload(meeting).draft == {"minutes": "Utkast", "decisions": {"openings": "Ja"}}
    assert _as(app, specialist).post(f"/meetings/{meeting.id}/draft", data={"minutes": "x"}).status_code == 403
    assert client.post(f"/meetings/{meeting.id}/minutes", data={
        "minutes": "Protokoll", "decision-openings": "Bageriet först"}).status_code == 302
    kept = _reload(meeting)
    assert (kept.minutes, kept.decisions, kept.draft) == ("Protokoll", {"openings": "Bageriet först"}, None)
    printed = client.get(f"/meetings/{meeting.id}/print").get_data(as_text=True)
    assert "Bageriet först" in printed


def test_last_meetings_open_actions_come_first_and_are_carried_or_closed(app, login, team, team_lead, specialist,
                                                                          meetings):
    previous, meeting = meetings
    employer = factories.make_employer(team)
    carried = services.add_action(previous, team_lead, {"text": "Besök lagret", "owner_id": specialist.id,
                                                        "due_on": clock.today() + timedelta(days=1),
                                                        "employer_id": employer.id})
    closed = factories.make_meeting_action(previous, specialist, due_on=clock.today(), text="Ring kaféet")
    client = login(team_lead)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert page.index('id="item-open_actions"') < page.index('id="item-specialists"')
    new_due = clock.today() + timedelta(days=14)
    assert client.post(f"/meetings/{meeting.id}/actions/{carried.id}/carry",
                       data={"due_on": new_due.isoformat(), "draft-minutes": "Pågår"}).status_code == 302
    assert client.post(f"/meetings/actions/{closed.id}/done",  # no meeting has an id beyond the column's range
                       data={"note": "Klart", "back": "4236359292595355"}).status_code == 404
    assert client.post(f"/meetings/actions/{closed.id}/done",
                       data={"note": "Klart", "back": str(meeting.id)}).headers["Location"].endswith(
        f"/meetings/{meeting.id}#item-open_actions")
    db.session.expire_all()
    carried = db.session.get(MeetingAction, carried.id)
    assert (carried.due_on, carried.carried_to_id, carried.carried_count, carried.next_step.due_on) == (
        new_due, meeting.id, 1, new_due)
    assert db.session.get(MeetingAction, closed.id).done_on == clock.today()
    assert _reload(meeting).draft["minutes"] == "Pågår"
    rows = {r["text"]: r for r in services.build_agenda(services.period_for(_reload(meeting), clock.today()))
            ["sections"][0]["rows"]}
    assert rows["Besök lagret"]["carried_here"] and rows["Ring kaféet"]["done_on"] == clock.today().isoformat()
    refused = client.post(f"/meetings/{meeting.id}/actions/{carried.id}/carry",
                          data={"due_on": (clock.today() - timedelta(days=1)).isoformat()})
    assert refused.status_code == 422 and f'id="carry-{carried.id}-error"' in refused.get_data(as_text=True)
    assert _as(app, specialist).post(f"/meetings/{meeting.id}/actions/{carried.id}/carry",
                                  data={"due_on": new_due.isoformat()}).status_code == 403


def test_the_minutes_go_by_email_to_the_teams_staff_only(app, login, team, team_lead, specialist, partner, meetings,
                                                         outbox):
    meeting = meetings[1]
    factories.make_user(team=team, email="gone@example.se").active = False
    person = factories.make_participant(team, specialist, first_name="Nora", last_name="Nilsson")
    factories.make_placement(person, factories.make_employer(team), started_on=clock.today())
    client = login(team_lead)
    assert client.post(f"/meetings/{meeting.id}/send").status_code == 302  # no minutes yet: nothing sent
    assert outbox() == {}
    client.post(f"/meetings/{meeting.id}/minutes", data={"minutes": "Protokoll", "decision-job_starts_and_ends": "Bra"})
    assert client.post(f"/meetings/{meeting.id}/send").status_code == 302
    sent = outbox()
    assert set(sent) == {team_lead.email, specialist.email}
    body = sent[specialist.email].get_content()
    assert "Protokoll" in body and "Bra" in body and "Nilsson" not in body
    assert f"https://crm.example.se/meetings/{meeting.id}/print" in body
    assert _reload(meeting).minutes_sent_at is not None
    assert _as(app, specialist).post(f"/meetings/{meeting.id}/send").status_code == 403


@pytest.mark.parametrize("rule_day, proposed", [
    (date(2026, 12, 24), date(2026, 12, 28)),  # Christmas Eve to Monday after Boxing Day weekend
    (date(2027, 3, 26), date(2027, 3, 30)),  # Good Friday, then Easter Monday: Tuesday
    (date(2026, 6, 19), date(2026, 6, 22)),  # Midsummer Eve: Monday
    (date(2026, 11, 26), date(2026, 11, 26)),  # an ordinary Thursday
])
def test_the_next_meeting_is_proposed_on_a_working_day(rule_day, proposed):
    assert next_working_day(rule_day) == proposed


def test_saving_the_minutes_proposes_the_next_meeting_two_weeks_on(login, team_lead, meetings):
    meeting = meetings[1]
    client = login(team_lead)
    client.post(f"/meetings/{meeting.id}/minutes", data={"minutes": "Protokoll"})
    planned = db.session.scalars(select(Meeting.held_on).where(Meeting.held_on > meeting.held_on)).all()
    assert planned == [next_working_day(meeting.held_on + timedelta(days=14))]
    assert "Nästa möte föreslås" in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)


def test_a_refusing_mail_server_leaves_a_message_and_a_second_send_reaches_only_the_rest(login, team, team_lead,
                                                                                       specialist, meetings,
                                                                                       smtp_server):
    meeting = meetings[1]
    client = login(team_lead)
    client.post(f"/meetings/{meeting.id}/minutes", data={"minutes": "Protokoll"})
    smtp_server.accept = 1
    refused = client.post(f"/meetings/{meeting.id}/send", follow_redirects=True)
    assert refused.status_code == 200 and "Skicka igen senare" in refused.get_data(as_text=True)
    smtp_server.accept = None
    assert client.post(f"/meetings/{meeting.id}/send").status_code == 302
    assert sorted(smtp_server.recipients()) == sorted([team_lead.email, specialist.email])
