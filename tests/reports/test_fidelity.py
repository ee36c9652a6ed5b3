"""Fidelity items on hand-built data, at the anchors' boundaries; each figure worked out in the comments."""
from datetime import UTC, date, datetime, timedelta

import pytest

from crm.extensions import db
from crm.participants.models import BenefitsCounselling, JobPreferenceCode, JobPreferences
from crm.reports import fidelity
from crm.reports.fidelity import ITEMS, MEASURES, Scale

from .. import factories

START, END = date(2026, 11, 2), date(2026, 11, 15)  # Monday to Sunday two weeks later: 14 days, 2 weeks


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.mark.parametrize("value, score", [(20, 5), (20.5, 4), (21, 4), (25, 4), (26, 3), (30, 3), (31, 2), (40, 2),
                                          (41, 1)])
def test_caseload_anchors(value, score):
    assert MEASURES["caseload"].scale.score(value) == score


@pytest.mark.parametrize("value, score", [(6, 5), (5.9, 4), (5, 4), (4, 3), (3, 2), (2, 2), (1.9, 1)])
def test_contact_frequency_anchors(value, score):
    assert MEASURES["contact_frequency"].scale.score(value) == score


def test_no_data_means_no_score():
    assert Scale((1, 2, 3, 4)).score(None) is None


@pytest.mark.parametrize("active, score", [(20, 5), (21, 4)])
def test_caseload_of_one_specialist(team, specialist, active, score):
    for _ in range(active):
        factories.make_participant(team, specialist)
    factories.make_participant(team, specialist, status="passive")  # not active: not counted
    result = fidelity.caseload(team, START, END)
    assert (result.value, result.score) == (active, score)


def test_caseload_scores_the_largest_caseload_not_the_average(team, specialist):
    other = factories.make_user(team=team)
    for _ in range(21):
        factories.make_participant(team, specialist)
    for _ in range(10):
        factories.make_participant(team, other)
    # The example: 21 and 10 average 15.5, but the item is about the largest caseload: 21 → a 4.
    result = fidelity.caseload(team, START, END)
    assert (result.value, result.score, result.count.numerator, result.count.denominator) == (21, 4, 21, 1)
    assert [(r.active, r.per_fte) for r in result.count.details] == [(21, 21), (10, 10)]


@pytest.mark.parametrize("visits, value, score", [(24, 6.0, 5), (23, 5.8, 4)])
def test_face_to_face_contacts_per_specialist_and_week(team, specialist, team_lead, visits, value, score):
    other = factories.make_user(team=team)
    employer = factories.make_employer(team)
    # Two specialists over two weeks: 24 visits = 6.0 a week each; 23 = 5.75, shown as 5.8.
    for n in range(visits):
        factories.make_contact(employer, (specialist, other)[n % 2], contacted_at=at(START + timedelta(days=n % 14)))
    factories.make_contact(employer, specialist, contacted_at=at(START), form="phone")  # not face to face
    factories.make_contact(employer, team_lead, contacted_at=at(START))  # the lead is not a job specialist
    factories.make_contact(employer, specialist, contacted_at=at(END + timedelta(days=1)))  # after the period
    result = fidelity.contact_frequency(team, START, END)
    assert (result.value, result.score, result.count.numerator, result.count.denominator) == (value, score, visits, 4)


@pytest.mark.parametrize("second_days, value, score", [(30, 30.0, 5), (32, 31.0, 4)])
def test_rapid_job_search(team, specialist, second_days, value, score):
    employer = factories.make_employer(team)
    first = factories.make_participant(team, specialist, entered_on=START)
    second = factories.make_participant(team, specialist, entered_on=START)
    factories.make_participant(team, specialist, entered_on=START)  # no contact yet: counted apart
    factories.make_participant(team, specialist, entered_on=START - timedelta(days=1))  # entered before the period
    factories.make_contact(employer, specialist, contacted_at=at(START + timedelta(days=30)),
                           purpose="job_development").participants = [first]
    factories.make_contact(employer, specialist, contacted_at=at(START + timedelta(days=second_days)),
                           purpose="job_development").participants = [second]
    # (30 + 30) / 2 = 30 days: a 5; (30 + 32) / 2 = 31 days: a 4.
    result = fidelity.rapid_job_search(team, START, END)
    assert (result.value, result.score, result.count.denominator) == (value, score, 2)


