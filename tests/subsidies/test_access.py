"""Who reaches the subsidy pages: the team's specialists and lead; staff of another team, partners
and admins never (admins only the support types, which staff cannot edit)."""
import pytest

from crm.extensions import db

from .. import factories


@pytest.fixture
def records(team, specialist, employer, ready):
    placement = factories.make_placement(ready, employer)
    negotiation = factories.make_negotiation(ready, employer)
    return {"participant": ready, "placement": placement, "negotiation": negotiation,
            "contact": factories.make_agency_contact(team)}


def _record_pages(r):
    n, p = r["negotiation"].id, r["participant"].id
    return [f"/subsidies/{n}", f"/subsidies/{n}/steps/raised_with_af", f"/participants/{p}/negotiations/new",
            f"/placements/{r['placement'].id}/negotiations/new", f"/participants/{p}/af-officer",
            f"/agency-contacts/{r['contact'].id}"]


LIST_PAGES = ["/subsidies/", "/agency-contacts/", "/agency-contacts/new"]
ADMIN_PAGES = ["/admin/support-types", "/admin/support-types/new"]


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_team_staff_reach_every_page_but_the_reference_data(login, team, records, role):
    client = login(factories.make_user(role=role, team=team))
    for url in [*LIST_PAGES, *_record_pages(records)]:
        assert client.get(url).status_code == 200, url
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 403, url
    support_type = factories.support_type()
    assert client.post(f"/admin/support-types/{support_type.id}", data={"name_sv": "X"}).status_code == 403


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_staff_of_another_team_are_refused(login, other_team, records, role):
    client = login(factories.make_user(role=role, team=other_team))
    for url in _record_pages(records):
        assert client.get(url).status_code == 403, url
    negotiation = records["negotiation"]
    response = client.post(f"/subsidies/{negotiation.id}/steps/withdrawn", data={"taken_on": "2026-11-02"})
    assert response.status_code == 403
    db.session.refresh(negotiation)
    assert negotiation.status.value == "draft"
    assert records["participant"].last_name not in client.get("/subsidies/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_reach_no_negotiation(login, records, role):
    client = login(factories.make_user(role=role))
    for url in [*LIST_PAGES, *_record_pages(records)]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/participants/{records['participant'].id}/negotiations/new",
                       data={"employer": "1"}).status_code == 403


def test_admins_keep_the_support_types(login, admin):
    client = login(admin)
    assert client.get("/admin/support-types").status_code == 200
    assert client.get(f"/admin/support-types/{factories.support_type().id}").status_code == 200


@pytest.mark.parametrize("role, shown", [("job_specialist", True), ("team_lead", True), ("admin", False),
                                         ("partner", False)])
def test_menu_shows_wage_subsidies_to_staff(login, team, role, shown):
    user = factories.make_user(role=role, team=team if role in ("job_specialist", "team_lead") else None)
    page = login(user).get("/account").get_data(as_text=True)
    assert ('href="/subsidies/"' in page) == shown
    assert ('href="/admin/support-types"' in page) == (role == "admin")


def test_unknown_records_are_404(login, specialist):
    client = login(specialist)
    for url in ["/subsidies/999999", "/agency-contacts/999999", "/placements/999999/negotiations/new"]:
        assert client.get(url).status_code == 404, url


def test_an_unknown_step_is_404(login, specialist, records):
    assert login(specialist).get(f"/subsidies/{records['negotiation'].id}/steps/flying").status_code == 404
