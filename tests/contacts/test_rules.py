"""The contact log's nudge rules at fixed dates, worked by hand. Week 2026-W48: Mon 23 – Sun 29 November;
Sweden is on UTC+1 then."""
from datetime import UTC, date, datetime

import pytest

from crm.auth import services as accounts
from crm.contacts import jobs

from .. import factories


def at(*args):
    return datetime(*args, tzinfo=UTC)


def wanted(rule, now):
    return {(w.user_id, w.cause_key): w for w in rule(now)}


# --- Next step due or overdue -----------------------------------------------------------
def test_next_step_due_today_or_earlier_goes_to_its_owner(team, specialist, employer):
    overdue = factories.make_next_step(employer, specialist, date(2026, 11, 25), what="Ring Karin")
    today = factories.make_next_step(employer, specialist, date(2026, 11, 26))
    factories.make_next_step(employer, specialist, date(2026, 11, 27))  # tomorrow
    factories.make_next_step(employer, specialist, date(2026, 11, 20), done_on=date(2026, 11, 21))
    gone = factories.make_user(team=team)
    factories.make_next_step(employer, gone, date(2026, 11, 25))
    accounts.set_active(gone, False)

    result = wanted(jobs.next_step_due, at(2026, 11, 26, 10, 0))
    assert set(result) == {(specialist.id, f"step:{overdue.id}:2026-11-25"),
                           (specialist.id, f"step:{today.id}:2026-11-26")}
    nudge = result[(specialist.id, f"step:{overdue.id}:2026-11-25")]
    assert nudge.due_on == date(2026, 11, 25) and nudge.subject_id == overdue.id
    assert nudge.params == {"employer": "Kafé Solsidan AB", "employer_id": employer.id, "what": "Ring Karin"}


def test_next_step_day_is_the_swedish_day(specialist, employer):
    step = factories.make_next_step(employer, specialist, date(2026, 11, 27))
    assert wanted(jobs.next_step_due, at(2026, 11, 26, 22, 59)) == {}  # 23:59 on the 26th in Sweden
    assert set(wanted(jobs.next_step_due, at(2026, 11, 26, 23, 0))) == {(specialist.id, f"step:{step.id}:2026-11-27")}


def test_steps_of_archived_employers_do_not_nudge(team, specialist):
    archived = factories.make_employer(team, archived_at=at(2026, 11, 1))
    factories.make_next_step(archived, specialist, date(2026, 11, 20))
    assert wanted(jobs.next_step_due, at(2026, 11, 26, 10, 0)) == {}


# --- Weekly target not on track -------------------------------------------------------------
@pytest.fixture
def week(team, specialist, employer):
    """Target 6 (the default). Sara has 3 face-to-face visits this week, Olle 4; Leo leads the team."""
    olle = factories.make_user(team=team, name="Olle")
    lead = factories.make_user(role="team_lead", team=team)
    for day in (23, 24, 25):
        factories.make_contact(employer, specialist, at(2026, 11, day, 9, 0))
    factories.make_contact(employer, specialist, at(2026, 11, 25, 13, 0), form="phone")  # does not count
    factories.make_contact(employer, specialist, at(2026, 11, 22, 22, 30))  # Sunday last week in Sweden
    for day in (23, 24, 25, 26):
        factories.make_contact(employer, olle, at(2026, 11, day, 9, 0))
    return {"sara": specialist, "olle": olle, "lead": lead}


def test_pro_rata_expectation(app):
    # Thursday 12:00: 3.5 of 5 working days → 6 × 0.7 = 4.2 → 4. Friday 18:00: 4.75 days → 5.7 → 5.
    assert jobs.expected_by(at(2026, 11, 26, 11, 0), 6) == 4
    assert jobs.expected_by(at(2026, 11, 27, 17, 0), 6) == 5
    assert jobs.expected_by(at(2026, 11, 28, 10, 0), 6) == 6  # the weekend: the whole target
    assert jobs.expected_by(at(2026, 11, 26, 11, 0), 10) == 7


def test_weekly_target_is_quiet_before_thursday_noon(week):
    assert wanted(jobs.weekly_target, at(2026, 11, 26, 10, 59)) == {}  # 11:59 in Sweden


