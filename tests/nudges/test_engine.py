"""The engine keeps one nudge per cause: idempotent, self-resolving, never resurrecting what a person closed."""
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, func, select

from crm.contacts import services as contacts
from crm.extensions import db
from crm.nudges import engine
from crm.nudges.models import Nudge, NudgeStatus

from .. import factories

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def causes(monkeypatch):
    """A test rule whose wanted nudges are whatever the test puts in the returned dict."""
    wanted: dict[str, engine.Wanted] = {}
    monkeypatch.setitem(engine.RULES, "test_rule", engine.Rule("test_rule", lambda now: list(wanted.values()),
                                                               "Om %(what)s"))
    return wanted


def _nudges():
    return db.session.scalars(select(Nudge).where(Nudge.rule == "test_rule").order_by(Nudge.id)).all()


def _want(user, key, **params):
    return engine.Wanted(user.id, user.team_id, key, params=params or {"what": key})


def test_evaluating_twice_makes_the_same_nudges(causes, specialist, team_lead):
    causes["a"], causes["b"] = _want(specialist, "a"), _want(team_lead, "a")
    first = engine.evaluate_rule("test_rule", NOW)
    second = engine.evaluate_rule("test_rule", NOW)
    assert (first.created, second.created, second.updated) == (2, 0, 0)
    assert [(n.user_id, n.cause_key, n.status) for n in _nudges()] == [
        (specialist.id, "a", NudgeStatus.OPEN), (team_lead.id, "a", NudgeStatus.OPEN)]


def test_a_nudge_resolves_when_its_cause_goes_and_reopens_when_it_returns(causes, specialist):
    causes["a"] = _want(specialist, "a")
    engine.evaluate_rule("test_rule", NOW)
    del causes["a"]
    assert engine.evaluate_rule("test_rule", NOW).resolved == 1
    [nudge] = _nudges()
    assert nudge.status == NudgeStatus.RESOLVED and nudge.closed_at == NOW
    causes["a"] = _want(specialist, "a")
    assert engine.evaluate_rule("test_rule", NOW).reopened == 1
    assert [(n.id, n.status, n.closed_at) for n in _nudges()] == [(nudge.id, NudgeStatus.OPEN, None)]


@pytest.mark.parametrize("closed", [NudgeStatus.DONE, NudgeStatus.DISMISSED])
def test_done_and_dismissed_are_never_recreated_for_the_same_cause(causes, specialist, closed):
    causes["a"] = _want(specialist, "a")
    engine.evaluate_rule("test_rule", NOW)
    [nudge] = _nudges()
    nudge.status = closed
    counts = engine.evaluate_rule("test_rule", NOW)
    assert (counts.created, counts.reopened) == (0, 0)
    assert [(n.id, n.status) for n in _nudges()] == [(nudge.id, closed)]
    causes["b"] = _want(specialist, "b")  # a new cause is a new nudge
    assert engine.evaluate_rule("test_rule", NOW).created == 1


def test_snoozed_stays_snoozed_while_its_cause_lasts(causes, specialist):
    causes["a"] = _want(specialist, "a")
    engine.evaluate_rule("test_rule", NOW)
    [nudge] = _nudges()
    nudge.status, nudge.snoozed_until = NudgeStatus.SNOOZED, date(2026, 11, 30)
    engine.evaluate_rule("test_rule", NOW)
    assert nudge.status == NudgeStatus.SNOOZED
    del causes["a"]
    engine.evaluate_rule("test_rule", NOW)
    assert nudge.status == NudgeStatus.RESOLVED


def test_the_message_follows_the_cause(causes, specialist):
    causes["a"] = _want(specialist, "a", what="Gamla namnet AB")
    engine.evaluate_rule("test_rule", NOW)
    causes["a"] = _want(specialist, "a", what="Nya namnet AB")
    assert engine.evaluate_rule("test_rule", NOW).updated == 1
    assert engine.message(_nudges()[0]) == "Om Nya namnet AB"


def test_evaluation_is_set_based(app, causes, team):
    users = [factories.make_user(team=team) for _ in range(30)]

    def statements_for(count):
        causes.clear()
        for user in users[:count]:
            causes[f"k{user.id}"] = _want(user, f"k{user.id}")
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            engine.evaluate_rule("test_rule", NOW)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return [s for s in seen if s.lstrip().upper().startswith("SELECT")]

    assert len(statements_for(5)) == len(statements_for(30))


def test_real_rules_end_to_end(team, specialist):
    """A next step falls due, the nudge appears once, and goes when the step is done."""
    employer = factories.make_employer(team, stage="relationship", responsible_specialist_id=specialist.id,
                                       created_at=datetime(2026, 11, 1, tzinfo=UTC))
    step = factories.make_next_step(employer, specialist, date(2026, 11, 26))
    engine.evaluate_all(NOW)
    engine.evaluate_all(NOW)
    live = db.session.scalars(select(Nudge).where(Nudge.user_id == specialist.id)).all()
    assert [(n.rule, n.cause_key, n.status) for n in live] == [
        ("next_step_due", f"step:{step.id}:2026-11-26", NudgeStatus.OPEN)]
    contacts.complete_next_step(step, specialist, date(2026, 11, 26))
    engine.evaluate_all(NOW)
    assert live[0].status == NudgeStatus.RESOLVED
    assert db.session.scalar(select(func.count(Nudge.id))) == 1


def test_rules_are_registered_from_the_rooms_jobs_modules():
    assert {"next_step_due", "weekly_target", "employer_cold"} <= set(engine.load_rules())
