"""A partner sees a referred participant's name, contact details and what they chose to share: nothing else."""
from datetime import date

import pytest

from crm.participants import services as participant_services
from crm.partners import services
from crm.partners.models import ReferralStatus

from .. import factories
from .conftest import TODAY

SECRETS = [
    "Schizofreni",  # a scope note on a consent
    "Kan berätta om sin diagnos",  # career profile
    "Hörselkänslig",  # preferences: must avoid
    "Budgetrådgivning: skulder",  # benefits counselling notes
    "Tidigare Kommunen",  # work experience
    "Specialfordonsskolan",  # education
    "Andra Deltagaresson",  # another participant's last name
    "Sara Specialist",  # the specialist who referred: partners get no staff details either
    "Full",  # the disclosure level word (Swedish label "Full")
    "Begränsad",
]


@pytest.fixture
def rich_participant(participant, specialist, team, organisation):
    """Maja with everything a participant record holds."""
    employer = factories.make_employer(team, name="Hemliga Arbetsgivaren AB")
    factories.make_consent(participant, employer=employer, scope_note="Schizofreni, får nämnas för chefen")
    participant_services.save_career_profile(participant, specialist, {
        "strengths": "Kan berätta om sin diagnos", "interests": "Musik", "skills": "Truckkort"})
    participant_services.save_preferences(participant, specialist, {
        "must_avoids": "Hörselkänslig", "reviewed_on": TODAY})
    participant_services.add_benefits_session(participant, specialist, {
        "held_on": date(2026, 11, 2), "occasion": "before_job_start", "notes": "Budgetrådgivning: skulder"}, TODAY)
    factories.make_profile_entry(participant, "experience", employer_name="Tidigare Kommunen", role="Vaktmästare")
    factories.make_profile_entry(participant, "education", programme="Specialfordonsskolan")
    participant_services.record_disclosure(participant, specialist, "full", {"share_condition"},
                                           decided_on=date(2026, 11, 1), today=TODAY)
    participant_services.record_disclosure(participant, specialist, "limited", set(), decided_on=date(2026, 11, 2),
                                           today=TODAY, employer=employer)
    factories.make_participant(team, specialist, first_name="Maja", last_name="Andra Deltagaresson")
    factories.make_contact(employer, specialist, summary="Pratade om Maja Berg och hennes diagnos")
    return participant


def test_no_portal_page_shows_more_than_the_participant_chose_to_share(login, partner_user, rich_participant,
                                                                       listing, specialist):
    participant = rich_participant
    referral = factories.make_referral(participant, listing, referred_by_id=specialist.id,
                                       message_to_partner="Gillar att sortera.")
    client = login(partner_user)
    pages = {}

    def visit(path):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.get_data(as_text=True)

    visit("/partner/")
    visit("/partner/referrals")
    visit(f"/partner/referrals/{referral.id}")
    visit(f"/partner/listings/{listing.id}/edit")
    visit("/partner/listings/new")
    services.answer_referral(referral, partner_user, True, "Välkommen", TODAY)
    visit(f"/partner/referrals/{referral.id}")
    visit(f"/partner/referrals/{referral.id}/start")
    services.record_start(referral, partner_user, {"started_on": date(2026, 11, 3), "hours_per_week": 10.0}, TODAY)
    visit(f"/partner/referrals/{referral.id}")
    visit(f"/partner/referrals/{referral.id}/end")

    assert "Maja Berg" in pages[f"/partner/referrals/{referral.id}"]
    assert "Gillar att sortera." in pages[f"/partner/referrals/{referral.id}"]
    for path, page in pages.items():
        for secret in SECRETS:
            assert secret not in page, (path, secret)
        assert "Hemliga Arbetsgivaren" not in page, path


def test_after_consent_is_withdrawn_the_partner_no_longer_sees_who(login, partner_user, participant, referral,
                                                                  specialist):
    participant_services.withdraw_consent(participant.consents[0], specialist, date(2026, 11, 10), TODAY)
    client = login(partner_user)
    for path in ("/partner/referrals", f"/partner/referrals/{referral.id}"):
        page = client.get(path).get_data(as_text=True)
        assert "Maja" not in page and "070-123 45 67" not in page and "sortera" not in page, path
    response = client.post(f"/partner/referrals/{referral.id}", data={"answer": "accepted", "partner_message": "x"})
    assert response.status_code == 422
    assert referral.status == ReferralStatus.PENDING
