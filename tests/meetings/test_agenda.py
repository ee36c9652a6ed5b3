"""Each agenda section at fixed dates, worked out by hand.

The meeting is on Thursday 26 November 2026 and the previous one was on 12 November, so the
period is 13–26 November: 14 days, two weeks, and the team's target of 6 face-to-face contacts a
week makes 12 for the period.
"""
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event

from crm.extensions import db
from crm.meetings import agenda, services
from crm.meetings.agenda import SECTIONS, build_agenda, period_for

from .. import factories

TODAY = date(2026, 11, 26)


def at(day: int, month: int = 11, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.fixture
def meeting(series):
    factories.make_meeting(series, date(2026, 11, 12))
    return factories.make_meeting(series, TODAY)


def rows(meeting, key, today=TODAY):
    agenda = build_agenda(period_for(meeting, today))
    return next(s for s in agenda["sections"] if s["key"] == key)["rows"]


def test_the_period_runs_from_the_day_after_the_previous_meeting(meeting):
    period = period_for(meeting, TODAY)
    assert (period.since, period.until, period.days) == (date(2026, 11, 13), TODAY, 14)


def test_the_first_meeting_of_a_series_looks_back_two_weeks(series):
    first = factories.make_meeting(series, date(2026, 11, 12))
    period = period_for(first, TODAY)
    assert (period.since, period.until) == (date(2026, 10, 30), date(2026, 11, 12))


def test_specialist_section(meeting, team, specialist):
    olle = factories.make_user(team=team, name="Olle Ordinarie")
    employer = factories.make_employer(team, created_by_id=specialist.id, created_at=at(20))
    factories.make_employer(team, created_by_id=specialist.id, created_at=at(10))  # before the period
    for day in (13, 20, 26):  # three face-to-face visits in the period
        factories.make_contact(employer, specialist, contacted_at=at(day))
    factories.make_contact(employer, specialist, contacted_at=at(12))  # the previous meeting's day: outside
    factories.make_contact(employer, specialist, contacted_at=at(18), form="phone")  # not face to face
    factories.make_analysis(employer, author=specialist, analysed_on=date(2026, 11, 20))
    factories.make_next_step(employer, specialist, due_on=date(2026, 11, 20))  # overdue on the 26th
    factories.make_next_step(employer, specialist, due_on=date(2026, 11, 27))  # not yet due
    factories.make_next_step(employer, specialist, due_on=date(2026, 11, 2), done_on=date(2026, 11, 3))
    by_name = {r["name"]: r for r in rows(meeting, "specialists")}
    assert by_name["Sara Specialist"] == {"user_id": specialist.id, "name": "Sara Specialist", "face_to_face": 3,
                                          "target": 12, "new_employers": 1, "job_analyses": 1, "overdue_steps": 1}
    assert by_name["Olle Ordinarie"]["face_to_face"] == 0 and by_name["Olle Ordinarie"]["user_id"] == olle.id


def test_cold_employers_counted_to_the_end_of_the_meeting_day(meeting, team, specialist):
    cold = factories.make_employer(team, name="Tyst AB", stage="relationship", created_at=at(1, 6))
    factories.make_contact(cold, specialist, contacted_at=at(1, 9, hour=12))
    warm = factories.make_employer(team, stage="relationship", created_at=at(1, 6))
    factories.make_contact(warm, specialist, contacted_at=at(20))
    # 1 September 12:00 UTC to midnight after 26 November (23:00 UTC on the 26th): 86 whole days ≥ 60.
    assert [(r["name"], r["quiet_days"]) for r in rows(meeting, "cold_employers")] == [("Tyst AB", 86)]


def test_participants_in_job_search_without_an_employer_contact(meeting, team, specialist):
    employer = factories.make_employer(team)
    factories.make_participant(team, specialist, first_name="Ali", last_name="Aldrig", entered_on=date(2026, 9, 1))
    recent = factories.make_participant(team, specialist, entered_on=date(2026, 9, 1))
    factories.make_contact(employer, specialist, contacted_at=at(10), purpose="job_development").participants = [recent]
    long_ago = factories.make_participant(team, specialist, first_name="Bo", last_name="Berg",
                                          entered_on=date(2026, 9, 1))
    factories.make_contact(employer, specialist, contacted_at=at(1, 10), purpose="job_development"
                           ).participants = [long_ago]
    factories.make_participant(team, specialist, entered_on=date(2026, 11, 10))  # 16 days in: not yet
    working = factories.make_participant(team, specialist, entered_on=date(2026, 9, 1))
    factories.make_placement(working, employer, started_on=date(2026, 10, 1))
    factories.make_participant(team, specialist, entered_on=date(2026, 9, 1), status="passive")
    db.session.flush()
    found = {r["name"]: r for r in rows(meeting, "job_search")}
    assert set(found) == {"Ali A.", "Bo B."}
    assert found["Ali A."]["days_since_contact"] is None and found["Ali A."]["days_in_programme"] == 86
    assert found["Bo B."]["days_since_contact"] == 56  # 1 October to 26 November


def test_a_long_job_search_list_shows_the_longest_waiting_first_and_counts_the_rest(meeting, team, specialist,
                                                                                     monkeypatch):
    monkeypatch.setattr(agenda, "MAX_ROWS", 2)
    for day, name in [(3, "Cilla"), (1, "Anna"), (2, "Bea")]:
        factories.make_participant(team, specialist, first_name=name, last_name="Ek", entered_on=date(2026, 9, day))
    section = next(s for s in build_agenda(period_for(meeting, TODAY))["sections"] if s["key"] == "job_search")
    assert [r["name"] for r in section["rows"]] == ["Anna E.", "Bea E."] and section["more"] == 1


def test_openings_job_changes_and_open_actions(meeting, series, team, specialist, team_lead):
    employer = factories.make_employer(team, name="Bageriet AB")
    factories.make_opening(employer, title="Bagare")
    factories.make_opening(employer, title="Tillsatt", status="filled")
    person = factories.make_participant(team, specialist, first_name="Cecilia", last_name="Ceder")
    started = factories.make_placement(person, employer, started_on=date(2026, 11, 15))
    ended = factories.make_placement(person, employer, started_on=date(2026, 3, 1), ended_on=date(2026, 11, 20),
                                     end_reason="resigned")
    factories.make_placement(person, employer, started_on=date(2026, 11, 1))  # before the period
    earlier = db.session.get(type(meeting), meeting.id - 1)
    open_one = factories.make_meeting_action(earlier, specialist, due_on=date(2026, 11, 20), text="Ring bageriet")
    factories.make_meeting_action(earlier, specialist, text="Klart", done_on=date(2026, 11, 18))
    factories.make_meeting_action(meeting, specialist, text="Beslutat idag", due_on=date(2026, 12, 1))

    assert [r["title"] for r in rows(meeting, "openings")] == ["Bagare"]
    changes = {r["placement_id"]: r for r in rows(meeting, "job_starts_and_ends")}
    assert set(changes) == {started.id, ended.id}
    assert changes[started.id]["new_start"] and changes[started.id]["ended_on"] is None
    assert not changes[ended.id]["new_start"] and changes[ended.id]["end_reason"] == "resigned"
    assert [r["action_id"] for r in rows(meeting, "open_actions")] == [open_one.id]


def test_open_actions_return_on_every_agenda_until_done(series, team, specialist, team_lead):
    first = factories.make_meeting(series, date(2026, 11, 12))
    second = factories.make_meeting(series, date(2026, 11, 26))
    third = factories.make_meeting(series, date(2026, 12, 10))
    action = services.add_action(first, team_lead, {"text": "Besök lagret", "owner_id": specialist.id,
                                                    "due_on": date(2026, 12, 31)}, now=at(12))
    assert [r["text"] for r in rows(second, "open_actions")] == ["Besök lagret"]
    assert [r["text"] for r in rows(third, "open_actions", date(2026, 12, 10))] == ["Besök lagret"]
    services.complete_action(action, specialist, date(2026, 12, 1))
    assert rows(third, "open_actions", date(2026, 12, 10)) == []


def test_the_supports_section_comes_from_the_subsidies_room(meeting):
    assert "supports_ending" in [s.key for s in SECTIONS]
    assert rows(meeting, "supports_ending") == []


def test_the_agenda_costs_the_same_number_of_queries_whatever_the_data(meeting, team, specialist):
    def count_queries():
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            build_agenda(period_for(meeting, TODAY))
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    employer = factories.make_employer(team, stage="relationship", created_at=at(1, 6))
    person = factories.make_participant(team, specialist, entered_on=date(2026, 9, 1))
    factories.make_placement(person, employer, started_on=date(2026, 11, 15))
    db.session.expire_all()
    small = count_queries()
    for n in range(5):
        other = factories.make_employer(team, stage="relationship", created_at=at(1, 6))
        factories.make_opening(other)
        p = factories.make_participant(team, specialist, entered_on=date(2026, 9, 1))
        factories.make_placement(p, other, started_on=date(2026, 11, 16 + n))
    db.session.expire_all()
    assert count_queries() <= small


def test_employers_without_a_next_step(meeting, team, specialist):
    factories.make_employer(team, name="Utan steg AB", stage="relationship")
    late = factories.make_employer(team, name="Sent steg AB", stage="relationship")
    factories.make_next_step(late, specialist, due_on=date(2026, 11, 20))  # overdue on the 26th
    planned = factories.make_employer(team, name="Planerat AB", stage="relationship")
    factories.make_next_step(planned, specialist, due_on=date(2026, 12, 1))
    found = {r["name"]: r["next_step_due_on"] for r in rows(meeting, "without_next_step")}
    assert found == {"Sent steg AB": "2026-11-20", "Utan steg AB": None}


def test_stalled_negotiations(meeting, team, specialist):
    employer = factories.make_employer(team, name="Bageriet AB")
    person = factories.make_participant(team, specialist, first_name="Nora", last_name="Nilsson")
    factories.make_negotiation(person, employer, started_on=date(2026, 11, 12))  # 14 days before the 26th
    factories.make_negotiation(person, employer, started_on=date(2026, 11, 13))  # 13 days: not yet stalled
    found = rows(meeting, "stalled_negotiations")
    assert [(r["participant"], r["employer"], r["last_step_on"]) for r in found] == [
        ("Nora N.", "Bageriet AB", "2026-11-12")]
