"""A social enterprise with a partner user, a listing, and a participant who consents to sharing with it."""
from datetime import date

import pytest

from .. import factories

TODAY = date(2026, 11, 24)


@pytest.fixture
def organisation():
    return factories.make_partner_organisation("Returbutiken Ekonomisk förening")


@pytest.fixture
def partner_user(organisation):
    return factories.make_user(role="partner", partner_organisation=organisation, name="Pia Partner")


@pytest.fixture
def listing(organisation):
    return factories.make_listing(organisation, title="Butiksarbete i returbutiken", tasks="Sortera och prismärka",
                                  hours_min=10, hours_max=20, municipality="Nyköping")


@pytest.fixture
def participant(team, specialist, organisation):
    person = factories.make_participant(team, specialist, first_name="Maja", last_name="Berg",
                                        phone="070-123 45 67", email="maja.berg@example.se")
    factories.make_consent(person, party_kind="social_enterprise", partner_organisation_id=organisation.id,
                           decided_on=date(2026, 11, 1))
    factories.make_disclosure(person)
    return person


@pytest.fixture
def referral(participant, listing, specialist):
    return factories.make_referral(participant, listing, referred_by_id=specialist.id,
                                   message_to_partner="Jag vill jobba förmiddagar och gillar att sortera.")
