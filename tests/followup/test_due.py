"""What is due: My week, nudges, and the rule that nothing ends because time passed."""
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from crm.core import scheduler
from crm.core.clock import today
from crm.extensions import db
from crm.followup import schedule, services
from crm.followup.models import FollowUpPlan, PlanStatus
from crm.nudges import engine
from crm.nudges.models import Nudge, NudgeStatus

from .. import factories


def test_my_week_shows_due_and_overdue_follow_ups_with_first_name_and_initial(login, specialist, placement, team):
    started = today() - timedelta(days=20)
    placement.started_on = started
    factories.make_followup_plan(placement, on=started, user=specialist)
    unplanned = factories.make_placement(factories.make_participant(team, specialist, first_name="Bo",
                                                                    last_name="Ek"),
                                         factories.make_employer(team, name="Verkstan AB"), started_on=today())
    text = login(specialist).get("/week/").get_data(as_text=True)
    assert "Uppföljningskontakter att ta" in text and "Anna L." in text and "Lindqvist" not in text
    assert "Försenat" in text  # nobody has met Anna since the start
    assert f"/placements/{unplanned.id}/follow-up" in text and "saknar uppföljningsplan" in text


RULES = ("followup_employee_due", "followup_employer_supervisor_due")


def _evaluate(now):
    for name in RULES:
        engine.evaluate_rule(name, now)


def test_the_nudge_goes_to_the_specialist_and_resolves_when_a_contact_is_logged(app, specialist, placement):
    plan = factories.make_followup_plan(placement, on=date(2026, 3, 2), user=specialist)
    now = datetime(2026, 3, 6, 8, tzinfo=UTC)  # the "within three days" contact was due 5 March
    _evaluate(now)
    nudge = db.session.scalar(select(Nudge).where(Nudge.rule == "followup_employee_due"))
    assert nudge.user_id == specialist.id and nudge.cause_key == f"followup:{plan.id}:employee:2026-03-05"
    assert nudge.params["participant"] == "Anna L."
    with app.test_request_context():
        assert engine.message(nudge) == "Dags för uppföljning med Anna L. (jobb hos Bageriet AB)"
        assert engine.link(nudge) == f"/placements/{placement.id}/follow-up"
    employer = db.session.scalar(select(Nudge).where(Nudge.rule == "followup_employer_supervisor_due"))
    assert employer.cause_key == f"followup:{plan.id}:employer_supervisor:2026-03-05"
    services.log_contact(plan, specialist, {"held_on": date(2026, 3, 6), "audience": "employee",
                                            "form": "phone"}, date(2026, 3, 6))
    _evaluate(now)
    assert nudge.status == NudgeStatus.RESOLVED and employer.status == NudgeStatus.OPEN


def test_nothing_ends_support_because_time_passed(app, specialist, placement, tmp_path, monkeypatch):
    """Ten years on, every scheduled job has run: the plan is still active and still plans contacts."""
    plan = factories.make_followup_plan(placement, on=date(2026, 3, 2), user=specialist)
    factories.make_followup_contact(plan, date(2026, 3, 4))
    later = datetime(2036, 3, 2, 7, tzinfo=UTC)
    monkeypatch.setitem(app.config, "MAIL_OUTBOX", str(tmp_path))
    for job in scheduler.load_jobs().values():
        job.fn(later)
    db.session.expire_all()
    plan = db.session.get(FollowUpPlan, plan.id)
    assert plan.status == PlanStatus.ACTIVE and plan.ended_on is None and plan.participant_words is None
    year = schedule.occurrences(plan, date(2036, 1, 1), date(2036, 12, 31))
    assert len([o for o in year if o.audience.value == "employee"]) == 12  # monthly, forever
    assert schedule.open_occurrences(plan, date(2036, 3, 2))  # still owed, still planned
    assert db.session.scalar(select(Nudge).where(Nudge.rule == "followup_employee_due")).status == NudgeStatus.OPEN
    # The schema has no date at which support would run out.
    assert not {"valid_until", "expires_on", "ends_on", "until_on"} & set(FollowUpPlan.__table__.c.keys())


def test_passive_plans_raise_no_nudges(specialist, placement):
    plan = factories.make_followup_plan(placement, on=date(2026, 3, 2), user=specialist)
    services.make_passive(plan, specialist, date(2026, 3, 3))
    _evaluate(datetime(2026, 6, 1, 8, tzinfo=UTC))
    assert db.session.scalar(select(Nudge).where(Nudge.rule.like("followup%"))) is None


def test_a_job_start_without_a_plan_is_nudged_until_the_plan_is_made(app, specialist, placement, team):
    factories.make_placement(factories.make_participant(team, specialist, first_name="Bo"),
                             factories.make_employer(team), started_on=date(2026, 1, 5), ended_on=date(2026, 2, 1))
    soon = factories.make_placement(factories.make_participant(team, specialist, first_name="Cia"),
                                    factories.make_employer(team), started_on=date(2026, 3, 9))
    factories.make_placement(factories.make_participant(team, specialist, first_name="Dan"),
                             factories.make_employer(team), started_on=date(2026, 3, 10))
    now = datetime(2026, 3, 2, 8, tzinfo=UTC)  # Anna's first day; Cia starts in a week, Dan in eight days
    engine.evaluate_rule("followup_plan_missing", now)
    nudges = db.session.scalars(select(Nudge).where(Nudge.rule == "followup_plan_missing")).all()
    assert {n.subject_id for n in nudges} == {placement.id, soon.id}  # not the ended job, not Dan's yet
    anna = next(n for n in nudges if n.subject_id == placement.id)
    assert anna.user_id == specialist.id and anna.due_on == date(2026, 3, 2)
    with app.test_request_context():
        assert engine.message(anna) == ("Anna L. har jobb hos Bageriet AB: kom överens med hen om en "
                                        "uppföljningsplan")
        assert engine.link(anna) == f"/placements/{placement.id}/follow-up"
    factories.make_followup_plan(placement, user=specialist)
    engine.evaluate_rule("followup_plan_missing", now)
    assert anna.status == NudgeStatus.RESOLVED
