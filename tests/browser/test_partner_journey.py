"""A social enterprise on a phone lists a placement and accepts a participant referred to it."""
from datetime import date

import pytest

from crm.extensions import db
from crm.partners.models import Listing, Referral, ReferralStatus

from .. import factories
from .conftest import check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def test_partner_lists_a_placement_and_accepts_a_referral(phone, live_data):
    with live_data():
        team = factories.make_team(name="Portalteamet")
        specialist = factories.make_user(team=team, email="spec.portal@example.se")
        organisation = factories.make_partner_organisation("Cykelköket ek. för.")
        partner = factories.make_user(role="partner", partner_organisation=organisation, email="pia@cykelkoket.se")
        listing = factories.make_listing(organisation, title="Cykelverkstad", hours_min=10, hours_max=20)
        participant = factories.make_participant(team, specialist, first_name="Omar", last_name="Said",
                                                 phone="070-111 22 33", email="omar@example.se")
        factories.make_consent(participant, party_kind="social_enterprise", partner_organisation_id=organisation.id,
                               decided_on=date(2026, 11, 1))
        referral = factories.make_referral(participant, listing, message_to_partner="Jag gillar att skruva.")
        email, referral_id, organisation_id = partner.email, referral.id, organisation.id

    sign_in(phone, email)
    phone.get_by_role("heading", name="Våra platser").wait_for()  # the portal is a partner's home page
    phone.get_by_role("link", name="Ny plats").click()
    phone.get_by_label("Titel").fill("Kafébiträde")
    phone.get_by_label("Arbetspraktik", exact=True).check()
    phone.get_by_label("Arbetsuppgifter").fill("Disk, servering och bakning")
    phone.get_by_label("Timmar per vecka, från").fill("10")
    phone.get_by_label("Timmar per vecka, till").fill("25")
    phone.get_by_label("Kommun").fill("Nyköping")
    phone.get_by_label("Lediga platser").fill("2")
    check_phone_page(phone)
    phone.get_by_role("button", name="Spara").click()
    phone.get_by_text("Kafébiträde är utlyst.").wait_for()
    check_phone_page(phone)

    phone.get_by_role("link", name="1 anvisning väntar").click()
    phone.get_by_role("link", name="Omar Said").click()
    phone.get_by_text("Jag gillar att skruva.").wait_for()
    phone.get_by_label("Tacka ja").check()
    phone.get_by_label("Meddelande till arbetsspecialisten").fill("Välkommen på tisdag kl 8!")
    phone.get_by_role("button", name="Skicka svar").click()
    phone.get_by_text("Ert svar är skickat till arbetsspecialisten.").wait_for()
    assert phone.get_by_role("link", name="Registrera starten").is_visible()
    check_phone_page(phone)

    with live_data():
        referral = db.session.get(Referral, referral_id)
        assert referral.status == ReferralStatus.ACCEPTED and referral.partner_message == "Välkommen på tisdag kl 8!"
        new = db.session.scalar(db.select(Listing).where(Listing.title == "Kafébiträde"))
        assert new.partner_organisation_id == organisation_id and new.places == 2
