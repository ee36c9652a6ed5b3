from datetime import date

import pytest

from crm.participants import services as participant_services

from .. import factories

ON = date(2026, 11, 2)  # the day the tests' steps happen


@pytest.fixture
def employer(team):
    return factories.make_employer(team, name="Bageriet Solrosen AB", stage="relationship")


def make_ready(team, specialist, employer, level="limited", **fields):
    """A participant who may be named toward AF and `employer`: both consents, and `level` disclosure."""
    participant = factories.make_participant(team, specialist, first_name="Lina", last_name="Lindqvist", **fields)
    factories.make_consent(participant, "arbetsformedlingen")
    factories.make_consent(participant, employer=employer)
    participant_services.record_disclosure(participant, specialist, level,
                                           {"share_support"} if level != "none" else set(), date(2026, 10, 5), ON)
    return participant


@pytest.fixture
def ready(team, specialist, employer):
    return make_ready(team, specialist, employer)
