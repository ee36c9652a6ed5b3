"""Actions decided at a meeting: next steps about employers, nudges for their owners until done."""
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from crm.contacts import services as contacts
from crm.contacts.models import NextStep
from crm.extensions import db
from crm.meetings import services
from crm.nudges.engine import evaluate_rule
from crm.nudges.models import Nudge, NudgeStatus

from .. import factories

NOW = datetime(2026, 11, 12, 10, tzinfo=UTC)


@pytest.fixture
def meeting(series):
    return factories.make_meeting(series, date(2026, 11, 12))


def add(meeting, lead, owner, **values):
    return services.add_action(meeting, lead, {"text": "Besök bageriet", "owner_id": owner.id,
                                               "due_on": date(2026, 11, 20), **values}, now=NOW)


def test_an_action_about_an_employer_is_also_its_next_step(meeting, team, team_lead, specialist):
    employer = factories.make_employer(team, name="Bageriet AB")
    action = add(meeting, team_lead, specialist, employer_id=employer.id)
    step = db.session.get(NextStep, action.next_step_id)
    assert (step.employer_id, step.owner_id, step.due_on, step.what) == (
        employer.id, specialist.id, date(2026, 11, 20), "Besök bageriet")
    services.complete_action(action, specialist, date(2026, 11, 19), "Bokade praktik")
    assert step.done_on == date(2026, 11, 19) and action.done_note == "Bokade praktik"


def test_an_action_without_an_employer_makes_no_next_step(meeting, team_lead, specialist):
    action = add(meeting, team_lead, specialist)
    assert action.next_step_id is None
    assert db.session.scalar(select(NextStep)) is None


def test_finishing_the_next_step_in_the_contact_log_finishes_the_action(meeting, team, team_lead, specialist):
    employer = factories.make_employer(team)
    action = add(meeting, team_lead, specialist, employer_id=employer.id)
    contacts.complete_next_step(action.next_step, specialist, date(2026, 11, 18))
    assert action.finished_on == date(2026, 11, 18)
    assert not action.is_overdue(date(2026, 11, 30))


@pytest.mark.parametrize("values, field", [
    ({"due_on": date(2026, 11, 11)}, "due_on"),
    ({"text": "  "}, "text"),
])
def test_rules_for_actions(meeting, team_lead, specialist, values, field):
    with pytest.raises(services.MeetingRuleError) as error:
        add(meeting, team_lead, specialist, **values)
    assert error.value.field == field


def test_owners_and_employers_come_from_the_team(meeting, team_lead, other_team):
    stranger = factories.make_user(team=other_team)
    with pytest.raises(services.MeetingRuleError) as error:
        add(meeting, team_lead, stranger)
    assert error.value.field == "owner_id"
    with pytest.raises(services.MeetingRuleError) as error:
        add(meeting, team_lead, team_lead, employer_id=factories.make_employer(other_team).id)
    assert error.value.field == "employer"


def test_the_owner_is_nudged_from_three_days_before_until_done(meeting, team_lead, specialist):
    action = add(meeting, team_lead, specialist)  # due Friday 20 November
    assert evaluate_rule("meeting_action_due", datetime(2026, 11, 16, 10, tzinfo=UTC)).created == 0  # 4 days before
    assert evaluate_rule("meeting_action_due", datetime(2026, 11, 17, 10, tzinfo=UTC)).created == 1  # 3 days before
    nudge = db.session.scalar(select(Nudge).where(Nudge.rule == "meeting_action_due"))
    assert (nudge.user_id, nudge.due_on, nudge.params["what"]) == (specialist.id, date(2026, 11, 20), "Besök bageriet")
    services.complete_action(action, specialist, date(2026, 11, 21))
    assert evaluate_rule("meeting_action_due", datetime(2026, 11, 22, 10, tzinfo=UTC)).resolved == 1
    assert nudge.status == NudgeStatus.RESOLVED


def test_an_action_about_an_employer_reminds_once_as_its_next_step(meeting, team, team_lead, specialist):
    add(meeting, team_lead, specialist, employer_id=factories.make_employer(team).id)  # due 20 November
    for day in (17, 20, 23):  # from three days before the due date until after it
        now = datetime(2026, 11, day, 10, tzinfo=UTC)
        evaluate_rule("meeting_action_due", now)
        evaluate_rule("next_step_due", now)
    nudges = db.session.scalars(select(Nudge).where(Nudge.user_id == specialist.id)).all()
    assert [(n.rule, n.status) for n in nudges] == [("next_step_due", NudgeStatus.OPEN)]