def _wants(participant, **codes):
    preferences = JobPreferences(participant_id=participant.id, reviewed_on=START)
    preferences.codes = [JobPreferenceCode(kind=kind, code=code) for kind, code in codes.items()]
    db.session.add(preferences)
    db.session.flush()


def test_individualised_job_search(team, specialist):
    cafe = factories.make_employer(team, sni_code="56100")  # industry division 56: food service
    warehouse = factories.make_employer(team, sni_code="52100")
    factories.make_opening(warehouse, occupation_code="4322")
    wants_cafe = factories.make_participant(team, specialist)
    _wants(wants_cafe, industry="56")
    wants_warehouse_job = factories.make_participant(team, specialist)
    _wants(wants_warehouse_job, occupation="4322")
    no_wishes = factories.make_participant(team, specialist)

    def visit(employer, participant, purpose="job_development"):
        factories.make_contact(employer, specialist, contacted_at=at(START), purpose=purpose).participants = [
            participant]

    visit(cafe, wants_cafe)  # matches the wanted industry
    visit(warehouse, wants_warehouse_job)  # matches through the opening's occupation
    visit(warehouse, wants_cafe)  # neither
    visit(cafe, no_wishes)  # cannot be judged: left out
    visit(cafe, wants_warehouse_job, purpose="follow_up")  # not job development: left out
    # 2 of 3 judged contacts = 66.7 %: a 3 (50–74).
    result = fidelity.individualised_search(team, START, END)
    assert (result.value, result.score, result.count.numerator, result.count.denominator) == (66.7, 3, 2, 3)


def test_diversity_counts_the_starts_no_other_start_shares(team, specialist):
    employers = [factories.make_employer(team) for _ in range(9)]
    people = [factories.make_participant(team, specialist) for _ in range(10)]
    workplaces = [*employers, employers[0]]  # the example: 10 starts, 2 at the same employer
    codes = ["4322", "5120", "9111", "5223", "7119", "9412", "9412", "5311", "4112", "2342"]  # 2 share 9412
    for n, (person, employer, code) in enumerate(zip(people, workplaces, codes, strict=True)):
        factories.make_placement(person, employer, started_on=START + timedelta(days=n), occupation=code,
                                 competitive=n != 0)  # 9 of 10 competitive
    factories.make_placement(people[0], employers[1], started_on=START, hours=3.0)  # under 4 hours: not a job start
    # 8 of 10 starts are at an employer no other start shares: 80 % → a 4 (not 9 different of 10 = 90 % → 5).
    employers_result = fidelity.employer_diversity(team, START, END)
    assert (employers_result.value, employers_result.score, employers_result.count.numerator,
            employers_result.count.denominator) == (80.0, 4, 8, 10)
    types = fidelity.job_type_diversity(team, START, END)
    assert (types.value, types.score) == (80.0, 4)
    competitive = fidelity.competitive_jobs(team, START, END)
    assert (competitive.value, competitive.score) == (90.0, 4)


def test_job_types_compare_four_digit_ssyk_and_leave_uncoded_starts_out(team, specialist):
    employer = factories.make_employer(team)
    for code in ("4322", "5120", None):
        factories.make_placement(factories.make_participant(team, specialist), employer, started_on=START,
                                 occupation=code)
    # 2 coded starts in different occupations: 100 %; the uncoded one cannot be judged.
    result = fidelity.job_type_diversity(team, START, END)
    assert (result.value, result.count.numerator, result.count.denominator) == (100.0, 2, 2)


