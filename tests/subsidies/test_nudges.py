"""The nudges at fixed dates, worked by hand: 60, 30 and 7 days before a review or a period end
(once each), and an open negotiation with no step for 14 days."""
from datetime import UTC, date, datetime

from sqlalchemy import select

from crm.extensions import db
from crm.nudges.engine import evaluate_rule, message
from crm.nudges.models import Nudge, NudgeStatus
from crm.subsidies.jobs import threshold_for
from crm.subsidies.models import NegotiationStep

from .. import factories

PERIOD_END = date(2027, 3, 31)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 6, tzinfo=UTC)  # 07:00 in Stockholm, same date


def _nudges(rule):
    return db.session.scalars(select(Nudge).where(Nudge.rule == rule).order_by(Nudge.id)).all()


def test_thresholds_by_hand():
    assert [threshold_for(days) for days in (61, 60, 31, 30, 8, 7, 0, -3)] == [None, 60, 60, 30, 30, 7, 7, 7]


def test_period_end_nudges_at_60_30_and_7_days_once_each(app, team, specialist, employer):
    participant = factories.make_participant(team, specialist, first_name="Lina", last_name="Lindqvist")
    negotiation = factories.make_negotiation(participant, employer, status="active", period_end_on=PERIOD_END,
                                             period_start_on=date(2026, 4, 1))
    evaluate_rule("subsidy_period_ends", _at(date(2027, 1, 29)))  # 61 days before 31 March
    assert _nudges("subsidy_period_ends") == []
    evaluate_rule("subsidy_period_ends", _at(date(2027, 1, 30)))  # 60 days before
    (first,) = _nudges("subsidy_period_ends")
    assert first.cause_key == f"negotiation:{negotiation.id}:end:2027-03-31:60"
    assert first.user_id == specialist.id and first.params["participant"] == "Lina L."
    assert first.subject_id == negotiation.id and first.due_on == PERIOD_END
    with app.test_request_context():
        assert "Lina L. hos Bageriet Solrosen AB" in message(first) and "Lindqvist" not in message(first)
    evaluate_rule("subsidy_period_ends", _at(date(2027, 2, 15)))  # 44 days: still the 60-day nudge
    assert len(_nudges("subsidy_period_ends")) == 1
    first.status = NudgeStatus.DONE  # the specialist dealt with it
    evaluate_rule("subsidy_period_ends", _at(date(2027, 2, 20)))
    assert len(_nudges("subsidy_period_ends")) == 1  # not recreated
    evaluate_rule("subsidy_period_ends", _at(date(2027, 3, 1)))  # 30 days before
    evaluate_rule("subsidy_period_ends", _at(date(2027, 3, 24)))  # 7 days before
    keys = [n.cause_key.rsplit(":", 1)[1] for n in _nudges("subsidy_period_ends")]
    statuses = [n.status for n in _nudges("subsidy_period_ends")]
    assert keys == ["60", "30", "7"]
    assert statuses == [NudgeStatus.DONE, NudgeStatus.RESOLVED, NudgeStatus.OPEN]


def test_review_nudge_and_a_new_review_date(team, specialist, employer):
    participant = factories.make_participant(team, specialist)
    negotiation = factories.make_negotiation(participant, employer, status="decided",
                                             next_review_on=date(2027, 1, 15))
    evaluate_rule("subsidy_review_near", _at(date(2026, 12, 20)))  # 26 days before
    (nudge,) = _nudges("subsidy_review_near")
    assert nudge.cause_key.endswith(":review:2027-01-15:30")
    negotiation.next_review_on = date(2027, 7, 15)  # reviewed: the next one is far away
    db.session.flush()
    evaluate_rule("subsidy_review_near", _at(date(2026, 12, 21)))
    assert [n.status for n in _nudges("subsidy_review_near")] == [NudgeStatus.RESOLVED]


def test_no_date_nudges_for_open_or_closed_negotiations(team, specialist, employer):
    participant = factories.make_participant(team, specialist)
    for status in ("agreed", "ended", "withdrawn"):
        factories.make_negotiation(participant, employer, status=status, period_end_on=date(2027, 1, 10),
                                   next_review_on=date(2027, 1, 10))
    evaluate_rule("subsidy_period_ends", _at(date(2027, 1, 5)))
    evaluate_rule("subsidy_review_near", _at(date(2027, 1, 5)))
    assert _nudges("subsidy_period_ends") == [] and _nudges("subsidy_review_near") == []


def test_a_quiet_open_negotiation_nudges_after_14_days(team, specialist, employer):
    participant = factories.make_participant(team, specialist, first_name="Omar", last_name="Ali")
    negotiation = factories.make_negotiation(participant, employer, status="raised_with_af",
                                             started_on=date(2026, 11, 2))
    factories.make_negotiation(participant, employer, status="active", started_on=date(2026, 1, 2))  # running, not open
    evaluate_rule("subsidy_negotiation_quiet", _at(date(2026, 11, 15)))  # 13 days
    assert _nudges("subsidy_negotiation_quiet") == []
    evaluate_rule("subsidy_negotiation_quiet", _at(date(2026, 11, 16)))  # 14 days
    (nudge,) = _nudges("subsidy_negotiation_quiet")
    assert nudge.cause_key == f"negotiation:{negotiation.id}:quiet:2026-11-02"
    assert nudge.params == {"participant": "Omar A.", "employer": employer.name, "days": 14}

    negotiation.steps.append(NegotiationStep(from_status=negotiation.status, to_status="af_assessing",
                                             taken_on=date(2026, 11, 17)))
    negotiation.status = "af_assessing"
    db.session.flush()
    evaluate_rule("subsidy_negotiation_quiet", _at(date(2026, 11, 18)))
    assert [n.status for n in _nudges("subsidy_negotiation_quiet")] == [NudgeStatus.RESOLVED]
