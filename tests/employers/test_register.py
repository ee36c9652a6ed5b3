from sqlalchemy import select

from crm.core.history import RecordChange
from crm.employers.models import Employer, Stage
from crm.extensions import db

from .. import factories

VALID_ORGNR = "556016-0680"  # Luhn-valid limited company number


def test_specialist_creates_employer_with_normalised_orgnr(login, specialist):
    client = login(specialist)
    response = client.post("/employers/new", data={
        "name": "  Kaffebaren AB ", "organisation_number": "5560160680", "sni_code": "56",
        "sector": "private", "stage": "prospect", "municipality": "Nyköping", "postal_code": "61130",
        "website": "kaffebaren.se", "responsible_specialist_id": specialist.id,
    })
    assert response.status_code == 302
    employer = db.session.scalar(select(Employer).where(Employer.name == "Kaffebaren AB"))
    assert employer.organisation_number == VALID_ORGNR
    assert employer.postal_code == "611 30"
    assert employer.website == "https://kaffebaren.se"
    assert employer.team_id == specialist.team_id
    assert employer.created_by_id == specialist.id
    change = db.session.scalar(select(RecordChange).where(RecordChange.entity_id == employer.id))
    assert change.action == "created" and change.user_id == specialist.id


def test_bad_orgnr_is_explained_and_input_kept(login, specialist):
    response = login(specialist).post("/employers/new", data={
        "name": "Bageriet", "organisation_number": "556016-0681", "sector": "private", "stage": "prospect",
    })
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Bageriet" in page and "556016-0681" in page
    assert db.session.scalar(select(Employer).where(Employer.name == "Bageriet")) is None


def test_existing_orgnr_links_to_that_employer(login, specialist, team):
    existing = factories.make_employer(team, name="Gamla AB", organisation_number=VALID_ORGNR)
    response = login(specialist).post("/employers/new", data={
        "name": "Nya AB", "organisation_number": "556016 0680", "sector": "private", "stage": "prospect",
    })
    assert response.status_code == 422
    assert f"/employers/{existing.id}" in response.get_data(as_text=True)


def test_edit_records_who_changed_what(login, specialist, team):
    employer = factories.make_employer(team, name="Verkstan AB")
    response = login(specialist).post(f"/employers/{employer.id}/edit", data={
        "name": "Verkstan AB", "sector": "private", "stage": "relationship", "version": employer.version,
    })
    assert response.status_code == 302
    db.session.refresh(employer)
    assert employer.stage == Stage.RELATIONSHIP
    change = db.session.scalars(select(RecordChange).where(RecordChange.action == "updated")).one()
    assert change.changes["stage"] == ["prospect", "relationship"]
    assert change.user_id == specialist.id


def test_stale_edit_is_refused_and_input_kept(login, specialist, team):
    employer = factories.make_employer(team, name="Verkstan AB")
    client = login(specialist)
    seen = employer.version
    client.post(f"/employers/{employer.id}/edit", data={
        "name": "Verkstan AB", "sector": "private", "stage": "contacted", "version": seen})
    response = client.post(f"/employers/{employer.id}/edit", data={
        "name": "Verkstan Stockholm AB", "sector": "private", "stage": "prospect", "version": seen})
    assert response.status_code == 409
    assert "Verkstan Stockholm AB" in response.get_data(as_text=True)
    db.session.refresh(employer)
    assert employer.name == "Verkstan AB" and employer.stage == Stage.CONTACTED


def test_list_searches_and_filters(login, specialist, team, other_team):
    factories.make_employer(team, name="Alfa Café", municipality="Nyköping", stage=Stage.RELATIONSHIP)
    factories.make_employer(team, name="Beta Bygg", municipality="Oxelösund", organisation_number=VALID_ORGNR)
    factories.make_employer(other_team, name="Alfa Annat Lag")
    client = login(specialist)
    page = client.get("/employers/?q=alfa").get_data(as_text=True)
    assert "Alfa Café" in page and "Beta Bygg" not in page and "Alfa Annat Lag" not in page
    assert "Beta Bygg" in client.get("/employers/?q=5560160680").get_data(as_text=True)
    assert "Beta Bygg" in client.get("/employers/?q=oxelö").get_data(as_text=True)
    page = client.get("/employers/?stage=relationship").get_data(as_text=True)
    assert "Alfa Café" in page and "Beta Bygg" not in page
    assert client.get("/employers/?stage=nonsense&page=-3").status_code == 200


def test_archive_hides_from_list_but_keeps_record(login, specialist, team):
    employer = factories.make_employer(team, name="Stängt AB")
    client = login(specialist)
    client.post(f"/employers/{employer.id}/archive", data={"archived": "1"})
    link = f'href="/employers/{employer.id}"'
    assert link not in client.get("/employers/").get_data(as_text=True)
    assert link in client.get("/employers/?archived=y").get_data(as_text=True)
    assert client.get(f"/employers/{employer.id}").status_code == 200


def test_contact_persons(login, specialist, team):
    employer = factories.make_employer(team)
    client = login(specialist)
    response = client.post(f"/employers/{employer.id}/people/new", data={
        "name": "Karin Ek", "role": "Butikschef", "is_decision_maker": "y", "phone": "070-123 45 67"})
    assert response.status_code == 302
    page = client.get(f"/employers/{employer.id}").get_data(as_text=True)
    assert "Karin Ek" in page and "Butikschef" in page
    person = employer.contact_persons[0]
    assert person.is_decision_maker
    bad = client.post(f"/employers/{employer.id}/people/{person.id}", data={"name": "Karin Ek", "phone": "ring mig"})
    assert bad.status_code == 422
    client.post(f"/employers/{employer.id}/people/{person.id}/remove")
    db.session.expire_all()
    assert employer.contact_persons == []
