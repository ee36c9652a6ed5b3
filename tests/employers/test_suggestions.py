"""The employer field's suggestions (crm/employers/fields.py): the team's register only, a few at a
time, labelled so that each label names one employer; refused to anyone outside the team's staff."""
import pytest

from crm.core import clock
from crm.employers import queries
from crm.employers.queries import SUGGESTIONS

from .. import factories


def _suggested(client, typed: str) -> list[str]:
    response = client.get("/employers/suggestions", query_string={"q": typed})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    return [employer["label"] for employer in response.get_json()["employers"]]


def test_names_from_the_teams_register_starting_with_what_is_typed_first(login, team, other_team, specialist):
    factories.make_employer(team, name="Stora Bageriet AB")
    factories.make_employer(team, name="Bageriet Solrosen AB")
    factories.make_employer(team, name="Bagerikompaniet", archived_at=clock.utcnow())
    factories.make_employer(team, name="Verkstaden AB")
    factories.make_employer(other_team, name="Bageriet i Väst AB")
    client = login(specialist)
    assert _suggested(client, "BAGERI") == ["Bageriet Solrosen AB", "Stora Bageriet AB"]
    assert _suggested(client, "  ") == [] and _suggested(client, "%") == [] and _suggested(client, "_") == []


def test_a_few_at_a_time_and_namesakes_told_apart(login, team, specialist):
    for number in range(SUGGESTIONS + 5):
        factories.make_employer(team, name=f"Butik {number:02d}")
    factories.make_employer(team, name="Café Ankaret", municipality="Nyköping")
    factories.make_employer(team, name="Café Ankaret", municipality="Trosa")
    client = login(specialist)
    assert len(_suggested(client, "butik")) == SUGGESTIONS
    assert _suggested(client, "ankaret") == ["Café Ankaret (Nyköping)", "Café Ankaret (Trosa)"]


def test_every_suggestion_resolves_to_its_employer(team, specialist):
    employers = [factories.make_employer(team, name="Lager AB", municipality=place, organisation_number=number)
                 for place, number in [("Nyköping", None), ("Nyköping", "556036-0793"), ("Nyköping", None),
                                       ("Trosa", None), (None, None)]]
    employers.append(factories.make_employer(team, name="Lager AB (Trosa)"))  # a name that looks like a label
    suggested = queries.employer_suggestions(team.id, "lager")
    assert sorted(employer_id for employer_id, _ in suggested) == sorted(e.id for e in employers)
    for employer_id, label in suggested:
        assert [e.id for e in queries.resolve_employer(team.id, label)] == [employer_id], label


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_refused_outside_the_teams_staff(login, team, role):
    factories.make_employer(team, name="Bageriet Solrosen AB")
    client = login(factories.make_user(role=role))
    response = client.get("/employers/suggestions", query_string={"q": "bageriet"})
    assert response.status_code == 403 and "Solrosen" not in response.get_data(as_text=True)


def test_signed_out_visitors_are_sent_to_sign_in(client, team):
    factories.make_employer(team, name="Bageriet Solrosen AB")
    response = client.get("/employers/suggestions", query_string={"q": "bageriet"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
