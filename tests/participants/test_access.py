"""Who may reach participant records: the team's specialists and lead; partners and admins never
(admins may only read the audit trail); staff of another team never."""
import pytest

from .. import factories


@pytest.fixture
def participant(team, specialist):
    return factories.make_participant(team, specialist, first_name="Lina")


def _pages(participant):
    base = f"/participants/{participant.id}"
    return [base, f"{base}/edit", f"{base}/status", f"{base}/consents/new", f"{base}/profile",
            f"{base}/experience/new", f"{base}/education/new", f"{base}/benefits/new", f"{base}/preferences",
            f"{base}/disclosure", f"{base}/disclosure/employer"]


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_staff_of_the_team_may_view_and_edit(login, team, participant, role):
    client = login(factories.make_user(role=role, team=team))
    assert client.get("/participants/").status_code == 200
    assert client.get("/participants/new").status_code == 200
    for url in _pages(participant):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_staff_of_another_team_are_refused(login, other_team, participant, role):
    client = login(factories.make_user(role=role, team=other_team))
    assert participant.last_name not in client.get("/participants/?specialist=0&status=all").get_data(as_text=True)
    for url in [*_pages(participant), f"/participants/{participant.id}/audit"]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/participants/{participant.id}/edit", data={"first_name": "X"}).status_code == 403
    assert client.post(f"/participants/{participant.id}/status", data={"status": "closed"}).status_code == 403


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_cannot_reach_participant_records(login, participant, role):
    client = login(factories.make_user(role=role))
    for url in ["/participants/", "/participants/new", *_pages(participant)]:
        assert client.get(url).status_code == 403, url
    assert client.post("/participants/new", data={"first_name": "X", "last_name": "Y"}).status_code == 403
    assert client.post(f"/participants/{participant.id}/disclosure", data={"level": "full"}).status_code == 403


@pytest.mark.parametrize("who, status", [
    ("specialist", 403), ("lead_of_another_team", 403), ("partner", 403), ("team_lead", 200), ("admin", 200)])
def test_audit_trail_is_for_the_team_lead_and_admins(login, team, other_team, participant, who, status):
    user = {
        "specialist": lambda: factories.make_user(team=team),
        "lead_of_another_team": lambda: factories.make_user(role="team_lead", team=other_team),
        "partner": lambda: factories.make_user(role="partner"),
        "team_lead": lambda: factories.make_user(role="team_lead", team=team),
        "admin": lambda: factories.make_user(role="admin"),
    }[who]()
    page = login(user).get(f"/participants/{participant.id}/audit")
    assert page.status_code == status
    if who == "admin":
        # The admin reads who did what, not the record: no name, no link into it.
        assert participant.last_name not in page.get_data(as_text=True)


def test_unknown_participant_is_404(login, specialist):
    assert login(specialist).get("/participants/999999").status_code == 404


@pytest.mark.parametrize("role, shown", [("job_specialist", True), ("team_lead", True), ("admin", False)])
def test_menu_shows_participants_to_staff_only(login, team, role, shown):
    page = login(factories.make_user(role=role, team=team if role != "admin" else None)).get("/account")
    assert ('href="/participants/"' in page.get_data(as_text=True)) == shown
