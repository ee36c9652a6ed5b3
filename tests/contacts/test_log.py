"""Logging a contact: defaults, the next-step rule, pausing and closing, people and participants."""
import re
from datetime import date, timedelta

from sqlalchemy import select

from crm.contacts import services
from crm.contacts.models import EmployerContact, NextStep
from crm.core import clock
from crm.core.history import history_of
from crm.employers.models import ContactPerson, Stage
from crm.extensions import db
from crm.participants import services as participant_services
from crm.participants.models import DisclosureLevel

from .. import factories


def _contacts(employer):
    return db.session.scalars(select(EmployerContact).where(EmployerContact.employer_id == employer.id)).all()


def test_form_has_phone_friendly_defaults(login, specialist, employer):
    page = login(specialist).get(f"/contacts/log/{employer.id}").get_data(as_text=True)
    assert _checked(page, "form", "face_to_face") and not _checked(page, "form", "phone")
    assert _checked(page, "purpose", "learn_needs")
    assert (clock.today() + timedelta(days=7)).isoformat() in page  # due date a week ahead
    assert f'<option selected value="{specialist.id}">' in page  # owner: me


def _checked(page: str, name: str, value: str) -> bool:
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return "checked" in tag
    return False


def test_logging_a_visit_records_it_with_its_next_step(login, specialist, employer, log_data):
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data())
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/employers/{employer.id}#contacts")
    db.session.expire_all()
    [contact] = _contacts(employer)
    assert contact.author_id == specialist.id and contact.team_id == employer.team_id
    assert contact.form.value == "face_to_face" and contact.summary == "Träffade butikschefen."
    [step] = contact.next_steps
    assert step.what == "Återbesök med profil" and step.owner_id == specialist.id
    assert step.due_on == clock.today() + timedelta(days=7) and step.done_on is None


def test_log_returns_to_the_page_it_came_from(login, specialist, employer, log_data):
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(next="/week/"))
    assert response.headers["Location"] == "/week/"
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(next="https://evil.example/"))
    assert "evil" not in response.headers["Location"]


def test_a_next_step_is_required(login, specialist, employer, log_data):
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(next_what=""))
    assert response.status_code == 422
    assert "Planera ett nästa steg" in response.get_data(as_text=True)
    assert _contacts(employer) == []


def test_the_due_date_may_not_have_passed(login, specialist, employer, log_data):
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(next_due_on=yesterday))
    assert response.status_code == 422
    assert _contacts(employer) == []
    today = clock.today().isoformat()
    assert login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(next_due_on=today)).status_code == 302


def test_a_contact_cannot_be_in_the_future(login, specialist, employer, log_data):
    tomorrow = (clock.utcnow().astimezone(clock.LOCAL_TZ) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(contacted_at=tomorrow))
    assert response.status_code == 422
    assert _contacts(employer) == []


def test_pausing_needs_a_reason_and_then_needs_no_next_step(login, specialist, employer, log_data):
    client = login(specialist)
    response = client.post(f"/contacts/log/{employer.id}", data=log_data(next_what="", ending="pause"))
    assert response.status_code == 422
    assert "Skriv varför" in response.get_data(as_text=True)

    response = client.post(f"/contacts/log/{employer.id}", data=log_data(
        next_what="", ending="pause", ending_reason="Rekryteringsstopp till våren."))
    assert response.status_code == 302
    db.session.expire_all()
    assert employer.stage == Stage.DORMANT
    [contact] = _contacts(employer)
    assert contact.next_steps == []
    change = history_of(employer)[0]
    assert change.action == "stage_changed"
    assert change.changes == {"stage": ["relationship", "dormant"], "reason": [None, "Rekryteringsstopp till våren."]}
    assert "Rekryteringsstopp till våren." in client.get(f"/employers/{employer.id}").get_data(as_text=True)


def test_closing_sets_the_stage_closed(login, specialist, employer, log_data):
    login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(
        ending="close", ending_reason="Verksamheten läggs ned."))
    db.session.expire_all()
    assert employer.stage == Stage.CLOSED
    assert db.session.scalar(select(NextStep).where(NextStep.employer_id == employer.id)) is None


def test_a_person_met_can_be_added_inline(login, specialist, employer, log_data):
    login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(
        new_person_name="Petra Platschef", new_person_role="Platschef"))
    db.session.expire_all()
    person = db.session.scalar(select(ContactPerson).where(ContactPerson.employer_id == employer.id))
    assert (person.name, person.role) == ("Petra Platschef", "Platschef")
    assert _contacts(employer)[0].contact_person_id == person.id


def test_a_person_of_another_employer_is_refused(login, specialist, team, employer, log_data):
    stranger = factories.make_contact_person(factories.make_employer(team), name="Annan Person")
    response = login(specialist).post(f"/contacts/log/{employer.id}",
                                      data=log_data(contact_person_id=str(stranger.id)))
    assert response.status_code == 422
    assert _contacts(employer) == []


def test_participants_concerned_are_linked(login, specialist, team, other_team, employer, log_data):
    mine = factories.make_participant(team, specialist, first_name="Bo")
    factories.make_consent(mine, employer=employer)
    factories.make_disclosure(mine)
    theirs = factories.make_participant(other_team, first_name="Främling")
    page = login(specialist).get(f"/contacts/log/{employer.id}").get_data(as_text=True)
    assert "Bo " in page and "Främling" not in page
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(
        purpose="job_development", participant_ids=[str(mine.id)]))
    assert response.status_code == 302
    db.session.expire_all()
    assert [p.id for p in _contacts(employer)[0].participants] == [mine.id]
    # Another team's participant is not a valid choice.
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(participant_ids=[str(theirs.id)]))
    assert response.status_code == 422


