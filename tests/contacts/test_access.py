"""Who may log, read and correct contacts, complete next steps and see a week: every role, denials included."""
from datetime import timedelta

import pytest

from crm.core import clock
from crm.extensions import db

from .. import factories


@pytest.fixture
def records(team, specialist, employer):
    contact = factories.make_contact(employer, specialist, summary="Hemligt för andra team.")
    step = factories.make_next_step(employer, specialist, due_on=clock.today() + timedelta(days=2))
    return {"employer": employer, "contact": contact, "step": step}


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_staff_of_the_team_may_log_read_and_complete(login, team, records, log_data, role):
    user = factories.make_user(role=role, team=team)
    client = login(user)
    employer, contact, step = records["employer"], records["contact"], records["step"]
    assert client.get("/contacts/log").status_code == 200
    assert client.get(f"/contacts/log/{employer.id}").status_code == 200
    assert client.post(f"/contacts/log/{employer.id}",
                       data=log_data(next_owner_id=str(user.id))).status_code == 302
    assert client.get(f"/contacts/{contact.id}").status_code == 200
    assert "Hemligt för andra team." in client.get(f"/employers/{employer.id}").get_data(as_text=True)
    assert client.get(f"/employers/{employer.id}/next-steps/new").status_code == 200
    assert client.post(f"/next-steps/{step.id}/done").status_code == 302
    assert client.get("/week/").status_code == 200


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_staff_of_another_team_are_refused(login, other_team, records, log_data, role):
    client = login(factories.make_user(role=role, team=other_team))
    employer, contact, step = records["employer"], records["contact"], records["step"]
    assert employer.name not in client.get("/contacts/log").get_data(as_text=True)
    assert client.get(f"/contacts/log/{employer.id}").status_code == 403
    assert client.post(f"/contacts/log/{employer.id}", data=log_data()).status_code == 403
    assert client.get(f"/contacts/{contact.id}").status_code == 403
    assert client.get(f"/contacts/{contact.id}/correct").status_code == 403
    assert client.post(f"/employers/{employer.id}/next-steps/new", data={"what": "x"}).status_code == 403
    assert client.post(f"/next-steps/{step.id}/done").status_code == 403
    db.session.expire_all()
    assert step.done_on is None


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_see_no_contact_log(login, records, log_data, role):
    client = login(factories.make_user(role=role))
    employer, contact, step = records["employer"], records["contact"], records["step"]
    for url in ("/contacts/log", f"/contacts/log/{employer.id}", f"/contacts/{contact.id}",
                f"/contacts/{contact.id}/correct", f"/employers/{employer.id}/next-steps/new", "/week/",
                f"/week/{contact.author_id}"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/contacts/log/{employer.id}", data=log_data()).status_code == 403
    assert client.post(f"/next-steps/{step.id}/done").status_code == 403
    page = client.get("/").get_data(as_text=True)
    assert "Logga kontakt" not in client.get(client.get("/").headers["Location"]).get_data(as_text=True)
    assert "Hemligt" not in page


def test_only_the_author_and_the_team_lead_may_correct(sign_in, team, records, team_lead):
    contact = records["contact"]
    colleague = sign_in(factories.make_user(team=team))
    assert colleague.get(f"/contacts/{contact.id}/correct").status_code == 403
    assert colleague.post(f"/contacts/{contact.id}/correct", data={"summary": "x"}).status_code == 403
    assert sign_in(team_lead).get(f"/contacts/{contact.id}/correct").status_code == 200
    assert sign_in(contact.author).get(f"/contacts/{contact.id}/correct").status_code == 200


def test_week_of_someone_else(sign_in, team, other_team, specialist, team_lead):
    colleague = factories.make_user(team=team)
    other_lead = factories.make_user(role="team_lead", team=other_team)
    assert sign_in(team_lead).get(f"/week/{specialist.id}").status_code == 200
    assert sign_in(specialist).get(f"/week/{specialist.id}").status_code == 200
    assert sign_in(colleague).get(f"/week/{specialist.id}").status_code == 403
    assert sign_in(other_lead).get(f"/week/{specialist.id}").status_code == 403
    assert sign_in(team_lead).get("/week/999999").status_code == 404


def test_unknown_records_are_404(login, specialist):
    client = login(specialist)
    for url in ("/contacts/log/999999", "/contacts/999999", "/contacts/999999/correct"):
        assert client.get(url).status_code == 404, url
    assert client.post("/next-steps/999999/done").status_code == 404


def test_staff_start_on_my_week(login, specialist):
    assert login(specialist).get("/").headers["Location"] == "/week/"
