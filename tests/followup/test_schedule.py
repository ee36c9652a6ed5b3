"""The follow-up pattern at fixed dates, worked out by hand (pure functions: nothing is saved)."""
from datetime import date

from crm.followup import schedule
from crm.followup.models import Audience, FollowUpContact, FollowUpForm, FollowUpPlan, PlanStatus
from crm.placements.models import Placement

START = date(2027, 3, 1)  # a Monday
EMPLOYEE, EMPLOYER = Audience.EMPLOYEE, Audience.EMPLOYER


def _plan(made_on=date(2027, 2, 15), employee="monthly", employer="monthly", ended_on=None, contacts=()):
    placement = Placement(started_on=START, ended_on=ended_on)
    proposal = schedule.propose_plan(START, made_on, employee, employer)
    return FollowUpPlan(placement=placement, status=PlanStatus.ACTIVE, planned_from_on=proposal.planned_from_on,
                        employee_rule=proposal.employee_rule, employer_rule=proposal.employer_rule,
                        contacts=list(contacts))


def _dues(plan, audience, start=date(2027, 1, 1), end=date(2027, 6, 30)):
    return [o.due_on for o in schedule.occurrences(plan, start, end) if o.audience == audience]


def test_the_ips_pattern_for_a_start_three_weeks_away():
    plan = _plan()
    expected = [
        date(2027, 2, 26),  # the week before the start: Sunday 28 Feb moves back to Friday (window opens 22 Feb)
        date(2027, 3, 4),  # within three days after it
        date(2027, 3, 8), date(2027, 3, 15), date(2027, 3, 22),  # weekly in the first month …
        date(2027, 3, 30),  # … 29 Mar is Easter Monday: the next working day
        date(2027, 4, 29), date(2027, 5, 31), date(2027, 6, 29),  # then monthly from 29 Mar + 1 month (29 May: Sat)
    ]
    assert _dues(plan, EMPLOYEE) == expected
    assert _dues(plan, EMPLOYER) == expected
    before = schedule.occurrences(plan, date(2027, 2, 1), date(2027, 2, 28))[0]
    assert before.due_on == date(2027, 2, 26)
    assert (before.kind, before.window_from) == (schedule.Kind.BEFORE_START, date(2027, 2, 22))
    assert plan.employee_rule == "DTSTART:20270429T000000\nRRULE:FREQ=MONTHLY;BYSETPOS=-1;BYMONTHDAY=28,29"


def test_a_plan_made_after_the_start_owes_nothing_from_before_it():
    plan = _plan(made_on=date(2027, 3, 10))
    assert _dues(plan, EMPLOYEE) == [date(2027, 3, 15), date(2027, 3, 22), date(2027, 3, 30), date(2027, 4, 29),
                                     date(2027, 5, 31), date(2027, 6, 29)]


def test_a_plan_made_long_after_the_start_begins_with_the_rhythm():
    plan = _plan(made_on=date(2027, 9, 5), employee="every_2_months", employer=None)
    assert _dues(plan, EMPLOYEE, end=date(2028, 1, 31)) == [date(2027, 11, 5), date(2028, 1, 5)]
    assert _dues(plan, EMPLOYER, end=date(2028, 1, 31)) == []


def test_the_participant_chooses_another_rhythm():
    # Chosen on 10 June: every two weeks, from one interval later.
    rule = schedule.rhythm_rule("every_2_weeks", schedule.first_rhythm_on(START, "every_2_weeks", date(2027, 6, 10)))
    plan = _plan()
    plan.employee_rule = rule
    assert schedule.rhythm_key(rule) == "every_2_weeks"
    assert _dues(plan, EMPLOYEE, start=date(2027, 6, 1), end=date(2027, 7, 31)) == [
        date(2027, 6, 24), date(2027, 7, 8), date(2027, 7, 22)]
    assert schedule.rhythm_key(plan.employer_rule) == "monthly" and schedule.rhythm_key(None) is None


def test_a_monthly_rhythm_from_the_31st_misses_no_month():
    rule = schedule.rhythm_rule("monthly", date(2027, 1, 31))
    assert rule == "DTSTART:20270131T000000\nRRULE:FREQ=MONTHLY;BYSETPOS=-1;BYMONTHDAY=28,29,30,31"
    plan = _plan()
    plan.employee_rule = rule
    plan.planned_from_on = date(2027, 1, 1)
    rhythm = [o.due_on for o in schedule.occurrences(plan, date(2027, 1, 1), date(2027, 5, 31))
              if o.audience == EMPLOYEE and o.kind == schedule.Kind.RHYTHM]
    # 31 Jan and 28 Feb 2027 are Sundays: each moves to the Monday after.
    assert rhythm == [date(2027, 2, 1), date(2027, 3, 1), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31)]
    assert schedule.rhythm_key(rule) == "monthly"


def test_a_contact_counts_from_a_few_days_early_and_settles_what_was_missed():
    held = FollowUpContact(audience=EMPLOYEE, held_on=date(2027, 3, 6), form=FollowUpForm.PHONE)
    plan = _plan(contacts=[held])
    owed = schedule.open_occurrences(plan, date(2027, 3, 16))
    # Employee: 26 Feb, 4 and 8 Mar (window from 5 Mar) are settled by the 6 Mar contact; 15 Mar is owed.
    assert [(o.audience, o.due_on) for o in owed if o.audience == EMPLOYEE] == [(EMPLOYEE, date(2027, 3, 15))]
    # Employer: nobody has met the supervisor yet, so every one so far is owed.
    assert [o.due_on for o in owed if o.audience == EMPLOYER] == [
        date(2027, 2, 26), date(2027, 3, 4), date(2027, 3, 8), date(2027, 3, 15)]
    assert owed[0].is_overdue(date(2027, 3, 1)) and not owed[-1].is_overdue(date(2027, 3, 15))
    too_early = FollowUpContact(audience=EMPLOYEE, held_on=date(2027, 3, 11), form=FollowUpForm.PHONE)
    plan.contacts.append(too_early)  # 15 Mar opens on 12 Mar: the 11th does not count for it
    assert date(2027, 3, 15) in [o.due_on for o in schedule.upcoming(plan, date(2027, 3, 12), date(2027, 3, 16))]


def test_a_date_agreed_in_a_contact_is_planned_beside_the_rhythm():
    agreed = FollowUpContact(audience=EMPLOYER, due_on=date(2027, 5, 12))
    plan = _plan(contacts=[agreed])
    assert date(2027, 5, 12) in _dues(plan, EMPLOYER)
    assert date(2027, 5, 12) not in _dues(plan, EMPLOYEE)


def test_a_job_end_ends_the_employer_side_and_plans_a_contact_within_three_days():
    plan = _plan(ended_on=date(2027, 5, 10))
    assert _dues(plan, EMPLOYER)[-1] == date(2027, 4, 29)
    employee = schedule.occurrences(plan, date(2027, 5, 1), date(2027, 6, 30))
    assert [(o.due_on, o.kind) for o in employee if o.audience == EMPLOYEE] == [
        (date(2027, 5, 13), schedule.Kind.AFTER_JOB_END), (date(2027, 5, 31), schedule.Kind.RHYTHM),
        (date(2027, 6, 29), schedule.Kind.RHYTHM)]


def test_passive_and_ended_plans_schedule_nothing():
    plan = _plan()
    for status in (PlanStatus.PASSIVE, PlanStatus.ENDED):
        plan.status = status
        assert schedule.occurrences(plan, date(2027, 1, 1), date(2030, 1, 1)) == []
        assert schedule.open_occurrences(plan, date(2030, 1, 1)) == []
