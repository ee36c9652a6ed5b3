"""The network room's rules: consent per organisation, the AF collaboration item, the six-month nudge, outcomes."""
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.network import queries, services
from crm.network.models import FundsOutcome, NetworkContact, Organisation
from crm.nudges import engine
from crm.nudges.models import Nudge, NudgeStatus
from crm.participants.consent import ConsentMissing
from crm.reports.fidelity import fidelity_report

from .. import factories

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CONSENT_PARTY = {"arbetsformedlingen": "arbetsformedlingen", "forsakringskassan": "forsakringskassan",
                 "care": "psychiatry", "social_services": "social_services"}


def _log(participant, user, member, on, kind="phone"):
    return services.log_contact(participant, user, member.id, on, kind, "Vi bokar ett trepartsmöte", now=NOW)


@pytest.mark.parametrize("organisation", list(Organisation))
def test_a_contact_is_logged_only_with_consent_for_that_organisation(team, specialist, organisation):
    participant = factories.make_participant(team, specialist)
    member = factories.make_network_member(participant, organisation, person_organisation="Gode män i Nyköping")
    with pytest.raises(ConsentMissing) as refused:
        _log(participant, specialist, member, date(2026, 10, 20))
    assert refused.value.reason == "none"
    # Consent for another organisation does not count.
    factories.make_consent(participant, "other", party_name="Någon annan")
    with pytest.raises(ConsentMissing):
        _log(participant, specialist, member, date(2026, 10, 20))
    kind = CONSENT_PARTY.get(organisation.value, "other")
    factories.make_consent(participant, kind, party_name=None if kind != "other" else "gode MÄN i Nyköping")
    contact = _log(participant, specialist, member, date(2026, 10, 20))
    assert db.session.scalars(select(NetworkContact.id)).all() == [contact.id]


def test_declined_and_withdrawn_consent_stop_a_sip_party(team, specialist):
    participant = factories.make_participant(team, specialist)
    coordinator = factories.make_network_member(participant, "social_services")
    factories.make_consent(participant, "social_services")
    sip = services.start_sip(participant, specialist, coordinator.id, "Ett arbete i höst", date(2026, 10, 20),
                             date(2027, 1, 20), now=NOW)
    fk = factories.make_network_member(participant, "forsakringskassan")
    factories.make_consent(participant, "forsakringskassan", decision="declined")
    with pytest.raises(ConsentMissing) as refused:
        services.add_party(sip, specialist, fk.id, date(2026, 10, 21))
    assert refused.value.reason == "declined"
    af = factories.make_network_member(participant, "arbetsformedlingen")
    factories.make_consent(participant, "arbetsformedlingen", withdrawn_on=date(2026, 10, 10))
    with pytest.raises(ConsentMissing) as refused:
        services.add_party(sip, specialist, af.id, date(2026, 10, 21))
    assert refused.value.reason == "withdrawn"
    assert [p.organisation for p in sip.parties] == [Organisation.SOCIAL_SERVICES]


def test_one_main_contact_per_organisation_and_the_af_case_officer_follows_it(team, specialist):
    participant = factories.make_participant(team, specialist)
    first = services.add_member(participant, specialist, Organisation.ARBETSFORMEDLINGEN,
                                new_person={"name": "Åsa", "organisation": "AF Nyköping"}, now=NOW)
    second = services.add_member(participant, specialist, Organisation.ARBETSFORMEDLINGEN,
                                 new_person={"name": "Bo", "organisation": "AF Nyköping"}, now=NOW)
    assert (first.is_main, second.is_main, participant.af_case_officer_id) == (True, False, first.agency_contact_id)
    services.make_main(second, specialist)
    assert (first.is_main, second.is_main, participant.af_case_officer_id) == (False, True, second.agency_contact_id)
    services.end_member(second, specialist, date(2026, 11, 2))
    assert (first.is_main, second.is_main, participant.af_case_officer_id) == (True, False, first.agency_contact_id)
    with pytest.raises(services.NetworkError):
        services.add_member(participant, specialist, Organisation.ARBETSFORMEDLINGEN,
                            agency_contact_id=first.agency_contact_id, now=NOW)