def test_open_steps_can_be_completed_with_the_contact(login, specialist, employer, log_data):
    old = factories.make_next_step(employer, specialist, due_on=clock.today(), what="Boka besök")
    login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(complete_step_ids=[str(old.id)]))
    db.session.expire_all()
    assert old.done_on == clock.today() and old.done_by_id == specialist.id


def test_next_step_owner_must_be_in_the_team(specialist, other_team, employer):
    outsider = factories.make_user(team=other_team)
    try:
        services.log_contact(employer, specialist, {
            "contacted_at": clock.utcnow(), "form": "phone", "purpose": "other", "summary": "x"},
            next_step=services.PlannedStep("Ring", clock.today(), outsider.id))
    except services.ContactError as error:
        assert str(error) == "owner_not_in_team"
    else:
        raise AssertionError("an owner from another team was accepted")


def test_service_requires_a_next_step_or_a_reason(specialist, employer):
    values = {"contacted_at": clock.utcnow(), "form": "phone", "purpose": "other", "summary": "x"}
    for ending in (None, services.Ending("pause", "  ")):
        try:
            services.log_contact(employer, specialist, values, ending=ending)
        except services.ContactError as error:
            assert str(error) == "next_step_required"
        else:
            raise AssertionError("a contact without next step or reason was accepted")


def test_a_next_step_can_be_planned_and_completed_from_the_employer_page(login, specialist, employer):
    client = login(specialist)
    due = (clock.today() + timedelta(days=3)).isoformat()
    response = client.post(f"/employers/{employer.id}/next-steps/new",
                           data={"what": "Skicka offert", "due_on": due, "owner_id": str(specialist.id)})
    assert response.status_code == 302
    step = db.session.scalar(select(NextStep).where(NextStep.employer_id == employer.id))
    assert step.what == "Skicka offert"
    response = client.post(f"/employers/{employer.id}/next-steps/new",
                           data={"what": "För sent", "due_on": "2020-01-01", "owner_id": str(specialist.id)})
    assert response.status_code == 422
    assert client.post(f"/next-steps/{step.id}/done").status_code == 302
    db.session.expire_all()
    assert step.done_on == clock.today()


def test_pick_page_lists_recent_employers_first(login, specialist, team, employer):
    other = factories.make_employer(team, name="Aaa Först i alfabetet AB")
    factories.make_contact(employer, specialist)
    page = login(specialist).get("/contacts/log").get_data(as_text=True)
    recent = page.split('id="recent-heading"')[1].split('id="all-heading"')[0]
    assert employer.name in recent and other.name not in recent
    everyone = page.split('id="all-heading"')[1]
    assert everyone.index(other.name) < everyone.index(employer.name)


def test_archived_employers_are_not_offered(login, specialist, team):
    archived = factories.make_employer(team, name="Nedlagt AB", archived_at=clock.utcnow())
    assert "Nedlagt AB" not in login(specialist).get("/contacts/log").get_data(as_text=True)
    assert login(specialist).get(f"/contacts/log/{archived.id}").status_code == 403


def test_job_development_for_a_participant_needs_consent_for_that_employer(login, specialist, team, employer,
                                                                             log_data):
    bo = factories.make_participant(team, specialist, first_name="Bo")
    response = login(specialist).post(f"/contacts/log/{employer.id}", data=log_data(
        purpose="job_development", participant_ids=[str(bo.id)], summary="Presenterade Bo"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "samtycke" in page and "Presenterade Bo" in page  # the reason, and the input kept
    assert _contacts(employer) == []


def test_no_disclosure_refuses_every_contact_that_names_them(login, specialist, team, employer,
                                                                              log_data):
    bo = factories.make_participant(team, specialist, first_name="Bo")
    factories.make_consent(bo, employer=employer)
    participant_services.record_disclosure(bo, specialist, DisclosureLevel.NONE, set(), decided_on=date(2026, 11, 1),
                                           today=date(2026, 11, 24), employer=employer)
    client = login(specialist)
    form = client.get(f"/contacts/log/{employer.id}").get_data(as_text=True)
    assert "Öppenhet: Ingen" in form  # the choice shows beside the name
    refused = client.post(f"/contacts/log/{employer.id}", data=log_data(
        purpose="job_development", participant_ids=[str(bo.id)]))
    assert refused.status_code == 422 and "egen ansökan" in refused.get_data(as_text=True)
    for purpose in ("learn_needs", "other"):  # whatever the purpose, naming Bo tells the employer about him
        refused = client.post(f"/contacts/log/{employer.id}", data=log_data(purpose=purpose,
                                                                            participant_ids=[str(bo.id)]))
        assert refused.status_code == 422
    assert client.post(f"/contacts/log/{employer.id}", data=log_data(purpose="learn_needs")).status_code == 302


def test_job_development_waits_until_disclosure_was_discussed(login, specialist, team, employer, log_data):
    bo = factories.make_participant(team, specialist, first_name="Bo")
    factories.make_consent(bo, employer=employer)
    client = login(specialist)
    refused = client.post(f"/contacts/log/{employer.id}", data=log_data(
        purpose="job_development", participant_ids=[str(bo.id)], summary="Presenterade Bo"))
    assert refused.status_code == 422 and "Presenterade Bo" in refused.get_data(as_text=True)
    assert client.post(f"/contacts/log/{employer.id}", data=log_data(
        purpose="follow_up", participant_ids=[str(bo.id)])).status_code == 302  # consent and no "none": allowed
    factories.make_disclosure(bo, "limited", decided_on=date(2026, 11, 1))
    assert client.post(f"/contacts/log/{employer.id}", data=log_data(
        purpose="job_development", participant_ids=[str(bo.id)])).status_code == 302