def test_weekly_target_nudges_specialists_behind_from_thursday_noon(week):
    result = wanted(jobs.weekly_target, at(2026, 11, 26, 11, 0))  # 12:00 in Sweden: 4 expected
    assert set(result) == {(week["sara"].id, "week:2026-W48")}  # Olle has 4; the lead has no target
    nudge = result[(week["sara"].id, "week:2026-W48")]
    assert nudge.params == {"count": 3, "target": 6, "expected": 4}
    assert nudge.due_on == date(2026, 11, 29)


def test_weekly_target_later_in_the_week_expects_more(week):
    result = wanted(jobs.weekly_target, at(2026, 11, 27, 17, 0))  # Friday 18:00: 5 expected
    assert set(result) == {(week["sara"].id, "week:2026-W48"), (week["olle"].id, "week:2026-W48")}


def test_weekly_target_follows_the_team_setting(team, week):
    accounts.save_team(team, name=team.name, weekly_contact_target=4)  # Thursday noon: 4 × 0.7 → 2
    assert wanted(jobs.weekly_target, at(2026, 11, 26, 11, 0)) == {}


def test_weekly_target_check_time_is_configurable(app, monkeypatch, week):
    monkeypatch.setitem(app.config, "WEEKLY_TARGET_CHECK_WEEKDAY", 1)  # Tuesday
    monkeypatch.setitem(app.config, "WEEKLY_TARGET_CHECK_HOUR", 9)
    assert wanted(jobs.weekly_target, at(2026, 11, 24, 7, 59)) == {}
    # Tuesday 09:00: 1.375 days → 6 × 0.275 = 1.65 → 1 expected; Sara has 3, Olle 4: nobody.
    assert wanted(jobs.weekly_target, at(2026, 11, 24, 8, 0)) == {}
    # Thursday 09:00: 3.375 days → 6 × 0.675 = 4.05 → 4 expected: Sara (3) is behind.
    assert set(wanted(jobs.weekly_target, at(2026, 11, 26, 8, 0))) == {(week["sara"].id, "week:2026-W48")}


# --- An active employer gone cold -----------------------------------------------------------------
def test_employer_gone_cold_goes_to_the_responsible_specialist(team, specialist):
    def employer(name, stage="relationship", created=None, **fields):
        return factories.make_employer(team, name=name, stage=stage, created_at=created or at(2026, 1, 1),
                                       responsible_specialist_id=fields.pop("responsible", specialist.id), **fields)

    cold = employer("Kall AB")
    factories.make_contact(cold, specialist, at(2026, 9, 26, 12, 0))  # 61 days before
    just = employer("Precis AB", stage="hiring_partner")
    factories.make_contact(just, specialist, at(2026, 9, 27, 12, 0))  # exactly 60 days: cold
    warm = employer("Varm AB")
    factories.make_contact(warm, specialist, at(2026, 9, 28, 12, 0), form="email")  # 59 days: any form counts
    never = employer("Aldrig AB")
    employer("Ny AB", created=at(2026, 11, 1))  # registered 25 days ago, never contacted: not yet
    employer("Prospekt AB", stage="prospect")
    employer("Arkiv AB", archived_at=at(2026, 10, 1))
    employer("Ingen ansvarig AB", responsible=None)

    result = wanted(jobs.employer_cold, at(2026, 11, 26, 12, 0))
    assert set(result) == {(specialist.id, f"employer:{cold.id}:2026-09-26"),
                           (specialist.id, f"employer:{just.id}:2026-09-27"),
                           (specialist.id, f"employer:{never.id}:never")}
    assert result[(specialist.id, f"employer:{cold.id}:2026-09-26")].params == {
        "employer": "Kall AB", "employer_id": cold.id, "days": 61}


def test_cold_follows_the_team_setting(team, specialist):
    accounts.save_team(team, name=team.name, cold_after_days=90)
    employer = factories.make_employer(team, stage="relationship", responsible_specialist_id=specialist.id,
                                       created_at=at(2026, 1, 1))
    factories.make_contact(employer, specialist, at(2026, 9, 26, 12, 0))
    assert wanted(jobs.employer_cold, at(2026, 11, 26, 12, 0)) == {}
    assert len(wanted(jobs.employer_cold, at(2026, 12, 25, 12, 0))) == 1
