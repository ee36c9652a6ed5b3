"""The rapid-job-search clock and its nudge at day 21, at fixed dates."""
from datetime import UTC, date, datetime

from sqlalchemy import select

from crm.extensions import db
from crm.nudges.engine import evaluate_rule
from crm.nudges.models import Nudge, NudgeStatus
from crm.participants.queries import caseload, first_employer_contacts

from .. import factories

ENTERED = date(2026, 10, 1)


def _nudges():
    return db.session.scalars(select(Nudge).where(Nudge.rule == "first_contact_due")).all()


def test_nudge_at_day_21_and_not_before(team, specialist):
    anna = factories.make_participant(team, specialist, first_name="Anna", last_name="Lind", entered_on=ENTERED)
    evaluate_rule("first_contact_due", datetime(2026, 10, 21, 9, tzinfo=UTC))  # day 20
    assert _nudges() == []
    evaluate_rule("first_contact_due", datetime(2026, 10, 22, 9, tzinfo=UTC))  # day 21
    (nudge,) = _nudges()
    assert nudge.user_id == specialist.id and nudge.subject_id == anna.id
    assert nudge.params["participant"] == "Anna L."  # first name and initial only
    assert nudge.due_on == date(2026, 10, 31)
    evaluate_rule("first_contact_due", datetime(2026, 10, 23, 9, tzinfo=UTC))
    assert len(_nudges()) == 1  # idempotent


def test_a_contact_on_their_behalf_resolves_it(team, specialist):
    anna = factories.make_participant(team, specialist, entered_on=ENTERED)
    evaluate_rule("first_contact_due", datetime(2026, 10, 25, 9, tzinfo=UTC))
    contact = factories.make_contact(factories.make_employer(team), specialist,
                                     contacted_at=datetime(2026, 10, 26, 10, tzinfo=UTC), purpose="job_development")
    contact.participants = [anna]
    db.session.flush()
    evaluate_rule("first_contact_due", datetime(2026, 10, 26, 12, tzinfo=UTC))
    (nudge,) = _nudges()
    assert nudge.status == NudgeStatus.RESOLVED


def test_only_active_participants_with_a_specialist(team, specialist):
    factories.make_participant(team, specialist, entered_on=ENTERED, status="waiting_list")
    factories.make_participant(team, None, entered_on=ENTERED)
    evaluate_rule("first_contact_due", datetime(2026, 11, 20, 9, tzinfo=UTC))
    assert _nudges() == []


def test_caseload_shows_days_to_first_contact(team, specialist):
    anna = factories.make_participant(team, specialist, entered_on=ENTERED)
    employer = factories.make_employer(team)
    for day in (12, 20):
        contact = factories.make_contact(employer, specialist, contacted_at=datetime(2026, 10, day, 10, tzinfo=UTC))
        contact.participants = [anna]
    db.session.flush()
    (row,) = caseload(team.id, date(2026, 11, 24))
    # first contact 12 Oct − entry 1 Oct = 11 days; last 20 Oct → 35 days before 24 Nov
    assert (row.days_to_first_contact, row.days_since_employer_contact, row.days_since_entry) == (11, 35, 54)


def test_any_step_towards_an_employer_on_their_behalf_stops_the_clock(team, specialist):
    employer = factories.make_employer(team)
    hired = factories.make_participant(team, specialist, entered_on=ENTERED)
    factories.make_placement(hired, employer, started_on=date(2026, 10, 12),
                             created_at=datetime(2026, 10, 9, 9, tzinfo=UTC))  # recorded before the first day
    proposed = factories.make_participant(team, specialist, entered_on=ENTERED)
    factories.make_proposal(proposed, factories.make_opening(employer), proposed_on=date(2026, 10, 8))
    referred = factories.make_participant(team, specialist, entered_on=ENTERED)
    listing = factories.make_listing(factories.make_partner_organisation())
    factories.make_referral(referred, listing, referred_on=date(2026, 10, 5))
    applied = factories.make_participant(team, specialist, entered_on=ENTERED)  # applied on her own: still waiting
    factories.make_proposal(applied, factories.make_opening(employer), kind="own_application")
    db.session.flush()
    evaluate_rule("first_contact_due", datetime(2026, 10, 31, 9, tzinfo=UTC))  # day 30
    assert [n.subject_id for n in _nudges()] == [applied.id]
    assert first_employer_contacts([hired.id, proposed.id, referred.id, applied.id]) == {
        hired.id: date(2026, 10, 9), proposed.id: date(2026, 10, 8), referred.id: date(2026, 10, 5)}
