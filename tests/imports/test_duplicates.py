"""Possible duplicates: found by similar name in the same municipality, listed for the team lead, dismissed,
and offered before a new employer without an organisation number is saved."""
from sqlalchemy import func, select

from crm.employers.models import Employer
from crm.extensions import db
from crm.imports.duplicates import name_key, possible_duplicate_pairs
from crm.imports.models import DuplicateDismissal

from .. import factories


def test_names_are_compared_without_case_punctuation_or_legal_form():
    assert name_key("Kaffebaren i Nyköping AB") == name_key("kaffebaren i nyköping") == "kaffebaren i nyköping"
    assert name_key("Sörmlands Bygg & Måleri HB") == "sörmlands bygg måleri"
    assert name_key("Lantmännen ek. för.") == name_key("Lantmännen Ekonomisk förening") == "lantmännen"
    assert name_key("AB") == "ab"  # never empty


def test_pairs_are_similar_names_in_the_same_municipality_of_the_team(team, other_team):
    cafe = factories.make_employer(team, name="Kaffebaren AB", municipality="Nyköping")
    typo = factories.make_employer(team, name="Kafebaren", municipality="nyköping")
    factories.make_employer(team, name="Kaffebaren", municipality="Trosa")  # another municipality
    factories.make_employer(team, name="Bageriet", municipality="Nyköping")
    factories.make_employer(other_team, name="Kaffebaren", municipality="Nyköping")  # another team
    first = factories.make_employer(team, name="Verkstan AB", municipality="Nyköping",
                                    organisation_number="556016-0680")
    second = factories.make_employer(team, name="Verkstan", municipality="Nyköping",
                                     organisation_number="556677-8899")
    unnumbered = factories.make_employer(team, name="Verkstan HB", municipality="Nyköping")
    archived = factories.make_employer(team, name="Kaffebaren", municipality="Nyköping")
    archived.archived_at = archived.created_at
    db.session.flush()
    pairs = {(p.first.id, p.second.id): p.score for p in possible_duplicate_pairs(team.id)}
    # Two organisation numbers are two legal persons; one with and one without may be the same.
    assert set(pairs) == {(cafe.id, typo.id), (first.id, unnumbered.id), (second.id, unnumbered.id)}
    assert 88 <= pairs[(cafe.id, typo.id)] < 100 and pairs[(first.id, unnumbered.id)] == 100


def test_team_lead_sees_and_dismisses_pairs(login, team_lead, team):
    first = factories.make_employer(team, name="Gröna Gårdens Kafé", municipality="Trosa")
    second = factories.make_employer(team, name="Gröna Gårdens Café AB", municipality="Trosa")
    client = login(team_lead)
    page = client.get("/employers/duplicates").get_data(as_text=True)
    assert "Gröna Gårdens Kafé" in page and "Gröna Gårdens Café AB" in page
    assert f"/employers/{first.id}/merge/{second.id}" in page
    response = client.post(f"/employers/{second.id}/not-duplicate/{first.id}")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(DuplicateDismissal.id))) == 1
    page = client.get("/employers/duplicates").get_data(as_text=True)
    assert f"/merge/{second.id}" not in page and "Inga möjliga dubbletter." in page
    client.post(f"/employers/{first.id}/not-duplicate/{second.id}")  # dismissing again changes nothing
    assert db.session.scalar(select(func.count(DuplicateDismissal.id))) == 1


def test_new_employer_with_a_similar_name_asks_first_and_keeps_the_input(login, specialist, team):
    existing = factories.make_employer(team, name="Kaffebaren i Nyköping AB", municipality="Nyköping")
    client = login(specialist)
    form = {"name": "Kafebaren i Nyköping", "municipality": "Nyköping", "sector": "private", "stage": "prospect",
            "notes": "Träffade ägaren på mässan"}
    response = client.post("/employers/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Registret kanske redan har den här arbetsgivaren" in page
    assert f"/employers/{existing.id}" in page
    assert "Träffade ägaren på mässan" in page and 'name="not_a_duplicate"' in page
    assert db.session.scalar(select(func.count(Employer.id))) == 1

    response = client.post("/employers/new", data=form | {"not_a_duplicate": "y"})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(Employer.id))) == 2


def test_an_organisation_number_settles_it_without_asking(login, specialist, team):
    factories.make_employer(team, name="Kaffebaren i Nyköping AB", municipality="Nyköping")
    response = login(specialist).post("/employers/new", data={
        "name": "Kaffebaren i Nyköping", "municipality": "Nyköping", "organisation_number": "556016-0680",
        "sector": "private", "stage": "prospect"})
    assert response.status_code == 302
