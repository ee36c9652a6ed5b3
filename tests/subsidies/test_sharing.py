"""A negotiation names the participant toward AF and the employer: it needs both consents and at
least limited disclosure toward that employer, and says everything that is missing."""
from datetime import date

import pytest

from crm.participants import services as participant_services
from crm.subsidies import services
from crm.subsidies.models import Negotiation
from crm.subsidies.models import NegotiationStatus as S

from .. import factories
from .conftest import ON, make_ready


@pytest.fixture(autouse=True)
def _read_messages_as_a_request_would(app):
    """Refusal messages are lazy strings: they are read in the request's language (Swedish)."""
    with app.test_request_context():
        yield


def _create(participant, employer, user):
    return services.create_negotiation(participant, employer, user, {"support_type_id": factories.support_type().id},
                                       ON)


def test_nothing_recorded_names_all_three_missing(team, specialist, employer):
    participant = factories.make_participant(team, specialist, first_name="Omar", last_name="Ali")
    with pytest.raises(services.NegotiationError) as refusal:
        _create(participant, employer, specialist)
    messages = [str(message) for message in refusal.value.messages]
    assert len(messages) == 3
    assert "Arbetsförmedlingen" in messages[0] and employer.name in messages[1]
    assert "minst begränsad öppenhet" in messages[2]
    assert Negotiation.query.count() == 0


@pytest.mark.parametrize("level, allowed", [("full", True), ("limited", True), ("none", False)])
def test_disclosure_toward_the_employer_must_be_at_least_limited(team, specialist, employer, level, allowed):
    participant = make_ready(team, specialist, employer, level=level)
    if allowed:
        assert _create(participant, employer, specialist).status == S.DRAFT
    else:
        with pytest.raises(services.NegotiationError, match="valt ingen öppenhet mot Bageriet"):
            _create(participant, employer, specialist)


def test_an_override_of_none_toward_this_employer_refuses(team, specialist, employer, ready):
    participant_services.record_disclosure(ready, specialist, "none", set(), ON, ON, employer=employer)
    with pytest.raises(services.NegotiationError) as refusal:
        _create(ready, employer, specialist)
    assert len(refusal.value.messages) == 1


def test_declined_af_consent_and_missing_employer_consent(team, specialist, employer):
    participant = factories.make_participant(team, specialist)
    factories.make_consent(participant, "arbetsformedlingen", decision="declined")
    participant_services.record_disclosure(participant, specialist, "limited", set(), date(2026, 10, 5), ON)
    with pytest.raises(services.NegotiationError) as refusal:
        _create(participant, employer, specialist)
    messages = [str(message) for message in refusal.value.messages]
    assert len(messages) == 2 and "sa nej" in messages[0] and "inget registrerat samtycke" in messages[1]


def test_a_withdrawn_employer_consent_stops_sharing_steps_but_not_closing_ones(ready, employer, specialist):
    negotiation = _create(ready, employer, specialist)
    consent = next(c for c in ready.consents if c.employer_id == employer.id)
    participant_services.withdraw_consent(consent, specialist, ON, ON)
    with pytest.raises(services.NegotiationError, match="återkallade samtycket"):
        services.advance(negotiation, S.RAISED_WITH_AF, specialist, ON)
    assert negotiation.status == S.DRAFT and len(negotiation.steps) == 1
    services.advance(negotiation, S.WITHDRAWN, specialist, ON, notes="Samtycket återkallat")
    assert negotiation.status == S.WITHDRAWN


def test_an_employer_of_another_team_is_refused(ready, other_team, specialist):
    stranger = factories.make_employer(other_team)
    with pytest.raises(services.NegotiationError, match="teamets register"):
        _create(ready, stranger, specialist)
