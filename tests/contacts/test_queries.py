"""The reads other rooms build on: face-to-face counts per ISO week (Swedish time), last visit dates."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from crm.contacts import queries

from .. import factories

MONDAY, SUNDAY = date(2026, 11, 23), date(2026, 11, 29)  # ISO week 2026-W48


def at(*args):
    return datetime(*args, tzinfo=UTC)


def test_face_to_face_counts_follow_the_swedish_week(team, specialist, employer):
    colleague = factories.make_user(team=team)
    # Sunday 23:30 in Sweden (22:30 UTC): the week before.
    factories.make_contact(employer, specialist, at(2026, 11, 22, 22, 30))
    # Monday 00:10 in Sweden (Sunday 23:10 UTC): this week.
    factories.make_contact(employer, specialist, at(2026, 11, 22, 23, 10))
    factories.make_contact(employer, specialist, at(2026, 11, 26, 9, 0))
    factories.make_contact(employer, specialist, at(2026, 11, 26, 10, 0), form="phone")  # not face to face
    # Sunday 23:59 in Sweden (22:59 UTC): still this week; Monday 00:00 the next is not.
    factories.make_contact(employer, specialist, at(2026, 11, 29, 22, 59))
    factories.make_contact(employer, specialist, at(2026, 11, 29, 23, 0))
    factories.make_contact(employer, colleague, at(2026, 11, 24, 9, 0))

    assert queries.face_to_face_count(specialist.id, MONDAY, SUNDAY) == 3
    assert queries.face_to_face_counts(team.id, MONDAY, SUNDAY) == {specialist.id: 3, colleague.id: 1}


def test_counts_are_per_team(team, other_team, specialist, employer):
    factories.make_contact(employer, specialist, at(2026, 11, 24, 9, 0))
    assert queries.face_to_face_counts(other_team.id, MONDAY, SUNDAY) == {}


def test_last_face_to_face_is_a_local_date_per_employer(team, specialist, employer):
    other = factories.make_employer(team)
    never = factories.make_employer(team)
    factories.make_contact(employer, specialist, at(2026, 10, 1, 9, 0))
    factories.make_contact(employer, specialist, at(2026, 11, 2, 23, 30))  # 3 November in Sweden
    factories.make_contact(employer, specialist, at(2026, 11, 20, 9, 0), form="email")
    factories.make_contact(other, specialist, at(2026, 9, 1, 9, 0))
    assert queries.last_face_to_face_on([employer.id, other.id, never.id]) == {
        employer.id: date(2026, 11, 3), other.id: date(2026, 9, 1)}
    assert queries.last_face_to_face_on([]) == {}


def test_open_next_steps_by_owner_and_team(team, other_team, specialist, employer):
    later = factories.make_next_step(employer, specialist, date(2026, 12, 10))
    sooner = factories.make_next_step(employer, specialist, date(2026, 12, 1))
    factories.make_next_step(employer, specialist, date(2026, 11, 1), done_on=date(2026, 11, 2))
    assert queries.open_next_steps(owner_id=specialist.id) == [sooner, later]
    assert queries.open_next_steps(team_id=team.id, due_by=date(2026, 12, 5)) == [sooner]
    assert queries.open_next_steps(team_id=other_team.id) == []


def test_cold_employers_to_the_second_in_each_teams_setting(team, other_team, specialist):
    """Cold is decided in SQL against each team's `cold_after_days`, whatever the time zone of `now`."""
    other_team.cold_after_days = 90
    now = datetime(2026, 11, 27, 0, 0, tzinfo=ZoneInfo("Europe/Stockholm"))  # 26 November 23:00 UTC
    made = {}
    for name, owner, registered in [("Precis AB", team, at(2026, 9, 27, 23, 0)), ("Nästan AB", team,
                                    at(2026, 9, 27, 23, 0, 1)), ("Väst AB", other_team, at(2026, 8, 28, 23, 0)),
                                    ("Väst nästan AB", other_team, at(2026, 8, 28, 23, 0, 1))]:
        made[name] = factories.make_employer(owner, name=name, stage="relationship", created_at=at(2026, 1, 1))
        factories.make_contact(made[name], specialist, registered)
    cold = queries.cold_employers(now)
    assert [(c.employer.name, c.quiet_days) for c in cold] == [("Väst AB", 90), ("Precis AB", 60)]
    assert [c.employer.name for c in queries.cold_employers(now, team_id=team.id)] == ["Precis AB"]
