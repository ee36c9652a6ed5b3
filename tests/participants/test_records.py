"""The participant record: creation, details, and the dated status history with closing reasons."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from crm.core import clock
from crm.extensions import db
from crm.participants import services
from crm.participants.models import ClosedReason, Participant, ParticipantStatus

from .. import factories

TODAY = date(2026, 11, 24)


def test_specialist_adds_a_participant_with_a_first_status(login, specialist):
    response = login(specialist).post("/participants/new", data={
        "first_name": " Amina ", "last_name": "Yusuf", "phone": "070-123 45 67", "preferred_language": "somaliska",
        "needs_interpreter": "y", "specialist_id": specialist.id, "entered_on": "2026-11-02", "status": "pre_screening",
    })
    assert response.status_code == 302
    participant = db.session.scalar(select(Participant).where(Participant.last_name == "Yusuf"))
    assert participant.first_name == "Amina" and participant.team_id == specialist.team_id
    assert participant.needs_interpreter and participant.status == ParticipantStatus.PRE_SCREENING
    assert [(c.status, c.changed_on) for c in participant.status_changes] == [
        (ParticipantStatus.PRE_SCREENING, date(2026, 11, 2))]
    assert response.headers["Location"].endswith(f"/participants/{participant.id}")


def test_missing_name_is_refused_and_input_kept(login, specialist):
    response = login(specialist).post("/participants/new", data={"first_name": "Amina", "entered_on": "2026-11-02"})
    assert response.status_code == 422
    assert "Amina" in response.get_data(as_text=True)
    assert db.session.scalar(select(Participant).where(Participant.first_name == "Amina")) is None


def test_the_record_has_no_identity_number_or_diagnosis():
    columns = {c.name for c in Participant.__table__.columns}
    assert not columns & {"personal_number", "personnummer", "ssn", "diagnosis", "condition"}


def test_specialist_of_another_team_cannot_be_assigned(login, specialist, other_team):
    stranger = factories.make_user(team=other_team)
    response = login(specialist).post("/participants/new", data={
        "first_name": "Amina", "last_name": "Yusuf", "specialist_id": stranger.id, "entered_on": "2026-11-02"})
    assert response.status_code == 422


def test_status_history_is_dated_and_closing_needs_a_reason(team, specialist):
    participant = factories.make_participant(team, specialist, status="waiting_list", entered_on=date(2026, 9, 1))
    services.change_status(participant, specialist, ParticipantStatus.ACTIVE, date(2026, 9, 15), TODAY)
    with pytest.raises(services.ParticipantRuleError) as refused:
        services.change_status(participant, specialist, ParticipantStatus.CLOSED, date(2026, 11, 1), TODAY)
    assert refused.value.field == "closed_reason"
    services.change_status(participant, specialist, ParticipantStatus.CLOSED, date(2026, 11, 1), TODAY,
                           closed_reason=ClosedReason.MOVED)
    assert participant.closed_on == date(2026, 11, 1) and participant.closed_reason == ClosedReason.MOVED
    assert [c.status for c in participant.status_changes] == [
        ParticipantStatus.CLOSED, ParticipantStatus.ACTIVE, ParticipantStatus.WAITING_LIST]
    assert participant.status_changes[0].closed_reason == ClosedReason.MOVED
    # Coming back clears the closing but keeps it in the history.
    services.change_status(participant, specialist, ParticipantStatus.ACTIVE, date(2026, 11, 20), TODAY,
                           closed_reason=ClosedReason.OTHER)
    assert participant.closed_on is None and participant.closed_reason is None
    assert participant.status_changes[1].closed_reason == ClosedReason.MOVED


@pytest.mark.parametrize("status, on, field", [
    ("active", TODAY + timedelta(days=1), "changed_on"),
    ("active", date(2026, 8, 31), "changed_on"),
    ("waiting_list", date(2026, 10, 1), "status"),
])
def test_status_change_rules(team, specialist, status, on, field):
    participant = factories.make_participant(team, specialist, status="waiting_list", entered_on=date(2026, 9, 1))
    with pytest.raises(services.ParticipantRuleError) as refused:
        services.change_status(participant, specialist, status, on, TODAY)
    assert refused.value.field == field


def test_status_cannot_be_dated_before_the_latest_change(team, specialist):
    participant = factories.make_participant(team, specialist, status="waiting_list", entered_on=date(2026, 9, 1))
    services.change_status(participant, specialist, "active", date(2026, 10, 1), TODAY)
    with pytest.raises(services.ParticipantRuleError):
        services.change_status(participant, specialist, "passive", date(2026, 9, 20), TODAY)


def test_closing_through_the_page(login, team, specialist):
    participant = factories.make_participant(team, specialist)
    client = login(specialist)
    url = f"/participants/{participant.id}/status"
    refused = client.post(url, data={"status": "closed", "changed_on": clock.today().isoformat()})
    assert refused.status_code == 422
    done = client.post(url, data={"status": "closed", "changed_on": clock.today().isoformat(),
                                  "closed_reason": "participant_wish", "note": "Har fått jobb på egen hand"})
    assert done.status_code == 302
    db.session.refresh(participant)
    assert participant.status == ParticipantStatus.CLOSED
    assert participant.closed_reason == ClosedReason.PARTICIPANT_WISH
    assert participant.status_changes[0].reason == "Har fått jobb på egen hand"


def test_edit_details(login, team, specialist):
    participant = factories.make_participant(team, specialist, first_name="Omar")
    response = login(specialist).post(f"/participants/{participant.id}/edit", data={
        "first_name": "Omar", "last_name": participant.last_name, "phone": "0155-12 34 56", "email": "omar@example.se",
        "specialist_id": specialist.id, "entered_on": "2026-10-01", "version": participant.version})
    assert response.status_code == 302
    db.session.refresh(participant)
    assert participant.phone == "0155-12 34 56" and participant.email == "omar@example.se"


def test_overview_shows_the_record(login, team, specialist):
    participant = factories.make_participant(team, specialist, first_name="Omar", entered_on=clock.today()
                                             - timedelta(days=12))
    page = login(specialist).get(f"/participants/{participant.id}").get_data(as_text=True)
    assert "Omar" in page and "12 dagar sedan" in page
    assert "<title>Deltagare" in page  # the name stays out of the title (and so out of browser history)


def test_overview_and_edit_pages_show_every_part(login, team, specialist):
    participant = factories.make_participant(team, specialist, first_name="Omar")
    employer = factories.make_employer(team, name="Bageriet AB")
    factories.make_consent(participant, employer=employer, withdrawn_on=date(2026, 11, 1))
    factories.make_consent(participant, "psychiatry")
    services.save_preferences(participant, specialist, {"occupations": ["5120"], "industries": ["56"],
                                                        "hours_min": 20, "hours_max": 30, "sound_level": "quiet",
                                                        "reviewed_on": date(2026, 11, 2)})
    services.record_disclosure(participant, specialist, "limited", {"share_support"}, date(2026, 11, 2), TODAY)
    services.record_disclosure(participant, specialist, "none", set(), date(2026, 11, 3), TODAY, employer=employer)
    experience = factories.make_profile_entry(participant, "experience")
    client = login(specialist)
    page = client.get(f"/participants/{participant.id}").get_data(as_text=True)
    assert "Återkallat 1 nov. 2026" in page and "Psykiatrin" in page
    assert "Kockar och kallskänkor" in page and "20–30" in page and "Lugn" in page
    assert "Öppenhet: Begränsad" in page and "Att personen har stöd genom verksamheten" in page
    assert "Bageriet AB</a>" not in page and "Bageriet AB: <strong>Ingen</strong>" in page
    profile = client.get(f"/participants/{participant.id}/profile").get_data(as_text=True)
    assert f"/participants/{participant.id}/experience/{experience.id}" in profile
    assert client.get(f"/participants/{participant.id}/experience/{experience.id}").status_code == 200
    disclosure = client.get(f"/participants/{participant.id}/disclosure").get_data(as_text=True)
    assert disclosure.count("<tr>") == 3  # the heading row and two choices in the history


def test_a_stale_edit_of_a_participant_is_refused_and_input_kept(login, specialist, team):
    lina = factories.make_participant(team, specialist, first_name="Lina", last_name="Lind")
    client = login(specialist)
    seen = lina.version
    data = {"first_name": "Lina", "last_name": "Lind", "entered_on": "2026-10-01", "specialist_id": specialist.id,
            "version": seen}
    assert client.post(f"/participants/{lina.id}/edit", data={**data, "phone": "070-111 11 11"}).status_code == 302
    stale = client.post(f"/participants/{lina.id}/edit", data={**data, "phone": "070-222 22 22"})
    assert stale.status_code == 409
    assert "070-222 22 22" in stale.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Participant, lina.id).phone == "070-111 11 11"
