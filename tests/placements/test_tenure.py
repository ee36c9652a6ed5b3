"""Time in the job across the team's job starts, worked out by hand."""
from datetime import date

from crm.placements.queries import tenure_figures

from .. import factories

TODAY = date(2026, 12, 1)


def test_tenure_figures_worked_by_hand(team, other_team):
    people = [factories.make_participant(team) for _ in range(5)]
    shop = factories.make_employer(team)
    # Current: 1 Sep → 91 days; 1 Nov → 30 days; 1 Jun → 183 days.
    factories.make_placement(people[0], shop, started_on=date(2026, 9, 1))
    factories.make_placement(people[1], shop, started_on=date(2026, 11, 1))
    factories.make_placement(people[2], shop, started_on=date(2026, 6, 1))
    # Ended: 1 Jan – 1 Mar → 59 days; 1 Feb – 1 Aug → 181 days.
    factories.make_placement(people[3], shop, started_on=date(2026, 1, 1), ended_on=date(2026, 3, 1))
    factories.make_placement(people[4], shop, started_on=date(2026, 2, 1), ended_on=date(2026, 8, 1))
    factories.make_placement(people[4], shop, started_on=date(2026, 2, 1), hours=3)  # under 4 hours: not a start
    factories.make_placement(people[4], shop, started_on=date(2027, 1, 1))  # not started yet
    factories.make_placement(factories.make_participant(other_team), factories.make_employer(other_team),
                             started_on=date(2020, 1, 1))  # another team's
    figures = tenure_figures(team.id, TODAY)
    assert sorted(figures.current) == [30, 91, 183] and sorted(figures.ended) == [59, 181]
    assert figures.current_median == 91 and figures.current_mean == round((30 + 91 + 183) / 3, 1)  # 101.3
    assert figures.ended_median == 120 and figures.ended_mean == 120
    # 90-day retention: the starts at least 90 days old are 1 Sep, 1 Jun, 1 Jan, 1 Feb (not 1 Nov);
    # of them 1 Sep (91), 1 Jun (183) and 1 Feb (181) lasted 90 days: 3 of 4.
    assert (figures.retained_90, figures.eligible_90, figures.retention_90) == (3, 4, 75.0)


def test_the_job_starts_page_shows_tenure(login, specialist, team):
    factories.make_placement(factories.make_participant(team), factories.make_employer(team),
                             started_on=date(2026, 1, 1), ended_on=date(2026, 3, 1))
    text = login(specialist).get("/placements/").get_data(as_text=True)
    assert "Tid i arbetet" in text and "59 dagar" in text
