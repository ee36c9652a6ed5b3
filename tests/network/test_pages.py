"""The network pages: who may see and write them, consent refusals in the form, the SIP flow, the report."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.core import clock
from crm.core.audit import AccessLog
from crm.extensions import db
from crm.network.models import NetworkContact, NetworkStep, Sip, SupportEnding

from .. import factories


@pytest.fixture
def participant(team, specialist):
    return factories.make_participant(team, specialist, first_name="Dana", last_name="Dahl",
                                      needs_interpreter=True, preferred_language="arabiska")


@pytest.mark.parametrize("role, status", [("job_specialist", 200), ("team_lead", 200), ("admin", 403),
                                          ("partner", 403)])
def test_who_sees_the_network(login, team, participant, role, status):
    user = factories.make_user(role=role, team=team if role in ("job_specialist", "team_lead") else None)
    client = login(user)
    assert client.get(f"/participants/{participant.id}/network").status_code == status
    assert client.get(f"/participants/{participant.id}/network/contacts/new").status_code == status


def test_another_teams_specialist_is_refused(login, other_team, participant):
    client = login(factories.make_user(team=other_team))
    member = factories.make_network_member(participant)
    assert client.get(f"/participants/{participant.id}/network").status_code == 403
    assert client.post(f"/network/members/{member.id}/end").status_code == 403


def test_the_network_page_shows_consent_per_person_and_is_audited(login, specialist, participant):
    factories.make_network_member(participant, "arbetsformedlingen")
    factories.make_consent(participant, "arbetsformedlingen")
    factories.make_network_member(participant, "forsakringskassan")
    page = login(specialist).get(f"/participants/{participant.id}/network").get_data(as_text=True)
    assert page.count("Får dela") == 1 and page.count("Inget samtycke att dela") == 1
    assert "arabiska" in page
    assert db.session.scalar(select(AccessLog.what).where(AccessLog.participant_id == participant.id)) == "network"


def test_logging_a_contact_without_consent_keeps_the_input(login, specialist, participant):
    member = factories.make_network_member(participant, "forsakringskassan")
    response = login(specialist).post(f"/participants/{participant.id}/network/contacts/new", data={
        "member_id": member.id, "contacted_on": clock.today().isoformat(), "kind": "phone",
        "agreed": "Handläggaren ringer tillbaka"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "inget registrerat samtycke" in page and "Handläggaren ringer tillbaka" in page
    assert db.session.scalars(select(NetworkContact)).all() == []


def test_logging_a_contact_with_a_next_step(login, specialist, participant):
    member = factories.make_network_member(participant)
    factories.make_consent(participant, "arbetsformedlingen")
    due = clock.today() + timedelta(days=3)
    response = login(specialist).post(f"/participants/{participant.id}/network/contacts/new", data={
        "member_id": member.id, "contacted_on": clock.today().isoformat(), "kind": "meeting",
        "agreed": "Trepartsmöte med arbetsgivaren", "next_what": "Skicka profilen", "next_due_on": due.isoformat(),
        "next_owner_id": specialist.id})
    assert response.status_code == 302
    step = db.session.scalars(select(NetworkStep)).one()
    contact = db.session.scalars(select(NetworkContact)).one()
    assert (step.what, step.due_on, step.owner_id, step.contact_id, contact.kind.value) == (
        "Skicka profilen", due, specialist.id, contact.id, "meeting")


def test_a_sip_from_start_to_print(login, specialist, participant):
    client = login(specialist)
    today = clock.today()
    coordinator = factories.make_network_member(participant, "social_services")
    af = factories.make_network_member(participant, "arbetsformedlingen")
    for kind in ("social_services", "arbetsformedlingen"):
        factories.make_consent(participant, kind, decided_on=today - timedelta(days=30))
    response = client.post(f"/participants/{participant.id}/sip/new", data={
        "coordinator_id": coordinator.id, "goal": "Ett arbete på 20 timmar", "started_on": today.isoformat(),
        "review_on": (today + timedelta(days=90)).isoformat()})
    sip = db.session.scalars(select(Sip)).one()
    assert response.headers["Location"].endswith(f"/sip/{sip.id}")
    assert client.post(f"/sip/{sip.id}/parties/new", data={"member_id": af.id}).status_code == 302
    assert client.post(f"/sip/{sip.id}/parties/new", data={"member_id": af.id}).status_code == 422  # one per org.
    form = client.get(f"/sip/{sip.id}/meetings/new").get_data(as_text=True)
    assert 'value="arabiska"' in form  # the participant's interpreter need comes with the meeting
    assert client.post(f"/sip/{sip.id}/meetings/new", data={
        "held_on": today.isoformat(), "place": "Socialkontoret", "attendee_ids": [p.id for p in sip.parties],
        "participant_present": "y", "interpreter_needed": "y", "interpreter_language": ""}).status_code == 422
    assert client.post(f"/sip/{sip.id}/meetings/new", data={
        "held_on": today.isoformat(), "place": "Socialkontoret", "attendee_ids": [p.id for p in sip.parties],
        "participant_present": "y", "interpreter_needed": "y", "interpreter_language": "arabiska"}).status_code == 302
    assert client.post(f"/sip/{sip.id}/actions/new", data={
        "what": "Följa med på anställningsintervju", "organisation": "", "owner_id": specialist.id,
        "due_on": (today + timedelta(days=5)).isoformat()}).status_code == 302
    assert client.post(f"/sip/{sip.id}/actions/new", data={
        "what": "Besluta om lönebidrag", "organisation": "arbetsformedlingen", "owner_id": specialist.id,
        "due_on": (today + timedelta(days=20)).isoformat()}).status_code == 302
    assert [(a.what, a.step is not None) for a in sip.actions] == [
        ("Följa med på anställningsintervju", True), ("Besluta om lönebidrag", False)]
    meeting = sip.meetings[0]
    assert (meeting.interpreter_language, len(meeting.attendees)) == ("arabiska", 2)
    page = client.get(f"/sip/{sip.id}").get_data(as_text=True)
    assert "Tolk" in page and "Socialkontoret" in page
    client.post("/language", data={"language": "en"})
    printed = client.get(f"/sip/{sip.id}/print").get_data(as_text=True)
    assert "Din samordnade plan" in printed and "Din arbetsspecialist" in printed
    assert "Följa med på anställningsintervju" in printed


def test_ending_support_and_the_follow_up_pages(login, specialist, participant):
    client = login(specialist)
    today = clock.today()
    response = client.post(f"/participants/{participant.id}/support-ending", data={
        "ended_on": (today + timedelta(days=1)).isoformat(), "exit_outcome": "work"})
    assert response.status_code == 422
    assert client.post(f"/participants/{participant.id}/support-ending", data={
        "ended_on": today.isoformat(), "exit_outcome": "work_training"}).status_code == 302
    ending = db.session.scalars(select(SupportEnding)).one()
    assert client.post(f"/support-endings/{ending.id}/follow-up", data={
        "outcome": "", "followed_up_on": today.isoformat()}).status_code == 422
    assert client.post(f"/support-endings/{ending.id}/follow-up", data={
        "outcome": "work", "followed_up_on": today.isoformat()}).status_code == 302
    db.session.refresh(ending)
    assert (ending.exit_outcome.value, ending.follow_up_outcome.value) == ("work_training", "work")


def test_the_funds_report_and_csv_for_the_team_lead(login, team_lead, specialist, participant):
    from crm.network import services
    from crm.network.models import FundsOutcome

    today = clock.today()
    services.record_ending(participant, specialist, today, FundsOutcome.STUDIES, False, today)
    client = login(team_lead)
    page = client.get(f"/reports/funds-outcomes?start={today}&end={today}").get_data(as_text=True)
    assert "1 avslutat stöd" in page
    csv = client.get(f"/reports/funds-outcomes.csv?start={today}&end={today}")
    assert csv.status_code == 200
    assert csv.get_data(as_text=True).splitlines()[1].startswith(f"{participant.id};{today.isoformat()};Studier;")
    assert "Dahl" not in csv.get_data(as_text=True)


def test_a_specialist_does_not_get_the_funds_report(login, specialist):
    client = login(specialist)
    assert client.get("/reports/funds-outcomes").status_code == 403
    assert client.get("/reports/funds-outcomes.csv").status_code == 403


def test_reviewing_a_sip_sets_the_next_review_or_closes_it(login, specialist, participant):
    from crm.network import services

    today = clock.today()
    coordinator = factories.make_network_member(participant, "care")
    factories.make_consent(participant, "psychiatry", decided_on=today - timedelta(days=10))
    sip = services.start_sip(participant, specialist, coordinator.id, "Arbete", today, today + timedelta(days=30))
    client = login(specialist)
    assert client.post(f"/sip/{sip.id}/review", data={"review_on": today.isoformat()}).status_code == 422
    later = today + timedelta(days=60)
    assert client.post(f"/sip/{sip.id}/review", data={"review_on": later.isoformat()}).status_code == 302
    assert client.post(f"/sip/{sip.id}/review", data={"review_on": ""}).status_code == 302
    db.session.refresh(sip)
    assert (sip.review_on, sip.closed_on) == (later, today)
