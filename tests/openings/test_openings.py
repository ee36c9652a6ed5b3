import re
from datetime import date

import pytest
from sqlalchemy import select

from crm.core.history import RecordChange
from crm.extensions import db
from crm.openings.models import JobAnalysis, Opening, OpeningStatus

from .. import factories

ANALYSIS = {
    "analysed_on": "2026-11-20", "business_needs": "Varorna hinner inte upp på hyllorna före öppning",
    "tasks": "Packa upp, prismärka", "hours_min": "20", "hours_max": "30", "weekdays": "y",
    "setting": "indoor", "soundscape": "quiet", "people_contact": "low", "physical_demands": "medium",
    "municipality": "Nyköping", "monthly_wage": "24500", "subsidy_openness": "maybe",
    "hiring_process": "deciding_manager",
}


def test_record_and_revise_a_job_analysis(login, specialist, team):
    employer = factories.make_employer(team)
    client = login(specialist)
    response = client.post(f"/employers/{employer.id}/analyses/new", data=ANALYSIS)
    assert response.status_code == 302
    first = db.session.scalar(select(JobAnalysis).where(JobAnalysis.employer_id == employer.id))
    assert first.hours_min == 20 and first.author_id == specialist.id and first.municipality == "Nyköping"

    revised = dict(ANALYSIS, analysed_on="2026-11-27", hours_max="35")
    client.post(f"/employers/{employer.id}/analyses/new?revise={first.id}", data=revised)
    analyses = db.session.scalars(select(JobAnalysis).where(JobAnalysis.employer_id == employer.id)
                                  .order_by(JobAnalysis.analysed_on)).all()
    assert [a.hours_max for a in analyses] == [30, 35]
    assert analyses[1].revises_id == first.id
    page = client.get(f"/analyses/{first.id}").get_data(as_text=True)
    assert "Tidigare version" in page  # the older one says so, and links to the newer


def test_a_second_revision_of_the_same_analysis_is_refused_once_with_the_first_ones_changes(login, specialist,
                                                                                          team_lead, team, client):
    employer = factories.make_employer(team)
    first = factories.make_analysis(employer, author=specialist, hours_max=30)
    url = f"/employers/{employer.id}/analyses/new?revise={first.id}"
    # Both open the revision form; the team lead saves first.
    login(team_lead).post(url, data=dict(ANALYSIS, analysed_on="2026-11-27", hours_max="35"))
    client.post("/logout")

    mine = dict(ANALYSIS, analysed_on="2026-11-28", tasks="Packa upp, prismärka, kassa")
    response = login(specialist).post(url, data=mine)

    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Packa upp, prismärka, kassa" in page  # the input is kept
    assert "<strong>35</strong>" in page  # the other revision's value is shown
    assert len(db.session.scalars(select(JobAnalysis).where(JobAnalysis.employer_id == employer.id)).all()) == 2
    seen = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)

    again = client.post(url, data=dict(mine, version=seen))  # having read the changes: saved
    assert again.status_code == 302
    newest = db.session.scalars(select(JobAnalysis).where(JobAnalysis.employer_id == employer.id)
                                .order_by(JobAnalysis.id)).all()
    assert len(newest) == 3 and newest[2].revises_id == int(seen) and newest[1].revises_id == first.id


@pytest.mark.parametrize(("field", "value"), [("hours_max", "10"), ("municipality", "Atlantis"),
                                              ("business_needs", ""), ("analysed_on", "igår")])
def test_bad_analysis_input_is_explained_and_kept(login, specialist, team, field, value):
    employer = factories.make_employer(team)
    response = login(specialist).post(f"/employers/{employer.id}/analyses/new", data=dict(ANALYSIS, **{field: value}))
    assert response.status_code == 422
    assert "Varorna hinner inte upp" in response.get_data(as_text=True) or field == "business_needs"
    assert db.session.scalar(select(JobAnalysis).where(JobAnalysis.employer_id == employer.id)) is None


def test_opening_drafted_from_analysis_inherits_conditions(login, specialist, team):
    employer = factories.make_employer(team)
    analysis = factories.make_analysis(employer, hours_min=20, hours_max=30, evenings=True, municipality="Trosa")
    client = login(specialist)
    form = client.get(f"/employers/{employer.id}/openings/new?analysis={analysis.id}").get_data(as_text=True)
    assert 'value="Trosa"' in form
    response = client.post(f"/employers/{employer.id}/openings/new?analysis={analysis.id}", data={
        "title": "Butiksbiträde", "occupation_code": "5222 Butikssäljare, dagligvaror", "hours_min": "20",
        "hours_max": "30", "evenings": "y", "municipality": "Trosa", "status": "open", "competitive": "y"})
    assert response.status_code == 302
    opening = db.session.scalar(select(Opening).where(Opening.employer_id == employer.id))
    assert opening.occupation_code == "5222" and opening.job_analysis_id == analysis.id
    assert opening.evenings and not opening.weekends and opening.competitive and not opening.requires_disclosure


