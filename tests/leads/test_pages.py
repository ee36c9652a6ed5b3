"""Leads in the app: the list and an ad's page, per role; one step to an opening or a new employer; the
"hiring now" badge on employer pages; leads beside openings in matching; the saved searches."""
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from crm.contacts.models import NextStep
from crm.employers.models import Employer
from crm.extensions import db
from crm.leads.models import LeadSearch
from crm.openings.models import Opening
from crm.participants import services as participant_services

from .. import factories


@pytest.fixture
def bakery(team):
    return factories.make_employer(team, name="Bageriet i Nyköping AB", organisation_number="556677-8899")


def test_staff_see_their_teams_open_leads_joined_to_the_register(login, specialist, team, other_team, bakery):
    factories.make_lead(team, headline="Kock till lunchrestaurang")
    factories.make_lead(team, headline="Diskare", employer_name="Hotell AB", organisation_number=None)
    factories.make_lead(team, headline="Stängd annons", closed_at=datetime(2026, 11, 1, tzinfo=UTC))
    factories.make_lead(other_team, headline="Annat teams annons")
    client = login(specialist)

    page = client.get("/leads/").get_data(as_text=True)
    assert "Kock till lunchrestaurang" in page and "Diskare" in page
    assert "Stängd annons" not in page and "Annat teams annons" not in page
    assert f'/employers/{bakery.id}"' in page
    known = client.get("/leads/?show=known").get_data(as_text=True)
    assert "Kock till lunchrestaurang" in known and "Diskare" not in known
    unknown = client.get("/leads/?show=unknown").get_data(as_text=True)
    assert "Diskare" in unknown and "Kock till lunchrestaurang" not in unknown


def test_an_ads_page_shows_its_source_and_link(login, specialist, team):
    lead = factories.make_lead(team, url="https://arbetsformedlingen.se/platsbanken/annonser/29000001")
    page = login(specialist).get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Annons på Platsbanken" in page
    assert 'href="https://arbetsformedlingen.se/platsbanken/annonser/29000001"' in page


@pytest.mark.parametrize("role, status", [("job_specialist", 200), ("team_lead", 200), ("admin", 403),
                                          ("partner", 403)])
def test_who_may_read_leads(login, team, role, status):
    lead = factories.make_lead(team)
    user = factories.make_user(role=role, team=team if role in ("job_specialist", "team_lead") else None)
    client = login(user)
    assert client.get("/leads/").status_code == status
    assert client.get(f"/leads/{lead.id}").status_code == status


def test_another_teams_lead_is_refused(login, specialist, other_team):
    lead = factories.make_lead(other_team)
    client = login(specialist)
    assert client.get(f"/leads/{lead.id}").status_code == 403
    assert client.post(f"/leads/{lead.id}/employer").status_code == 403
    assert db.session.scalar(select(Employer).where(Employer.team_id == specialist.team_id)) is None


def test_an_ad_from_a_known_employer_becomes_an_opening_in_one_step(login, specialist, team, bakery):
    lead = factories.make_lead(team, hours_min=30, hours_max=40)
    response = login(specialist).post(f"/leads/{lead.id}/opening")
    opening = db.session.scalar(select(Opening).where(Opening.employer_id == bakery.id))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/openings/{opening.id}")
    assert (opening.title, opening.occupation_code, opening.municipality, opening.hours_min, opening.hours_max) == (
        "Kock till lunchrestaurang", "5120", "Nyköping", 30, 40)
    db.session.refresh(lead)
    assert lead.opening_id == opening.id
    assert login(specialist).post(f"/leads/{lead.id}/opening").status_code == 409  # not twice


def test_an_ad_from_an_unknown_employer_becomes_a_new_employer_with_a_first_step(login, specialist, team):
    lead = factories.make_lead(team, employer_name="Hotell Nyköping AB", organisation_number="556016-0680",
                               occupation_label="Restaurang- och köksbiträden")
    response = login(specialist).post(f"/leads/{lead.id}/employer")
    employer = db.session.scalar(select(Employer).where(Employer.team_id == team.id))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/employers/{employer.id}")
    assert (employer.name, employer.organisation_number, employer.municipality) == (
        "Hotell Nyköping AB", "556016-0680", "Nyköping")
    step = db.session.scalar(select(NextStep).where(NextStep.employer_id == employer.id))
    assert step.what == "Kontakta om Restaurang- och köksbiträden" and step.owner_id == specialist.id
    # Found again by the number, the badge now shows on the new employer's page.
    assert "Anställer nu" in login(specialist).get(f"/employers/{employer.id}").get_data(as_text=True)


def test_hiring_now_shows_on_the_employer_page_and_in_the_list(login, specialist, team, bakery):
    factories.make_lead(team, occupation_code="5120", deadline_on=None)
    factories.make_lead(team, headline="Gammal", occupation_code="9412", closed_at=datetime(2026, 11, 1, tzinfo=UTC))
    client = login(specialist)
    detail = client.get(f"/employers/{bakery.id}").get_data(as_text=True)
    assert "Anställer nu: Kockar och kallskänkor" in detail
    assert "Restaurang- och köksbiträden" not in detail
    assert "Anställer nu: Kockar och kallskänkor" in client.get("/employers/").get_data(as_text=True)