def test_af_collaboration_from_a_built_dataset(app, team, specialist, other_team):
    """September and October 2026: two whole months, seven whole ISO weeks (7 Sep to 25 Oct)."""
    people = [factories.make_participant(team, specialist) for _ in range(4)]
    for person in people:
        factories.make_consent(person, "arbetsformedlingen", decided_on=date(2026, 8, 1))
        factories.make_consent(person, "forsakringskassan", decided_on=date(2026, 8, 1))
    a, b, late, ended = people
    af_a, af_b = factories.make_network_member(a), factories.make_network_member(b)
    for on, kind in ((date(2026, 9, 10), "meeting"), (date(2026, 10, 8), "meeting"), (date(2026, 9, 15), "phone"),
                     (date(2026, 9, 16), "phone"), (date(2026, 9, 22), "message"),
                     (date(2026, 9, 2), "phone")):  # the week of 31 August is not whole: it does not count
        _log(a, specialist, af_a, on, kind)
    _log(b, specialist, af_b, date(2026, 9, 30), "meeting")
    _log(b, specialist, factories.make_network_member(b, "forsakringskassan"), date(2026, 10, 1), "meeting")
    # Linked to AF after the period began, or no longer by its end: not part of the item.
    _log(late, specialist, factories.make_network_member(late, created_at=datetime(2026, 10, 15, tzinfo=UTC)),
         date(2026, 10, 16), "meeting")
    factories.make_network_member(ended, ended_on=date(2026, 10, 1))
    elsewhere = factories.make_participant(other_team, factories.make_user(team=other_team))
    factories.make_network_member(elsewhere)

    result = queries.af_collaboration(team.id, date(2026, 9, 1), date(2026, 10, 31))

    assert (result.participants, result.months, result.weeks, result.months_met, result.weeks_contacted) == (
        2, 2, 7, 3, 5)
    assert result.percent == 55.4  # (3/4 + 5/14) / 2
    with app.test_request_context():  # the fidelity report scores it as a measured item, not a human rating
        report = fidelity_report(team, date(2026, 9, 1), date(2026, 10, 31))
    item = next(r for r in report.results if r.item.key == "employment_service")
    assert (item.value, item.score) == (55.4, 3)
    assert "employment_service" not in {evidence.item.key for evidence in report.human}


def test_no_one_with_af_involvement_has_no_value(team):
    assert queries.af_collaboration(team.id, date(2026, 9, 1), date(2026, 10, 31)).percent is None


def _ending(participant, user, declined=False, ended_on=date(2026, 4, 30)):
    return services.record_ending(participant, user, ended_on, FundsOutcome.WORK, declined, date(2026, 5, 2))


def _follow_up_nudges():
    return db.session.scalars(select(Nudge).where(Nudge.rule == "six_month_follow_up")).all()


def test_the_six_month_follow_up_nudges_once_and_never_someone_who_declined(team, specialist):
    asked = factories.make_participant(team, specialist, first_name="Bea", last_name="Berg")
    ending = _ending(asked, specialist)
    _ending(factories.make_participant(team, specialist), specialist, declined=True)
    assert ending.follow_up_due_on == date(2026, 10, 30)

    assert engine.evaluate_rule("six_month_follow_up", datetime(2026, 10, 29, 9, tzinfo=UTC)).created == 0
    assert engine.evaluate_rule("six_month_follow_up", NOW).created == 1
    assert engine.evaluate_rule("six_month_follow_up", NOW).created == 0
    [nudge] = _follow_up_nudges()
    assert (nudge.user_id, nudge.subject_id, engine.message(nudge)) == (
        specialist.id, ending.id, "Sex månader sedan stödet för Bea B. avslutades: registrera hur det ser ut nu.")
    nudge.status = NudgeStatus.DISMISSED
    assert engine.evaluate_rule("six_month_follow_up", NOW).created == 0
    assert [n.status for n in _follow_up_nudges()] == [NudgeStatus.DISMISSED]