def test_unknown_occupation_is_refused(login, specialist, team):
    employer = factories.make_employer(team)
    response = login(specialist).post(f"/employers/{employer.id}/openings/new", data={
        "title": "Drömjobb", "occupation_code": "9999 Astronaut", "status": "open"})
    assert response.status_code == 422


def test_edit_opening_records_history_and_refuses_stale_saves(login, specialist, team):
    employer = factories.make_employer(team)
    opening = factories.make_opening(employer, title="Diskare")
    client = login(specialist)
    seen = opening.version
    response = client.post(f"/openings/{opening.id}/edit", data={
        "title": "Diskare", "status": "filled", "version": seen, "weekdays": "y"})
    assert response.status_code == 302
    db.session.refresh(opening)
    assert opening.status == OpeningStatus.FILLED
    change = db.session.scalar(select(RecordChange).where(RecordChange.entity_type == "openings"))
    assert change.changes["status"] == ["open", "filled"]
    stale = client.post(f"/openings/{opening.id}/edit", data={"title": "Kallskänka", "status": "open",
                                                              "version": seen})
    assert stale.status_code == 409
    assert "Kallskänka" in stale.get_data(as_text=True)
    db.session.refresh(opening)
    assert opening.title == "Diskare"


def test_team_list_shows_open_openings_first(login, specialist, team, other_team):
    employer = factories.make_employer(team)
    factories.make_opening(employer, title="Öppen tjänst")
    factories.make_opening(employer, title="Tillsatt tjänst", status=OpeningStatus.FILLED)
    factories.make_opening(factories.make_employer(other_team), title="Annat lags tjänst")
    client = login(specialist)
    page = client.get("/openings/").get_data(as_text=True)
    assert "Öppen tjänst" in page and "Tillsatt tjänst" not in page and "Annat lags tjänst" not in page
    page = client.get("/openings/?status=").get_data(as_text=True)
    assert "Tillsatt tjänst" in page


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_other_teams_staff_are_refused(login, team, other_team, role):
    employer = factories.make_employer(team)
    analysis = factories.make_analysis(employer)
    opening = factories.make_opening(employer)
    client = login(factories.make_user(role=role, team=other_team))
    assert client.get(f"/analyses/{analysis.id}").status_code == 403
    assert client.get(f"/openings/{opening.id}").status_code == 403
    assert client.post(f"/openings/{opening.id}/edit", data={"title": "x"}).status_code == 403
    assert client.post(f"/employers/{employer.id}/analyses/new", data=ANALYSIS).status_code == 403
    assert client.post(f"/employers/{employer.id}/openings/new", data={"title": "x"}).status_code == 403


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_are_refused(login, team, role):
    employer = factories.make_employer(team)
    opening = factories.make_opening(employer)
    analysis = factories.make_analysis(employer, analysed_on=date(2026, 1, 5))
    client = login(factories.make_user(role=role))
    for url in ("/openings/", f"/openings/{opening.id}", f"/analyses/{analysis.id}",
                f"/employers/{employer.id}/openings/new"):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_team_staff_may_work_with_openings(login, team, role):
    employer = factories.make_employer(team)
    opening = factories.make_opening(employer)
    client = login(factories.make_user(role=role, team=team))
    assert client.get(f"/openings/{opening.id}").status_code == 200
    assert client.get(f"/openings/{opening.id}/edit").status_code == 200
    assert client.get(f"/employers/{employer.id}/analyses/new").status_code == 200


def test_changing_a_date_is_recorded_in_the_history(login, specialist, team):
    opening = factories.make_opening(factories.make_employer(team), title="Diskare")
    login(specialist).post(f"/openings/{opening.id}/edit", data={
        "title": "Diskare", "status": "open", "version": opening.version, "earliest_start_on": "2027-01-10"})
    change = db.session.scalar(select(RecordChange).where(RecordChange.entity_type == "openings"))
    assert change.changes["earliest_start_on"] == [None, "2027-01-10"]
