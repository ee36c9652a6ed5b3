"""Walk every route of the app: no page leaks to someone signed out, to a partner, or without CSRF.

New routes are covered automatically; a route meant for partners must be listed in PARTNER_ROUTES.
"""
from datetime import date

import pytest

from .. import factories

ALWAYS_ALLOWED = {"static", "core.healthz", "core.set_language", "core.index", "auth.login", "auth.logout",
                  "auth.account", "calendar.feed", "help.glossary_page",
                  # Signing in and one's own sessions and second factor: anyone's, each checks who asks.
                  "auth.forgot_password", "auth.set_password", "sessions.end", "sessions.end_all",
                  "twofactor.verify", "twofactor.enrol", "twofactor.recovery_codes", "twofactor.turn_off"}
# The social-enterprise portal's endpoints. The walk's partner belongs to no organisation of `records`,
# so those of these that take a record id must still refuse it (tests/partners/test_isolation.py has more).
PARTNER_ROUTES = {"partners.portal", "partners.new_listing", "partners.edit_listing", "partners.listing_status",
                  "partners.referrals", "partners.referral", "partners.start", "partners.end"}


@pytest.fixture
def records(team, specialist):
    """One real record of each kind, so that routes taking an id reach their permission check."""
    employer = factories.make_employer(team)
    person = factories.make_contact_person(employer)
    participant = factories.make_participant(team, specialist)
    consent = factories.make_consent(participant, employer=employer)
    contact = factories.make_contact(employer, specialist)
    step = factories.make_next_step(employer, specialist, due_on=consent.decided_on)
    nudge = factories.make_nudge(specialist)
    opening = factories.make_opening(employer)
    listing = factories.make_listing(factories.make_partner_organisation())  # another partner's
    return {"employer_id": employer.id, "person_id": person.id, "user_id": specialist.id, "team_id": team.id,
            "participant_id": participant.id, "consent_id": consent.id,
            "experience_id": factories.make_profile_entry(participant, "experience").id,
            "education_id": factories.make_profile_entry(participant, "education").id,
            "contact_id": contact.id, "step_id": step.id, "nudge_id": nudge.id,
            "opening_id": opening.id, "analysis_id": factories.make_analysis(employer).id,
            "proposal_id": factories.make_proposal(participant, opening).id,
            "placement_id": factories.make_followup_plan(factories.make_placement(participant, employer)).placement_id,
            "listing_id": listing.id, "referral_id": factories.make_referral(participant, listing).id,
            "organisation_id": listing.partner_organisation_id,
            "negotiation_id": factories.make_negotiation(participant, employer).id, "to_status": "raised_with_af",
            "agency_contact_id": factories.make_agency_contact(team).id,
            "support_type_id": factories.support_type().id, **_meeting_records(team, specialist),
            "other_id": factories.make_employer(team).id, "job_id": factories.make_import_job(specialist).id,
            **_network_records(participant, specialist),
            "lead_id": factories.make_lead(team).id, "search_id": factories.make_lead_search(team).id}


def _meeting_records(team, specialist) -> dict:
    series = factories.make_meeting_series(team)
    meeting = factories.make_meeting(series)
    return {"series_id": series.id, "meeting_id": meeting.id,
            "action_id": factories.make_meeting_action(meeting, specialist).id, "kind": "employers"}


def _network_records(participant, specialist) -> dict:
    from crm.network import services
    from crm.network.models import FundsOutcome

    member = factories.make_network_member(participant)
    factories.make_consent(participant, "arbetsformedlingen")
    sip = services.start_sip(participant, specialist, member.id, "Arbete", date(2026, 10, 5),
                             date(2099, 1, 1))
    action = services.add_action(sip, specialist, "Ring", None, date(2099, 1, 1), specialist.id)
    ending = services.record_ending(participant, specialist, date(2026, 1, 1), FundsOutcome.WORK, False,
                                    date(2026, 1, 1))
    return {"member_id": member.id, "sip_id": sip.id, "network_step_id": action.step.id, "sip_action_id": action.id,
            "ending_id": ending.id}


def _routes(app, records):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ALWAYS_ALLOWED:
            continue
        values = {arg: records.get(arg, 1) for arg in rule.arguments}
        path = rule.build(values, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, path


def test_signed_out_visitors_are_sent_to_sign_in(app, client, records):
    for endpoint, method, path in _routes(app, records):
        response = client.open(path, method=method)
        assert response.status_code in (302, 401), (endpoint, method, path, response.status_code)
        assert "/login" in response.headers.get("Location", "/login"), (endpoint, path)


def test_a_partner_reaches_nothing_outside_the_portal(app, login, records):
    client = login(factories.make_user(role="partner"))
    for endpoint, method, path in _routes(app, records):
        if endpoint in PARTNER_ROUTES and not app.url_map._rules_by_endpoint[endpoint][0].arguments:
            continue  # the portal's own pages; with another partner's record id they must refuse too
        response = client.open(path, method=method, data={})
        assert response.status_code in (403, 404), (endpoint, method, path, response.status_code)


def test_every_state_changing_request_needs_a_csrf_token(app, login, records, specialist, monkeypatch):
    client = login(specialist)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    for endpoint, method, path in _routes(app, records):
        if method in ("GET",):
            continue
        response = client.open(path, method=method, data={"name": "x"})
        # 403 where the user may not use the form at all: refused either way, nothing changes.
        assert response.status_code in (400, 403), (endpoint, method, path, response.status_code)