def test_benefits_counselling_before_the_first_day(team, specialist):
    employer = factories.make_employer(team)
    counselled = factories.make_participant(team, specialist, entered_on=date(2026, 9, 1))
    late = factories.make_participant(team, specialist, entered_on=date(2026, 9, 1))
    db.session.add_all([BenefitsCounselling(participant_id=counselled.id, held_on=START, occasion="before_job_start"),
                        BenefitsCounselling(participant_id=late.id, held_on=END, occasion="before_job_start")])
    factories.make_placement(counselled, employer, started_on=START + timedelta(days=1))
    factories.make_placement(late, employer, started_on=START + timedelta(days=1))  # session after the start
    # 1 of 2 = 50 %: a 3.
    result = fidelity.benefits_counselling(team, START, END)
    assert (result.value, result.score) == (50.0, 3)


@pytest.mark.parametrize("before, value, score", [(True, 100.0, 5), (False, 75.0, 4)])
def test_follow_along_pattern(team, specialist, before, value, score):
    start, end = date(2026, 6, 1), date(2026, 8, 31)
    employer = factories.make_employer(team)
    person = factories.make_participant(team, specialist, entered_on=date(2026, 5, 1))
    plan = factories.make_followup_plan(factories.make_placement(person, employer, started_on=start), user=specialist)
    days = [start + timedelta(days=d) for d in (1, 8, 15, 22)]  # within 3 days, and in each of weeks 1–4
    days += [start + timedelta(days=d) for d in (30, 60)]  # each 30 days after the first four weeks
    for day in days:
        factories.make_followup_contact(plan, day)
    week_before = start - timedelta(days=3)
    if before:
        factories.make_followup_contact(plan, week_before)
    else:  # none of these is a face-to-face meeting with her
        factories.make_followup_contact(plan, week_before, form="phone")
        factories.make_followup_contact(plan, week_before, audience="employer_supervisor")
        factories.make_contact(employer, specialist, contacted_at=at(week_before)).participants = [person]
    # Parts that apply: before, after, weekly, monthly (no job end): 4 of 4 = 100 % or 3 of 4 = 75 %.
    result = fidelity.follow_along(team, start, end)
    assert (result.value, result.score) == (value, score)


def test_follow_along_after_a_job_loss_counts_the_ended_jobs_plan(team, specialist):
    start, end = date(2026, 6, 1), date(2026, 8, 31)
    person = factories.make_participant(team, specialist, entered_on=date(2025, 1, 1))
    job = factories.make_placement(person, factories.make_employer(team), started_on=date(2025, 3, 1),
                                   ended_on=date(2026, 7, 10))
    plan = factories.make_followup_plan(job, user=specialist)
    factories.make_followup_contact(plan, date(2026, 7, 12))  # two days after the last day
    result = fidelity.follow_along(team, start, end)
    assert (result.value, result.score, result.count.denominator) == (100.0, 5, 1)  # the one part that applies: met


def test_the_report_says_which_items_need_a_human_rating(team, specialist):
    report = fidelity.fidelity_report(team, START, END)
    assert len(ITEMS) == 25 and fidelity.MAX_TOTAL == 125
    assert {r.item.key for r in report.results} == set(MEASURES)
    assert {e.item.key for e in report.human} == set(ITEMS) - set(MEASURES)
    assert next(e for e in report.human if e.item.key == "disclosure").note is not None  # the evidence
    assert report.band is None and report.unscored == 25 - len(report.scored)


@pytest.mark.parametrize("total, band", [(125, "mycket god metodtrohet"), (115, "mycket god metodtrohet"),
                                         (114, "god metodtrohet"), (100, "god metodtrohet"),
                                         (99, "godtagbar metodtrohet"), (74, "godtagbar metodtrohet"),
                                         (73, "inte IPS"), (25, "inte IPS")])
def test_bands_of_the_total(total, band):
    assert str(fidelity.band(total)) == band


@pytest.mark.parametrize("scale, rows", [
    (Scale((20, 25, 30, 40), higher=False), [(5, "≤", 20), (4, "≤", 25), (3, "≤", 30), (2, "≤", 40), (1, ">", 40)]),
    (Scale((85, 70, 60, 50)), [(5, "≥", 85), (4, "≥", 70), (3, "≥", 60), (2, "≥", 50), (1, "<", 50)]),
])
def test_anchor_tables(scale, rows):
    assert scale.anchors() == rows
