"""The header's search: grouped results within the user's team, a fragment for htmx, a page without JS."""
import pytest

from crm.search.queries import PER_GROUP

from .. import factories


@pytest.fixture
def register(team, other_team, specialist):
    employer = factories.make_employer(team, name="Lagerhuset AB", organisation_number="556677-8899",
                                       municipality="Borås")
    factories.make_contact_person(employer, name="Lars Lagerqvist", phone="070-123 45 67", email="lars@lagerhuset.se")
    factories.make_participant(team, specialist, first_name="Lage", last_name="Andersson")
    factories.make_opening(employer, title="Lagerarbetare")
    elsewhere = factories.make_employer(other_team, name="Lagerkungen AB")
    factories.make_participant(other_team, first_name="Lagerlöf", last_name="Annan")
    factories.make_opening(elsewhere, title="Lagerchef")
    return employer


def test_one_term_finds_each_kind_of_record_in_the_team_only(login, specialist, register):
    page = login(specialist).get("/search?q=lage").get_data(as_text=True)
    assert "Lagerhuset AB" in page and "Lars Lagerqvist" in page and "Lage Andersson" in page
    assert "Lagerarbetare" in page
    assert "Lagerkungen" not in page and "Lagerlöf" not in page and "Lagerchef" not in page
    assert f'href="/employers/{register.id}"' in page and f'href="/employers/{register.id}#people"' in page


@pytest.mark.parametrize("term", ["5566778899", "borås", "123 45 67", "lars@lagerhuset"])
def test_organisation_number_municipality_phone_and_email_are_searched(login, specialist, register, term):
    page = login(specialist).get("/search", query_string={"q": term}).get_data(as_text=True)
    assert "Lagerhuset AB" in page


def test_as_you_type_the_answer_is_only_the_results(login, specialist, register):
    response = login(specialist).get("/search?q=lars", headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in page
    assert "Lars Lagerqvist" in page and "Kontaktpersoner" in page


def test_at_most_ten_per_group_and_an_empty_search_offers_a_new_employer(login, specialist, team):
    for n in range(PER_GROUP + 2):
        factories.make_employer(team, name=f"Verkstad {n:02d} AB")
    client = login(specialist)
    page = client.get("/search?q=verkstad").get_data(as_text=True)
    assert page.count("Verkstad ") == PER_GROUP and "Verkstad 00 AB" in page and "Verkstad 10 AB" not in page
    nothing = client.get("/search?q=zzqx").get_data(as_text=True)
    assert "Inget hittades för ”zzqx”." in nothing and 'href="/employers/new' in nothing
    assert "Skriv minst två tecken." in client.get("/search?q=v").get_data(as_text=True)


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_have_no_search(login, role):
    assert login(factories.make_user(role=role)).get("/search?q=lager").status_code == 403


def test_team_lead_searches_the_team(login, team_lead, register):
    assert "Lage Andersson" in login(team_lead).get("/search?q=lage").get_data(as_text=True)
