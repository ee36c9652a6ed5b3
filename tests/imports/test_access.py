"""Who may import, bulk edit, export, see possible duplicates and merge: every role, the denials included."""
import pytest
from sqlalchemy import select

from crm.employers.models import Employer
from crm.extensions import db

from .. import factories
from .conftest import upload


@pytest.fixture
def pair(team):
    return (factories.make_employer(team, name="Kaffebaren AB", municipality="Nyköping"),
            factories.make_employer(team, name="Kafebaren", municipality="Nyköping"))


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_staff_import_bulk_edit_and_export(login, team, pair, role):
    client = login(factories.make_user(role=role, team=team))
    assert client.get("/imports/employers").status_code == 200
    assert upload(client, "employers_cp1252_comma.csv").status_code == 302
    assert client.get("/employers/export.csv").status_code == 200
    assert client.post("/employers/bulk", data={"bulk-employer_ids": [pair[0].id], "bulk-stage": "closed"}
                       ).status_code == 200


def test_only_the_team_lead_sees_duplicates_and_merges(sign_in, team, specialist, team_lead, pair):
    kept, other = pair
    client = sign_in(specialist)
    assert client.get("/employers/duplicates").status_code == 403
    assert client.get(f"/employers/{kept.id}/merge/{other.id}").status_code == 403
    assert client.post(f"/employers/{kept.id}/merge/{other.id}", data={"confirm": "y"}).status_code == 403
    assert client.post(f"/employers/{kept.id}/not-duplicate/{other.id}").status_code == 403
    assert "/employers/duplicates" not in client.get("/employers/").get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(Employer, other.id).is_archived

    client = sign_in(team_lead)
    assert "/employers/duplicates" in client.get("/employers/").get_data(as_text=True)
    assert client.get("/employers/duplicates").status_code == 200
    assert client.get(f"/employers/{kept.id}/merge/{other.id}").status_code == 200


def test_a_team_lead_cannot_merge_across_teams(login, other_team, pair):
    client = login(factories.make_user(role="team_lead", team=other_team))
    kept, other = pair
    mine = factories.make_employer(other_team, name="Kaffebaren")
    assert client.get(f"/employers/{kept.id}/merge/{other.id}").status_code == 403
    assert client.post(f"/employers/{mine.id}/merge/{other.id}", data={"confirm": "y"}).status_code == 403
    assert client.post(f"/employers/{mine.id}/not-duplicate/{other.id}").status_code == 403
    assert "Kaffebaren AB" not in client.get("/employers/duplicates").get_data(as_text=True)
    assert "Kaffebaren AB" not in client.get("/employers/export.csv").get_data().decode("utf-8-sig")


def test_merge_of_unknown_or_same_records_is_404(login, team_lead, pair):
    client = login(team_lead)
    assert client.get(f"/employers/{pair[0].id}/merge/999999").status_code == 404
    assert client.get(f"/employers/{pair[0].id}/merge/{pair[0].id}").status_code == 404


def test_an_import_belongs_to_its_author_and_the_team_lead(sign_in, team, other_team, specialist, team_lead):
    job = factories.make_import_job(specialist, mapping={"name": 0, "municipality": 1})
    author, lead = sign_in(specialist), sign_in(team_lead)
    colleague, stranger = sign_in(factories.make_user(team=team)), sign_in(factories.make_user("team_lead", other_team))
    for url in (f"/imports/{job.id}/mapping", f"/imports/{job.id}/preview"):
        assert author.get(url).status_code == 200, url
        assert lead.get(url).status_code == 200, url
        assert colleague.get(url).status_code == 403, url  # a colleague's import in progress
        assert stranger.get(url).status_code == 403, url
    assert colleague.post(f"/imports/{job.id}/run").status_code == 403
    assert colleague.get(f"/imports/{job.id}/invalid.csv").status_code == 403
    assert db.session.scalar(select(Employer.id).where(Employer.name == "Bageriet AB")) is None
    assert author.get("/imports/999999/mapping").status_code == 404


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_are_refused_everywhere(login, specialist, pair, role):
    job = factories.make_import_job(specialist, mapping={"name": 0})
    kept, other = pair
    client = login(factories.make_user(role=role))
    for url in ("/imports/employers", f"/imports/{job.id}/mapping", f"/imports/{job.id}/preview",
                f"/imports/{job.id}", f"/imports/{job.id}/invalid.csv", "/employers/duplicates",
                f"/employers/{kept.id}/merge/{other.id}", "/employers/export.csv"):
        assert client.get(url).status_code == 403, url
    for url in ("/imports/employers", f"/imports/{job.id}/run", "/employers/bulk",
                f"/employers/{kept.id}/merge/{other.id}", f"/employers/{kept.id}/not-duplicate/{other.id}"):
        assert client.post(url, data={"confirm": "y"}).status_code == 403, url
    db.session.expire_all()
    assert not db.session.get(Employer, other.id).is_archived
