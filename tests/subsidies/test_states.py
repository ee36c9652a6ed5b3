"""The state machine: every legal path works, every illegal step is refused and changes nothing."""
from datetime import date

import pytest

from crm.extensions import db
from crm.subsidies import services
from crm.subsidies.models import NegotiationStatus as S
from crm.subsidies.states import OPEN_STATUSES, TRANSITIONS

from .. import factories
from .conftest import ON

DECISION = {"decided_on": date(2026, 11, 2), "agreed_share_percent": 60, "period_start_on": date(2026, 12, 1),
            "period_end_on": date(2027, 11, 30), "next_review_on": date(2027, 5, 31)}


@pytest.fixture(autouse=True)
def _read_messages_as_a_request_would(app):
    """Refusal messages are lazy strings: they are read in the request's language (Swedish)."""
    with app.test_request_context():
        yield


def _at(ready, employer, status, **fields):
    return factories.make_negotiation(ready, employer, status=status, **fields)


def test_the_whole_path_with_dated_steps_and_terms(ready, employer, specialist):
    negotiation = services.create_negotiation(ready, employer, specialist, {
        "support_type_id": factories.support_type().id, "requested_share_percent": 70, "wage_basis": 24000,
        "notes": "Idé efter besöket"}, date(2026, 10, 20))
    path = [(S.RAISED_WITH_AF, {"shared_information": "Till AF: yrkesprofil och önskemål"}),
            (S.AF_ASSESSING, {}),
            (S.TERMS_PROPOSED, {"agreed_share_percent": 50}),
            (S.AGREED, {"agreed_share_percent": 60}),
            (S.DECIDED, DECISION),
            (S.ACTIVE, {}),
            (S.REVIEW_DUE, {}),
            (S.RENEWED, {"decided_on": date(2027, 11, 1), "period_start_on": date(2027, 12, 1),
                         "period_end_on": date(2028, 11, 30), "next_review_on": date(2028, 5, 31)}),
            (S.REVIEW_DUE, {}),
            (S.ENDED, {})]
    for status, terms in path:
        services.advance(negotiation, status, specialist, ON, notes=f"steg {status}", **terms)
    db.session.expire_all()
    assert negotiation.status == S.ENDED
    assert [step.to_status for step in reversed(negotiation.steps)] == [S.DRAFT, *[s for s, _ in path]]
    assert negotiation.requested_share_percent == 70 and negotiation.agreed_share_percent == 60
    assert negotiation.period_end_on == date(2028, 11, 30)
    agreed = next(step for step in negotiation.steps if step.to_status == S.AGREED)
    assert agreed.changes == {"agreed_share_percent": [50, 60]} and agreed.by_id == specialist.id
    decided = next(step for step in negotiation.steps if step.to_status == S.DECIDED)
    assert decided.changes["period_end_on"] == [None, "2027-11-30"]


ILLEGAL = [(a, b) for a in S for b in S if b not in TRANSITIONS[a]]


@pytest.mark.parametrize("current, target", ILLEGAL, ids=[f"{a}->{b}" for a, b in ILLEGAL])
def test_every_illegal_step_is_refused_and_changes_nothing(ready, employer, specialist, current, target):
    negotiation = _at(ready, employer, current, **DECISION)
    version, steps = negotiation.version, len(negotiation.steps)
    with pytest.raises(services.NegotiationError) as refusal:
        services.advance(negotiation, target, specialist, ON)
    db.session.expire_all()
    assert negotiation.status == current and len(negotiation.steps) == steps and negotiation.version == version
    message = str(refusal.value)
    assert ("kan inte gå till" in message and "Möjliga nästa steg" in message) or "är stängd" in message


@pytest.mark.parametrize("current", OPEN_STATUSES)
@pytest.mark.parametrize("target", [S.DECLINED, S.WITHDRAWN])
def test_declined_or_withdrawn_from_any_open_step(ready, employer, specialist, current, target):
    negotiation = _at(ready, employer, current)
    services.advance(negotiation, target, specialist, ON, notes="AF sa nej")
    assert negotiation.status == target


def test_decided_needs_the_decision_the_share_and_the_period(ready, employer, specialist):
    negotiation = _at(ready, employer, S.AGREED)
    with pytest.raises(services.NegotiationError) as refusal:
        services.advance(negotiation, S.DECIDED, specialist, ON, period_start_on=date(2026, 12, 1))
    message = str(refusal.value)
    for missing in ("Beslutsdatum", "Överenskommen andel", "Period till och med"):
        assert missing in message
    assert "Period från" not in message
    assert negotiation.status == S.AGREED and negotiation.period_start_on is None


def test_active_needs_a_period(ready, employer, specialist):
    negotiation = _at(ready, employer, S.DECIDED, decided_on=ON, agreed_share_percent=50)
    with pytest.raises(services.NegotiationError, match="Period från, Period till och med"):
        services.advance(negotiation, S.ACTIVE, specialist, ON)
    services.advance(negotiation, S.ACTIVE, specialist, ON, period_start_on=date(2026, 11, 2),
                     period_end_on=date(2027, 11, 1))
    assert negotiation.status == S.ACTIVE


def test_a_renewal_must_run_past_the_current_period(ready, employer, specialist):
    negotiation = _at(ready, employer, S.REVIEW_DUE, **DECISION)
    with pytest.raises(services.NegotiationError, match=r"efter 30 nov\. 2027"):
        services.advance(negotiation, S.RENEWED, specialist, ON, decided_on=ON, period_end_on=date(2027, 6, 1),
                         next_review_on=date(2027, 3, 1))
    assert negotiation.status == S.REVIEW_DUE and negotiation.period_end_on == date(2027, 11, 30)


def test_terms_are_checked(ready, employer, specialist):
    negotiation = _at(ready, employer, S.TERMS_PROPOSED)
    with pytest.raises(services.NegotiationError) as refusal:
        services.advance(negotiation, S.AGREED, specialist, ON, agreed_share_percent=120,
                         period_start_on=date(2027, 1, 1), period_end_on=date(2026, 12, 1))
    assert len(refusal.value.messages) == 2 and negotiation.agreed_share_percent is None


def test_a_step_cannot_be_dated_before_the_previous_one(ready, employer, specialist):
    negotiation = _at(ready, employer, S.DRAFT, started_on=date(2026, 10, 10))
    with pytest.raises(services.NegotiationError, match=r"10 okt\. 2026"):
        services.advance(negotiation, S.RAISED_WITH_AF, specialist, date(2026, 10, 9))
    assert negotiation.status == S.DRAFT
