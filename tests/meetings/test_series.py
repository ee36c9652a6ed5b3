"""The fortnightly series: its dates, planning the next meeting, and minutes that freeze the agenda."""
from datetime import date, time

from sqlalchemy import select

from crm.extensions import db
from crm.meetings import services
from crm.meetings.models import Meeting, MeetingStatus

from .. import factories


def test_the_series_meets_every_second_week_from_its_first_date(series):
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2"
    assert series.dates_between(date(2026, 11, 1), date(2026, 12, 31)) == [
        date(2026, 11, 12), date(2026, 11, 26), date(2026, 12, 10), date(2026, 12, 24)]
    assert series.next_date(date(2026, 11, 13)) == date(2026, 11, 26)
    assert series.next_date(date(2026, 11, 26)) == date(2026, 11, 26)  # the day itself counts
    # Across the new year the rhythm holds: 24 Dec + 14 days.
    assert series.next_date(date(2026, 12, 25)) == date(2027, 1, 7)


def test_creating_a_series_plans_its_first_meeting(team):
    series = services.create_series(team, {"title": "Strategimöte", "first_on": date(2026, 11, 12),
                                           "starts_at": time(9), "place": "Rum 2",
                                           "rrule": "FREQ=WEEKLY;INTERVAL=2"}, today=date(2026, 11, 20))
    # The first date is gone by: the first meeting planned is the next one in the rhythm.
    assert [m.held_on for m in series.meetings] == [date(2026, 11, 26)]
    assert series.meetings[0].status == MeetingStatus.PLANNED


def test_an_invalid_rule_is_refused(team):
    try:
        services.create_series(team, {"title": "X", "first_on": date(2026, 11, 12), "starts_at": time(9),
                                      "rrule": "FREQ=SOMETIMES"}, today=date(2026, 11, 12))
    except services.MeetingRuleError as error:
        assert error.field == "rrule"
    else:
        raise AssertionError("an invalid rule was accepted")


def test_saving_minutes_freezes_the_agenda_and_plans_the_next_meeting(series, team, team_lead, specialist):
    meeting = factories.make_meeting(series, date(2026, 11, 12))
    opening = factories.make_opening(factories.make_employer(team), title="Bagerilärling")
    services.save_minutes(meeting, team_lead, "Vi gick igenom bagerierna.", today=date(2026, 11, 12))
    assert meeting.status == MeetingStatus.HELD
    openings = next(s for s in meeting.agenda_snapshot["sections"] if s["key"] == "openings")
    assert [row["title"] for row in openings["rows"]] == ["Bagerilärling"]
    # Later changes do not touch the saved agenda, even when the minutes are edited.
    opening.status = "filled"
    services.save_minutes(meeting, team_lead, "Rättat protokoll.", today=date(2026, 11, 13))
    openings = next(s for s in meeting.agenda_snapshot["sections"] if s["key"] == "openings")
    assert [row["title"] for row in openings["rows"]] == ["Bagerilärling"]
    assert meeting.minutes == "Rättat protokoll."
    planned = db.session.scalars(select(Meeting.held_on).where(Meeting.series_id == series.id)
                                 .order_by(Meeting.held_on)).all()
    assert planned == [date(2026, 11, 12), date(2026, 11, 26)]


def test_minutes_wait_for_the_meeting_day(series, team_lead):
    meeting = factories.make_meeting(series, date(2026, 11, 26))
    try:
        services.save_minutes(meeting, team_lead, "För tidigt", today=date(2026, 11, 25))
    except services.MeetingRuleError:
        pass
    else:
        raise AssertionError("minutes were kept before the meeting")
    assert meeting.status == MeetingStatus.PLANNED
