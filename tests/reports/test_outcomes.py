"""The outcome report and the share in competitive work or studies, on a hand-built team."""
from datetime import date

from crm.reports.dashboard import employers_by_stage, job_starts_per_month, weekly_contacts
from crm.reports.outcomes import outcome_report, work_or_studies

from .. import factories

START, END = date(2026, 1, 1), date(2026, 6, 30)


def test_share_in_competitive_work_or_studies(team, specialist):
    employer = factories.make_employer(team)
    working = factories.make_participant(team, specialist)
    factories.make_placement(working, employer, started_on=date(2026, 3, 1))  # current, competitive: counts
    factories.make_participant(team, specialist, outcome="studies")  # studying: counts
    both = factories.make_participant(team, specialist, outcome="studies")
    factories.make_placement(both, employer, started_on=date(2026, 3, 1))  # counted once, as in work
    sheltered = factories.make_participant(team, specialist)
    factories.make_placement(sheltered, employer, started_on=date(2026, 3, 1), competitive=False)  # not competitive
    ended = factories.make_participant(team, specialist)
    factories.make_placement(ended, employer, started_on=date(2026, 1, 1), ended_on=date(2026, 2, 1))  # job over
    factories.make_participant(team, specialist)  # nothing yet
    factories.make_participant(team, specialist, status="passive", outcome="studies")  # not active: not counted
    # Active: 6. In competitive work: 2 (working, both). In studies and not in work: 1. 3 / 6 = 50 %.
    share = work_or_studies(team.id, date(2026, 6, 30))
    assert (share.active, share.in_work, share.in_studies, share.percent, share.meets_target) == (6, 2, 1, 50.0, True)


def test_outcome_report_figures(team, specialist):
    employer = factories.make_employer(team)
    anna = factories.make_participant(team, specialist, outcome="work")
    bo = factories.make_participant(team, specialist, status="closed", outcome="rehabilitation")
    cem = factories.make_participant(team, specialist)
    factories.make_placement(anna, employer, started_on=date(2025, 10, 1), ended_on=date(2025, 12, 1))  # before
    # Anna's second start (not her first); 150 days to the end of the period, still working; 30 h, 25 000 SEK.
    factories.make_placement(anna, employer, started_on=date(2026, 2, 1), hours=30.0, monthly_wage=25_000)
    # Bo's first start: ends after 28 days (not retained 90 days); 10 h, 12 000 SEK.
    factories.make_placement(bo, employer, started_on=date(2026, 3, 1), ended_on=date(2026, 3, 29), hours=10.0,
                             monthly_wage=12_000)
    # Cem's first start, 20 days before the end: too recent for the 90-day figure; 20 h, no wage recorded.
    factories.make_placement(cem, employer, started_on=date(2026, 6, 10), hours=20.0)
    factories.make_placement(cem, employer, started_on=date(2026, 6, 11), employment_form="work_placement")  # praktik
    report = outcome_report(team.id, START, END)
    assert report.by_status["active"] == 2 and report.by_status["closed"] == 1
    assert report.by_outcome["work"] == 1 and report.by_outcome["rehabilitation"] == 1 and report.by_outcome[None] == 1
    assert (report.starts, report.first_starts) == (3, 2)
    # Eligible for 90 days: Anna's (1 Feb) and Bo's (1 Mar); only Anna's lasted: 1 of 2 = 50 %.
    assert (report.retained_90, report.eligible_90, report.retention_percent) == (1, 2, 50.0)
    assert report.still_working == 2
    # Tenure to 30 June or the end: Anna 149 days, Bo 28, Cem 20: median 28.
    assert report.median_tenure_days == 28
    assert (report.mean_hours, report.thirty_hours) == (20.0, 1)  # (30 + 10 + 20) / 3
    assert (report.median_wage, report.with_wage) == (18_500, 2)
    assert report.competitive == 3


def test_dashboard_series(app, team, specialist):
    from datetime import UTC, datetime

    employer = factories.make_employer(team, stage="relationship", sni_code="56100")
    factories.make_employer(team, stage="relationship")
    factories.make_contact(employer, specialist, contacted_at=datetime(2026, 11, 23, 10, tzinfo=UTC))  # this week
    factories.make_contact(employer, specialist, contacted_at=datetime(2026, 11, 17, 10, tzinfo=UTC))  # last week
    factories.make_contact(employer, specialist, contacted_at=datetime(2026, 8, 17, 10, tzinfo=UTC))  # 15 weeks ago
    with app.test_request_context():  # labels in the reader's language: "v. 37"
        chart = weekly_contacts(team.id, date(2026, 11, 24))
    assert chart.labels[0] == "v. 37" and chart.labels[-1] == "v. 48" and len(chart.labels) == 12
    assert chart.series["Sara Specialist"][-2:] == [1, 1] and sum(chart.series["Sara Specialist"]) == 2
    person = factories.make_participant(team, specialist)
    factories.make_placement(person, employer, started_on=date(2026, 11, 2))
    factories.make_placement(person, employer, started_on=date(2025, 11, 30))  # 12 months back starts in December
    with app.test_request_context():
        starts = job_starts_per_month(team.id, date(2026, 11, 24))
    assert starts.labels[0] == "dec. 2025" and starts.series["starts"] == [0] * 11 + [1]
    with app.test_request_context():  # the stage names are translated
        stages = employers_by_stage(team.id)
    assert stages.series["employers"][2] == 2  # relationship is the third stage


def test_the_path_from_referral_to_work_and_the_monthly_share(team, specialist):
    from datetime import UTC, datetime

    from crm.reports.outcome_charts import referral_funnel, share_by_month

    employer = factories.make_employer(team)
    waiting = factories.make_participant(team, specialist, status="waiting_list", entered_on=date(2026, 2, 1))
    contacted = factories.make_participant(team, specialist, entered_on=date(2026, 1, 10))
    factories.make_contact(employer, specialist, contacted_at=datetime(2026, 2, 1, 10, tzinfo=UTC)
                           ).participants = [contacted]
    working = factories.make_participant(team, specialist, entered_on=date(2026, 1, 5))
    factories.make_placement(working, employer, started_on=date(2026, 2, 1))  # 149 days to 30 June: retained
    short = factories.make_participant(team, specialist, entered_on=date(2026, 1, 5))
    factories.make_placement(short, employer, started_on=date(2026, 2, 1), ended_on=date(2026, 3, 1))
    factories.make_participant(team, specialist, entered_on=date(2025, 12, 1))  # before the period
    funnel = referral_funnel(team.id, START, END)
    # Referred 4 (waiting, contacted, working, short); active 3 (not the one waiting); contact 1; starts 2;
    # still in work after 90 days 1.
    assert funnel.series["participants"] == [4, 3, 1, 2, 1] and waiting.id
    shares = share_by_month(team.id, START, END)
    assert len(shares.labels) == 6 and shares.labels[0] == "jan. 2026" and shares.labels[-1] == "juni 2026"
    # Active: contacted, working, short and the earlier one (4); in work at the end of February: working and short.
    assert shares.series["share"] == [0, 50.0, 25.0, 25.0, 25.0, 25.0] and shares.target == 40