def test_recording_the_follow_up_resolves_the_nudge(team, specialist):
    ending = _ending(factories.make_participant(team, specialist), specialist)
    engine.evaluate_rule("six_month_follow_up", NOW)
    services.record_follow_up(ending, specialist, FundsOutcome.STUDIES, False, date(2026, 11, 2), date(2026, 11, 2))
    assert engine.evaluate_rule("six_month_follow_up", NOW).resolved == 1
    with pytest.raises(services.NetworkError):
        services.record_follow_up(ending, specialist, None, False, date(2026, 11, 2), date(2026, 11, 2))


def test_a_team_owned_sip_action_becomes_a_next_step_that_nudges(team, specialist, team_lead):
    participant = factories.make_participant(team, specialist, first_name="Cia", last_name="Ek")
    coordinator = factories.make_network_member(participant, "care")
    factories.make_consent(participant, "psychiatry")
    sip = services.start_sip(participant, specialist, coordinator.id, "Arbete", date(2026, 10, 20),
                             date(2026, 11, 10), now=NOW)
    services.add_action(sip, specialist, "Ringa AF", Organisation.CARE, date(2026, 11, 5), None, now=NOW)
    team_action = services.add_action(sip, specialist, "Besöka bageriet", None, date(2026, 11, 2), team_lead.id,
                                      now=NOW)
    assert (team_action.step.owner_id, team_action.step.due_on) == (team_lead.id, date(2026, 11, 2))
    assert engine.evaluate_rule("network_step_due", NOW).created == 1
    assert engine.evaluate_rule("sip_review_due", NOW).created == 1  # reviewed on 10 Nov: within two weeks
    services.complete_action(team_action, date(2026, 11, 2))
    assert team_action.step.done_on == date(2026, 11, 2)
    assert engine.evaluate_rule("network_step_due", NOW).resolved == 1


def test_the_funds_outcome_report_counts_at_exit_and_six_months_on(team, specialist, other_team):
    people = [factories.make_participant(team, specialist) for _ in range(5)]
    for person, (ended_on, outcome, declined, after) in zip(people, (
            (date(2026, 3, 10), FundsOutcome.WORK, False, FundsOutcome.WORK),
            (date(2026, 3, 20), FundsOutcome.WORK, False, FundsOutcome.STUDIES),
            (date(2026, 4, 5), FundsOutcome.REHABILITATION, True, None),
            (date(2026, 5, 31), FundsOutcome.UNKNOWN, False, None),  # follow-up due 30 Nov: missing on 2 Dec
            (date(2026, 6, 15), FundsOutcome.SICKNESS_COMPENSATION, False, None)), strict=True):
        ending = services.record_ending(person, specialist, ended_on, outcome, declined, ended_on)
        if after:
            services.record_follow_up(ending, specialist, after, False, date(2026, 10, 1), date(2026, 10, 1))
    outside = factories.make_participant(team, specialist)
    services.record_ending(outside, specialist, date(2026, 7, 1), FundsOutcome.WORK, False, date(2026, 7, 1))

    report = queries.funds_outcome_report(team.id, date(2026, 3, 1), date(2026, 6, 30), date(2026, 12, 2))

    assert len(report.endings) == 5
    assert {k.value: v for k, v in report.at_exit.items() if v} == {
        "work": 2, "rehabilitation": 1, "unknown": 1, "sickness_compensation": 1}
    assert {k.value: v for k, v in report.six_months.items() if v} == {"work": 1, "studies": 1}
    assert (report.declined, report.not_yet_due, report.missing) == (1, 1, 1)