def test_hiring_now_shows_the_deadline(login, specialist, team, bakery):
    factories.make_lead(team, deadline_on=date(2099, 1, 15))
    assert "sök senast 2099-01-15" in login(specialist).get(f"/employers/{bakery.id}").get_data(as_text=True)


def test_matching_shows_leads_beside_openings_marked_as_ads(login, specialist, team, bakery):
    anna = factories.make_participant(team, specialist=specialist, first_name="Anna", last_name="Lind")
    participant_services.save_preferences(anna, specialist, {
        "hours_min": 20, "hours_max": 40, "occupations": ["5120"], "municipalities": ["Nyköping"],
        "reviewed_on": date(2026, 11, 24)})
    factories.make_opening(bakery, title="Bagare", occupation_code="7412", municipality="Nyköping")
    factories.make_lead(team, headline="Kock till lunchrestaurang", hours_min=30, hours_max=40)
    factories.make_lead(team, headline="Kock i Kiruna", municipality="Kiruna", municipality_code="2584")
    page = login(specialist).get(f"/participants/{anna.id}/matches").get_data(as_text=True)
    assert "Kock till lunchrestaurang" in page and "Bagare" in page
    assert page.index("Kock till lunchrestaurang") < page.index("Bagare")  # the wanted occupation ranks first
    assert "Platsannons" in page and "Annons på Platsbanken" in page
    assert "Ett yrke som deltagaren vill ha: Kockar och kallskänkor" in page
    assert "Kock i Kiruna" not in page  # a place Anna did not choose


def test_a_new_search_starts_from_the_participants_wishes(login, specialist, team_lead, team):
    anna = factories.make_participant(team, specialist=specialist)
    participant_services.save_preferences(anna, specialist, {
        "occupations": ["5120", "9412"], "municipalities": ["Nyköping"], "reviewed_on": date(2026, 11, 24)})
    passive = factories.make_participant(team, specialist=specialist, status="passive")
    participant_services.save_preferences(passive, specialist, {
        "occupations": ["2611"], "reviewed_on": date(2026, 11, 24)})
    client = login(team_lead)
    form = client.get("/leads/searches/new").get_data(as_text=True)
    assert 'value="5120, 9412"' in form and 'value="Nyköping"' in form and "2611" not in form

    response = client.post("/leads/searches/new", data={"name": "Kök", "occupations": "5120, 9412",
                                                        "municipalities": "nyköping, Flen", "active": "y"})
    assert response.status_code == 302
    search = db.session.scalar(select(LeadSearch).where(LeadSearch.team_id == team.id))
    assert (search.occupations, search.municipalities, search.active) == (["5120", "9412"], ["0480", "0482"], True)


def test_a_search_with_unknown_codes_is_refused_with_the_input_kept(login, team_lead):
    response = login(team_lead).post("/leads/searches/new", data={"name": "Fel", "occupations": "5120, 12345",
                                                                   "municipalities": "Atlantis"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Inte en SSYK-yrkeskod: 12345" in page and "Inte en svensk kommun: Atlantis" in page
    assert 'value="5120, 12345"' in page
    empty = login(team_lead).post("/leads/searches/new", data={"name": "Tom"})
    assert empty.status_code == 422


def test_the_team_lead_edits_a_search(login, team_lead, team):
    search = factories.make_lead_search(team)
    client = login(team_lead)
    assert "Kök i Nyköping" in client.get("/leads/searches").get_data(as_text=True)
    response = client.post(f"/leads/searches/{search.id}", data={"name": "Kök", "occupations": "5120",
                                                                  "municipalities": "", "free_text": "lunch"})
    assert response.status_code == 302
    db.session.refresh(search)
    assert (search.name, search.municipalities, search.free_text, search.active) == ("Kök", [], "lunch", False)


@pytest.mark.parametrize("role", ["job_specialist", "admin", "partner"])
def test_only_the_team_lead_keeps_the_searches(login, team, role):
    search = factories.make_lead_search(team)
    user = factories.make_user(role=role, team=team if role == "job_specialist" else None)
    client = login(user)
    assert client.get("/leads/searches").status_code == 403
    assert client.get("/leads/searches/new").status_code == 403
    assert client.post(f"/leads/searches/{search.id}", data={"name": "x", "free_text": "y"}).status_code == 403


def test_another_teams_lead_cannot_edit_a_search(login, other_team):
    search = factories.make_lead_search(other_team)
    lead_of_team = factories.make_user(role="team_lead")
    assert login(lead_of_team).get(f"/leads/searches/{search.id}").status_code == 403


def test_unknown_codes_are_named_escaped(login, team_lead):
    page = login(team_lead).post("/leads/searches/new", data={
        "name": "x", "occupations": "<script>alert(1)</script>", "municipalities": "<b>Atlantis</b>"}).get_data(
        as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Atlantis</b>" not in page


@pytest.mark.parametrize("role", ["admin", "partner"])
@pytest.mark.parametrize("conversion", ["opening", "employer"])
def test_neither_admin_nor_partner_turns_an_ad_into_an_opening_or_an_employer(login, team, bakery, role, conversion):
    lead = factories.make_lead(team)
    user = factories.make_user(role=role)
    assert login(user).post(f"/leads/{lead.id}/{conversion}").status_code == 403
    db.session.refresh(lead)
    assert lead.opening_id is None
    assert db.session.scalar(select(func.count()).select_from(Opening)) == 0
    assert db.session.scalar(select(func.count()).select_from(Employer)) == 1  # the bakery alone

