"""Choosing the employer to log a contact with: due steps first, then recent ones, a search, a new employer."""
from datetime import timedelta

from sqlalchemy import select

from crm.core import clock
from crm.employers.models import Employer
from crm.extensions import db

from .. import factories


def test_employers_with_a_step_due_come_first_most_overdue_first(login, specialist, team, other_team):
    later = factories.make_employer(team, name="Bageriet AB")
    overdue = factories.make_employer(team, name="Verkstan AB")
    factories.make_next_step(later, specialist, clock.today(), what="Ring")
    factories.make_next_step(overdue, specialist, clock.today() - timedelta(days=3), what="Besök")
    factories.make_next_step(factories.make_employer(team, name="Framtiden AB"), specialist,
                             clock.today() + timedelta(days=1), what="Sen")
    factories.make_next_step(factories.make_employer(team, name="Kollegans AB"), factories.make_user(team=team),
                             clock.today(), what="Inte min")
    page = login(specialist).get("/contacts/log").get_data(as_text=True)
    due = page[page.index('id="due-heading"'):page.index('id="new-heading"')]
    assert due.index("Verkstan AB") < due.index("Bageriet AB")
    assert "Framtiden AB" not in due and "Kollegans AB" not in due


def test_a_search_narrows_the_list_and_an_empty_one_offers_a_new_employer(login, specialist, team):
    factories.make_employer(team, name="Bageriet AB", municipality="Borås")
    factories.make_employer(team, name="Verkstan AB")
    client = login(specialist)
    page = client.get("/contacts/log?q=borås").get_data(as_text=True)
    listed = page[page.index('id="all-heading"'):]
    assert "Bageriet AB" in listed and "Verkstan AB" not in listed
    page = client.get("/contacts/log?q=Nya Kaféet").get_data(as_text=True)
    assert "Ingen arbetsgivare matchar ”Nya Kaféet”." in page
    assert 'value="Nya Kaféet"' in page and "<details open>" in page  # the new-employer form, the name filled in


def test_a_first_cold_visit_adds_the_employer_with_name_and_municipality(login, specialist, team):
    response = login(specialist).post("/contacts/log", data={"name": "Nya Kaféet", "municipality": "Alingsås",
                                                             "next": "/week/"})
    employer = db.session.scalar(select(Employer).where(Employer.name == "Nya Kaféet"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/contacts/log/{employer.id}?next=/week/"
    assert (employer.team_id, employer.municipality, employer.responsible_specialist_id) == (
        team.id, "Alingsås", specialist.id)


def test_a_similar_employer_is_shown_before_adding_another(login, specialist, team):
    existing = factories.make_employer(team, name="Kafé Solsidan AB", municipality="Borås")
    client = login(specialist)
    response = client.post("/contacts/log", data={"name": "Kafe Solsidan", "municipality": "Borås"})
    assert response.status_code == 200
    assert f"/contacts/log/{existing.id}" in response.get_data(as_text=True)
    assert db.session.scalar(select(Employer).where(Employer.name == "Kafe Solsidan")) is None
    response = client.post("/contacts/log", data={"name": "Kafe Solsidan", "municipality": "Borås",
                                                  "not_a_duplicate": "y"})
    assert response.status_code == 302


def test_a_new_employer_needs_a_name(login, specialist):
    response = login(specialist).post("/contacts/log", data={"name": "", "municipality": "Borås"})
    assert response.status_code == 422 and 'value="Borås"' in response.get_data(as_text=True)


def test_only_staff_add_employers_here(login, partner):
    assert login(partner).post("/contacts/log", data={"name": "X"}).status_code == 403


def test_the_person_met_last_time_is_preselected_else_the_decision_maker(login, specialist, team):
    employer = factories.make_employer(team)
    boss = factories.make_contact_person(employer, name="Berit Chef", is_decision_maker=True)
    colleague = factories.make_contact_person(employer, name="Anders Kock")
    client = login(specialist)
    assert f'<option selected value="{boss.id}">' in client.get(f"/contacts/log/{employer.id}").get_data(as_text=True)
    factories.make_contact(employer, specialist, contact_person=colleague)
    assert f'<option selected value="{colleague.id}">' in client.get(
        f"/contacts/log/{employer.id}").get_data(as_text=True)
