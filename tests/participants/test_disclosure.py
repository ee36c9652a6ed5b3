"""Disclosure: a default with per-employer overrides, a dated history, and the refusal that "none" brings."""
from datetime import date

import pytest

from crm.extensions import db
from crm.participants import services
from crm.participants.disclosure import (
    DisclosureRefusal,
    check_naming,
    disclosure_for,
    effective_disclosure,
)
from crm.participants.models import DisclosureChoice, DisclosureLevel

from .. import factories

TODAY = date(2026, 11, 24)


@pytest.fixture
def participant(team, specialist):
    return factories.make_participant(team, specialist, first_name="Lina")


@pytest.fixture
def employer(team):
    return factories.make_employer(team, name="Bageriet AB")


def choose(participant, user, level, on, employer=None, shares=()):
    return services.record_disclosure(participant, user, level, set(shares), on, TODAY, employer=employer)


def test_nothing_chosen_yet(participant, employer):
    assert effective_disclosure(participant, employer.id) is None
    assert not disclosure_for(participant, employer.id).may_share("share_support")
    with pytest.raises(DisclosureRefusal):  # nobody is offered for work before disclosure was discussed
        check_naming(participant, employer, "job_development", TODAY)
    with pytest.raises(DisclosureRefusal):  # nor referred to a social enterprise
        check_naming(participant, None, "referral", TODAY)
    check_naming(participant, employer, "follow_up", TODAY)  # other purposes: consent decides


def test_override_wins_over_the_default(specialist, participant, employer, team):
    other = factories.make_employer(team, name="Verkstan AB")
    choose(participant, specialist, "limited", date(2026, 11, 1), shares={"share_support", "share_cv_gaps"})
    choose(participant, specialist, "none", date(2026, 11, 2), employer=employer)
    assert effective_disclosure(participant, employer.id) == DisclosureLevel.NONE
    assert effective_disclosure(participant, other.id) == DisclosureLevel.LIMITED
    toward_other = disclosure_for(participant, other.id)
    assert toward_other.may_share("share_cv_gaps") and not toward_other.may_share("share_condition")
    assert not disclosure_for(participant, employer.id).may_share("share_support")


def test_history_is_kept_and_dated(specialist, team_lead, participant, employer):
    choose(participant, specialist, "full", date(2026, 10, 1), shares={"share_condition"})
    choose(participant, team_lead, "limited", date(2026, 11, 1))
    assert effective_disclosure(participant, employer.id, on=date(2026, 10, 15)) == DisclosureLevel.FULL
    assert effective_disclosure(participant, employer.id) == DisclosureLevel.LIMITED
    db.session.expire_all()
    rows = db.session.query(DisclosureChoice).filter_by(participant_id=participant.id).all()
    assert {(r.level, r.recorded_by_id) for r in rows} == {
        (DisclosureLevel.FULL, specialist.id), (DisclosureLevel.LIMITED, team_lead.id)}


def test_removing_an_override_returns_to_the_default(specialist, participant, employer):
    choose(participant, specialist, "full", date(2026, 10, 1))
    choose(participant, specialist, "none", date(2026, 10, 2), employer=employer)
    choose(participant, specialist, None, date(2026, 10, 3), employer=employer)
    assert effective_disclosure(participant, employer.id) == DisclosureLevel.FULL
    assert len(participant.disclosure_choices) == 3


@pytest.mark.parametrize("level, shares", [
    ("none", {"share_support"}),
    ("limited", {"share_condition"}),
    (None, set()),  # the default needs a level
])
def test_what_may_be_shared_follows_the_level(specialist, participant, level, shares):
    with pytest.raises(services.ParticipantRuleError):
        choose(participant, specialist, level, date(2026, 11, 1), shares=shares)


def test_none_toward_one_employer_refuses_job_development_there(app, specialist, participant, employer, team):
    choose(participant, specialist, "limited", date(2026, 11, 1))
    choose(participant, specialist, "none", date(2026, 11, 2), employer=employer)
    with pytest.raises(DisclosureRefusal) as refused:
        check_naming(participant, employer, "job_development", TODAY)
    with app.test_request_context():
        assert "Bageriet AB" in str(refused.value) and participant.name in str(refused.value)
    for purpose in ("follow_up", "subsidy", "learn_needs", "other"):  # every purpose that names her
        with pytest.raises(DisclosureRefusal):
            check_naming(participant, employer, purpose, TODAY)
    # Another employer is not concerned; before the override the default (limited) allowed it.
    check_naming(participant, factories.make_employer(team), "job_development", TODAY)
    check_naming(participant, employer, "job_development", date(2026, 11, 1))


def test_none_by_default_refuses_every_employer_unless_overridden(specialist, participant, employer, team):
    open_employer = factories.make_employer(team, name="Öppna AB")
    choose(participant, specialist, "none", date(2026, 11, 1))
    choose(participant, specialist, "limited", date(2026, 11, 1), employer=open_employer, shares={"share_support"})
    with pytest.raises(DisclosureRefusal):
        check_naming(participant, employer, "job_development", TODAY)
    check_naming(participant, open_employer, "job_development", TODAY)


def test_pages_record_default_and_override(login, specialist, participant, employer):
    client = login(specialist)
    response = client.post(f"/participants/{participant.id}/disclosure", data={
        "level": "limited", "share_support": "y", "share_adjustments": "y", "decided_on": "2026-11-02"})
    assert response.status_code == 302
    response = client.post(f"/participants/{participant.id}/disclosure/employer", data={
        "employer": employer.name, "level": "none", "decided_on": "2026-11-03"})
    assert response.status_code == 302
    db.session.expire_all()
    assert effective_disclosure(participant, employer.id) == DisclosureLevel.NONE
    assert disclosure_for(participant, None).shares == {"share_support", "share_adjustments"}
    refused = client.post(f"/participants/{participant.id}/disclosure", data={
        "level": "none", "share_condition": "y", "decided_on": "2026-11-04"})
    assert refused.status_code == 422


def test_employer_page_warns_about_an_override_of_none_only(login, specialist, team, employer):
    declined_here = factories.make_participant(team, specialist, first_name="Kalle", last_name="Karlsson")
    declined_everywhere = factories.make_participant(team, specialist, first_name="Stina", last_name="Svensson")
    choose(declined_here, specialist, "none", date(2026, 11, 1), employer=employer)
    choose(declined_everywhere, specialist, "none", date(2026, 11, 1))
    page = login(specialist).get(f"/employers/{employer.id}").get_data(as_text=True)
    assert "Kalle K." in page
    assert "Stina" not in page


def test_employer_page_without_choices_has_no_warning(login, specialist, employer):
    page = login(specialist).get(f"/employers/{employer.id}").get_data(as_text=True)
    assert "no-disclosure-heading" not in page
