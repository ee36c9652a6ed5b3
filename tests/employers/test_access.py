"""Who may reach the employer register: every role, the denials included."""
import pytest

from .. import factories


@pytest.fixture
def employer(team):
    return factories.make_employer(team, name="Lagets Företag AB")


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_staff_of_the_team_may_view_and_edit(login, team, employer, role):
    client = login(factories.make_user(role=role, team=team))
    assert client.get("/employers/").status_code == 200
    assert client.get(f"/employers/{employer.id}").status_code == 200
    assert client.get(f"/employers/{employer.id}/edit").status_code == 200
    assert client.get("/employers/new").status_code == 200


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_staff_of_another_team_are_refused(login, other_team, employer, role):
    client = login(factories.make_user(role=role, team=other_team))
    assert "Lagets Företag AB" not in client.get("/employers/").get_data(as_text=True)
    assert client.get(f"/employers/{employer.id}").status_code == 403
    assert client.post(f"/employers/{employer.id}/edit", data={"name": "Kapat"}).status_code == 403
    assert client.post(f"/employers/{employer.id}/archive", data={"archived": "1"}).status_code == 403
    assert client.post(f"/employers/{employer.id}/people/new", data={"name": "X"}).status_code == 403


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_cannot_reach_the_register(login, employer, role):
    client = login(factories.make_user(role=role))
    for url in ("/employers/", "/employers/new", f"/employers/{employer.id}", f"/employers/{employer.id}/edit"):
        assert client.get(url).status_code == 403, url
    assert client.post("/employers/new", data={"name": "X"}).status_code == 403


def test_unknown_employer_is_404(login, specialist):
    assert login(specialist).get("/employers/999999").status_code == 404
