from datetime import date

import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.followup.models import FollowUpPlan
from crm.participants import services as participant_services
from crm.participants.models import ParticipantStatus
from crm.placements.models import EmploymentForm, EndReason, Placement
from crm.placements.queries import job_start_figures

from .. import factories


def test_job_start_recorded_at_an_employer(login, specialist, team):
    employer = factories.make_employer(team, name="Bageriet")
    anna = factories.make_participant(team, first_name="Anna", last_name="Lind")
    response = login(specialist).post(f"/employers/{employer.id}/placements/new", data={
        "participant_id": anna.id, "title": "Bagare", "occupation_code": "7612", "started_on": "2026-11-02",
        "hours_per_week": "15.5", "employment_form": "hourly", "competitive": "y"})
    placement = db.session.scalar(select(Placement))
    assert placement.hours_per_week == 15.5 and placement.employment_form == EmploymentForm.HOURLY
    # Straight on to agree follow-up support with her: the plan is proposed, not yet made.
    assert response.headers["Location"].endswith(f"/placements/{placement.id}/follow-up")
    page = login(specialist).get(response.headers["Location"]).get_data(as_text=True)
    assert "Grattis! Jobbstarten för Anna Lind är registrerad." in page and "Föreslagen plan" in page
    assert db.session.scalar(select(FollowUpPlan)) is None


def test_job_start_refuses_bad_input_and_keeps_it(login, specialist, team):
    employer = factories.make_employer(team)
    anna = factories.make_participant(team)
    response = login(specialist).post(f"/employers/{employer.id}/placements/new", data={
        "participant_id": anna.id, "title": "Bagare", "started_on": "2026-11-02", "hours_per_week": "90",
        "employment_form": "hourly"})
    assert response.status_code == 422 and "Bagare" in response.get_data(as_text=True)
    assert db.session.scalar(select(Placement)) is None


def test_job_end_restarts_the_search(login, specialist, team):
    employer = factories.make_employer(team)
    anna = factories.make_participant(team, status="passive")
    placement = factories.make_placement(anna, employer, started_on=date(2026, 10, 1))
    client = login(specialist)
    bad = client.post(f"/placements/{placement.id}/end", data={"ended_on": "2026-09-01", "end_reason": "resigned"})
    assert bad.status_code == 422
    response = client.post(f"/placements/{placement.id}/end", data={
        "ended_on": "2026-11-20", "end_reason": "contract_ended", "restart_search": "y"})
    assert response.headers["Location"].endswith(f"/participants/{anna.id}/matches")
    db.session.refresh(placement)
    db.session.refresh(anna)
    assert placement.ended_on == date(2026, 11, 20) and placement.end_reason == EndReason.CONTRACT_ENDED
    assert anna.status == ParticipantStatus.ACTIVE
    assert anna.status_changes[0].status == ParticipantStatus.ACTIVE  # the history says so too


def test_team_figures_worked_by_hand(team, specialist):
    a = factories.make_participant(team)
    b = factories.make_participant(team)
    c = factories.make_participant(team)
    participant_services.save_preferences(a, specialist, {"hours_min": 30, "hours_max": 40,
                                                           "reviewed_on": date(2026, 1, 1)})
    participant_services.save_preferences(b, specialist, {"hours_min": 10, "hours_max": 20,
                                                           "reviewed_on": date(2026, 1, 1)})
    shop, cafe = factories.make_employer(team), factories.make_employer(team)
    factories.make_placement(a, shop, hours=35, occupation="5222")             # wanted 30+, got it
    factories.make_placement(a, cafe, hours=20, occupation="5120", started_on=date(2026, 6, 1))  # wanted 30+, did not
    factories.make_placement(b, shop, hours=15, occupation="5222", competitive=False)
    factories.make_placement(c, cafe, hours=3, occupation="9412")              # under 4 hours: not a job start
    factories.make_placement(c, cafe, hours=20, started_on=date(2025, 1, 1))   # outside the period
    figures = job_start_figures(team.id, date(2026, 1, 1), date(2026, 12, 31))
    # 3 starts; employers {shop, cafe} = 2; job types {5222, 5120} = 2; competitive 2 of 3; 30 h: 1 of 2
    assert (figures.starts, figures.employers, figures.job_types, figures.competitive) == (3, 2, 2, 2)
    assert (figures.wanted_30, figures.got_30) == (2, 1)
    assert figures.employer_diversity == 66.7 and figures.competitive_share == 66.7
    assert figures.thirty_hours_share == 50.0


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_team_staff_see_job_starts(login, team, role):
    placement = factories.make_placement(factories.make_participant(team), factories.make_employer(team))
    client = login(factories.make_user(role=role, team=team))
    assert client.get("/placements/").status_code == 200
    assert client.get(f"/placements/{placement.id}").status_code == 200


def test_others_are_refused(login, team, other_team):
    placement = factories.make_placement(factories.make_participant(team), factories.make_employer(team))
    for user in (factories.make_user(team=other_team), factories.make_user(role="partner"),
                 factories.make_user(role="admin")):
        client = login(user)
        assert client.get(f"/placements/{placement.id}").status_code == 403
        assert client.post(f"/placements/{placement.id}/end", data={}).status_code == 403
        client.post("/logout")
    assert login(factories.make_user(role="partner")).get("/placements/").status_code == 403
