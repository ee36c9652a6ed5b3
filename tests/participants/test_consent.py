"""Consent per party: every decision documented, and the one check that sharing actions call."""
from datetime import date

import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.participants import services
from crm.participants.consent import ConsentMissing, consent_overview, require_consent
from crm.participants.models import Consent, ConsentDecision, ConsentScope, PartyKind

from .. import factories

ON = date(2026, 11, 10)


@pytest.fixture
def participant(team, specialist):
    return factories.make_participant(team, specialist, first_name="Lina")


@pytest.fixture
def employer(team):
    return factories.make_employer(team, name="Bageriet AB")


def test_given_consent_allows_sharing_from_its_date(participant, employer):
    consent = factories.make_consent(participant, employer=employer, decided_on=date(2026, 11, 1))
    assert require_consent(participant, "employer", employer.id, ON) == consent
    with pytest.raises(ConsentMissing) as before:
        require_consent(participant, "employer", employer.id, date(2026, 10, 31))
    assert before.value.reason == "none"


def test_no_consent_for_another_employer(app, team, participant, employer):
    factories.make_consent(participant, employer=employer)
    other = factories.make_employer(team, name="Verkstan AB")
    with pytest.raises(ConsentMissing) as refused:
        require_consent(participant, PartyKind.EMPLOYER, other.id, ON)
    assert refused.value.reason == "none"
    with app.test_request_context():
        assert "Verkstan AB" in str(refused.value) and participant.name in str(refused.value)


def test_declined_is_refused_and_kept(app, participant, employer):
    factories.make_consent(participant, employer=employer, decision=ConsentDecision.DECLINED)
    with pytest.raises(ConsentMissing) as refused:
        require_consent(participant, "employer", employer.id, ON)
    assert refused.value.reason == "declined"
    with app.test_request_context():
        assert "Bageriet AB" in str(refused.value) and "5 okt. 2026" in str(refused.value)


def test_withdrawn_consent_counts_until_the_withdrawal(participant, employer):
    factories.make_consent(participant, employer=employer, decided_on=date(2026, 10, 1), withdrawn_on=ON)
    assert require_consent(participant, "employer", employer.id, date(2026, 11, 9))
    with pytest.raises(ConsentMissing) as refused:
        require_consent(participant, "employer", employer.id, ON)
    assert refused.value.reason == "withdrawn"


def test_a_later_decision_replaces_an_earlier_one(participant, employer):
    factories.make_consent(participant, employer=employer, decided_on=date(2026, 10, 1),
                           decision=ConsentDecision.DECLINED)
    factories.make_consent(participant, employer=employer, decided_on=date(2026, 11, 1))
    assert require_consent(participant, "employer", employer.id, ON).decision == ConsentDecision.GIVEN
    with pytest.raises(ConsentMissing):
        require_consent(participant, "employer", employer.id, date(2026, 10, 15))


def test_expired_and_receive_only_are_refused(participant):
    factories.make_consent(participant, "psychiatry", valid_until=date(2026, 11, 9))
    factories.make_consent(participant, "forsakringskassan", scope=ConsentScope.RECEIVE_ONLY)
    with pytest.raises(ConsentMissing) as expired:
        require_consent(participant, "psychiatry", None, ON)
    with pytest.raises(ConsentMissing) as receive_only:
        require_consent(participant, "forsakringskassan", None, ON)
    assert (expired.value.reason, receive_only.value.reason) == ("expired", "receive_only")


def test_agencies_social_enterprises_and_named_parties(participant):
    organisation = factories.make_partner_organisation("Returbutiken")
    factories.make_consent(participant, "arbetsformedlingen")
    factories.make_consent(participant, "social_enterprise", partner_organisation_id=organisation.id)
    factories.make_consent(participant, "other", party_name="Budget- och skuldrådgivningen")
    assert require_consent(participant, "arbetsformedlingen", None, ON)
    assert require_consent(participant, "social_enterprise", organisation.id, ON)
    assert require_consent(participant, "other", " budget- och skuldrådgivningen ", ON)
    with pytest.raises(ConsentMissing):
        require_consent(participant, "social_services", None, ON)


def test_recording_and_withdrawing_through_the_pages(login, specialist, participant, employer):
    client = login(specialist)
    response = client.post(f"/participants/{participant.id}/consents/new", data={
        "party_kind": "employer", "employer": employer.name, "decision": "given", "form": "oral",
        "decided_on": "2026-11-02", "scope": "exchange", "scope_note": "Yrkesprofil och önskemål"})
    assert response.status_code == 302
    consent = db.session.scalar(select(Consent).where(Consent.participant_id == participant.id))
    assert consent.employer_id == employer.id and consent.recorded_by_id == specialist.id
    response = client.post(f"/participants/{participant.id}/consents/{consent.id}/withdraw",
                           data={"withdrawn_on": "2026-11-20"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Consent, consent.id).withdrawn_on == date(2026, 11, 20)  # dated, never deleted


def test_a_no_is_documented_too(login, specialist, participant):
    response = login(specialist).post(f"/participants/{participant.id}/consents/new", data={
        "party_kind": "social_services", "decision": "declined", "form": "oral", "decided_on": "2026-11-02",
        "scope": "exchange"})
    assert response.status_code == 302
    (consent, state), = consent_overview(participant, ON)
    assert consent.decision == ConsentDecision.DECLINED and state == "declined"


@pytest.mark.parametrize("data", [
    {"party_kind": "employer"},  # which employer?
    {"party_kind": "other"},  # which party?
    {"party_kind": "psychiatry", "decided_on": "2099-01-01"},
    {"party_kind": "psychiatry", "valid_until": "2026-01-01"},
])
def test_incomplete_consent_is_refused(login, specialist, participant, data):
    form = {"decision": "given", "form": "written", "decided_on": "2026-11-02", "scope": "exchange", **data}
    response = login(specialist).post(f"/participants/{participant.id}/consents/new", data=form)
    assert response.status_code == 422
    assert db.session.scalar(select(Consent).where(Consent.participant_id == participant.id)) is None


def test_cannot_record_consent_for_another_teams_employer(specialist, participant, other_team):
    stranger = factories.make_employer(other_team)
    with pytest.raises(services.ParticipantRuleError):
        services.record_consent(participant, specialist, {
            "party_kind": "employer", "employer_id": stranger.id, "decision": "given", "form": "oral",
            "decided_on": ON, "scope": "exchange"}, today=ON)


def test_withdrawing_twice_is_refused(specialist, participant, employer):
    consent = factories.make_consent(participant, employer=employer)
    services.withdraw_consent(consent, specialist, ON, today=ON)
    with pytest.raises(services.ParticipantRuleError):
        services.withdraw_consent(consent, specialist, ON, today=ON)
