"""The nudge when an ad at an employer the team knows fits several active participants' wishes."""
from datetime import UTC, date, datetime

from sqlalchemy import select

from crm.extensions import db
from crm.nudges import engine
from crm.nudges.models import Nudge, NudgeStatus
from crm.participants import services as participant_services

from .. import factories

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _wants(team, specialist, occupations, municipalities=(), status="active"):
    person = factories.make_participant(team, specialist=specialist, status=status)
    participant_services.save_preferences(person, specialist, {
        "occupations": list(occupations), "municipalities": list(municipalities), "reviewed_on": date(2026, 11, 24)})
    return person


def _nudges():
    return db.session.scalars(select(Nudge).where(Nudge.rule == "lead_fits_several")).all()


def test_an_ad_that_fits_two_participants_nudges_the_employers_specialist(app, team, specialist, team_lead):
    bakery = factories.make_employer(team, name="Bageriet", organisation_number="556677-8899",
                                     responsible_specialist_id=specialist.id)
    lead = factories.make_lead(team, occupation_code="5120", municipality="Nyköping")
    _wants(team, specialist, ["5120"], ["Nyköping"])
    _wants(team, specialist, ["5120", "9412"])  # no place named: any place fits
    _wants(team, specialist, ["5120"], ["Kiruna"])  # elsewhere
    _wants(team, specialist, ["5120"], status="passive")  # not active

    engine.evaluate_rule("lead_fits_several", NOW)

    (nudge,) = _nudges()
    assert (nudge.user_id, nudge.subject_type, nudge.subject_id, nudge.params["count"]) == (
        specialist.id, "lead", lead.id, 2)
    assert engine.message(nudge) == ("Bageriet anställer (Kock till lunchrestaurang): annonsen passar 2 deltagares "
                                     "önskemål")
    with app.test_request_context():
        assert engine.link(nudge) == f"/leads/{lead.id}"
    assert bakery.id  # the employer the team knows


def test_one_participant_an_unknown_employer_or_a_closed_ad_nudges_no_one(team, specialist):
    factories.make_employer(team, organisation_number="556677-8899")
    factories.make_lead(team, occupation_code="5120")
    factories.make_lead(team, occupation_code="9412", organisation_number="556016-0680")  # not in the register
    factories.make_lead(team, occupation_code="4321", closed_at=NOW)
    _wants(team, specialist, ["5120", "9412", "4321"])
    _wants(team, specialist, ["9412", "4321"])
    engine.evaluate_rule("lead_fits_several", NOW)
    assert _nudges() == []


def test_without_a_responsible_specialist_the_team_lead_is_nudged_and_it_resolves_when_the_ad_closes(
        team, specialist, team_lead):
    factories.make_employer(team, organisation_number="556677-8899")
    lead = factories.make_lead(team, occupation_code="5120")
    _wants(team, specialist, ["5120"])
    _wants(team, specialist, ["5120"])
    engine.evaluate_rule("lead_fits_several", NOW)
    (nudge,) = _nudges()
    assert nudge.user_id == team_lead.id

    lead.closed_at = NOW
    engine.evaluate_rule("lead_fits_several", NOW)
    assert nudge.status == NudgeStatus.RESOLVED
