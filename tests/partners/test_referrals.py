"""Specialists meet listings beside openings in matching and refer participants, with consent."""
from datetime import date

import pytest
from sqlalchemy import select

from crm.core.audit import AccessLog
from crm.extensions import db
from crm.matching.engine import LISTING, OPENING, Job, Seeker, rank_jobs
from crm.matching.queries import open_listings
from crm.participants import services as participant_services
from crm.partners.models import ListingStatus, Referral, ReferralStatus

from .. import factories
from .conftest import TODAY


def refer_url(participant, listing):
    return f"/participants/{participant.id}/listings/{listing.id}/referral"


def test_listings_rank_with_openings_and_keep_their_kind():
    seeker = Seeker(id=1, hours_max=20, liked=("sortera",))
    jobs = [Job(id=7, employer_id=3, text="lager"), Job(id=7, employer_id=None, text="sortera kläder", kind=LISTING),
            Job(id=8, employer_id=None, text="kvällsjobb", evenings=True, kind=LISTING)]
    ranking = rank_jobs(seeker, jobs)
    assert [(m.job_kind, m.job_id) for m in ranking.matches()] == [(LISTING, 7), (OPENING, 7)]
    assert [(e.job_kind, e.job_id, e.reason[0]) for e in ranking.exclusions()] == [(LISTING, 8, "evenings")]


def test_listings_never_require_disclosure():
    seeker = Seeker(id=1, no_disclosure_by_default=True)
    assert len(rank_jobs(seeker, [Job(id=1, employer_id=None, text="café", kind=LISTING)])) == 1


def test_open_listings_are_those_open_current_and_of_active_organisations(organisation, listing):
    closed = factories.make_listing(organisation, title="Stängd", status=ListingStatus.CLOSED)
    ended = factories.make_listing(organisation, title="Slut", period_end_on=date(2026, 11, 1))
    inactive = factories.make_partner_organisation("Nedlagt AB")
    inactive.active = False
    hidden = factories.make_listing(inactive, title="Dold")
    ids = {job.id for job in open_listings(TODAY)}
    assert listing.id in ids and not ids & {closed.id, ended.id, hidden.id}
    job = next(job for job in open_listings(TODAY) if job.id == listing.id)
    assert job.kind == LISTING and job.industry is None and not job.requires_disclosure
    assert job.municipality == "Nyköping" and "sortera" in job.text


def test_matching_shows_listings_marked_with_a_refer_button(login, specialist, participant, listing, team):
    employer = factories.make_employer(team, name="Lagret AB")
    factories.make_opening(employer, title="Lagerarbetare")
    page = login(specialist).get(f"/participants/{participant.id}/matches").get_data(as_text=True)
    assert "Butiksarbete i returbutiken" in page and "Lagerarbetare" in page
    assert "Socialt företag" in page and "Returbutiken Ekonomisk förening" in page
    assert f'href="{refer_url(participant, listing)}"' in page


def test_referral_is_refused_without_consent_for_that_organisation(login, specialist, team, listing):
    person = factories.make_participant(team, specialist, first_name="Ola", last_name="Utan")
    client = login(specialist)
    page = client.get(refer_url(person, listing)).get_data(as_text=True)
    assert "inget registrerat samtycke" in page and 'name="message_to_partner"' not in page
    response = client.post(refer_url(person, listing), data={"message_to_partner": "Hej"}, follow_redirects=True)
    assert "inget registrerat samtycke" in response.get_data(as_text=True)
    assert db.session.scalar(select(Referral)) is None


def test_consent_for_another_organisation_does_not_count(login, specialist, team, listing):
    person = factories.make_participant(team, specialist, first_name="Ola", last_name="Annan")
    other = factories.make_partner_organisation("Annat företag")
    factories.make_consent(person, party_kind="social_enterprise", partner_organisation_id=other.id)
    login(specialist).post(refer_url(person, listing), data={"message_to_partner": "Hej"})
    assert db.session.scalar(select(Referral)) is None


def test_withdrawn_consent_refuses(login, specialist, participant, listing):
    participant_services.withdraw_consent(participant.consents[0], specialist, date(2026, 11, 10), TODAY)
    login(specialist).post(refer_url(participant, listing), data={"message_to_partner": "Hej"})
    assert db.session.scalar(select(Referral)) is None


def test_a_specialist_refers_with_what_the_participant_chose_to_share(login, specialist, participant, listing):
    client = login(specialist)
    page = client.get(refer_url(participant, listing)).get_data(as_text=True)
    assert "inget om hälsa" in page.lower()  # the hint
    response = client.post(refer_url(participant, listing), data={"message_to_partner": "Vill jobba förmiddag."})
    assert response.status_code == 302
    referral = db.session.scalar(select(Referral))
    assert referral.status == ReferralStatus.PENDING and referral.referred_by_id == specialist.id
    assert referral.team_id == participant.team_id and referral.message_to_partner == "Vill jobba förmiddag."
    assert db.session.scalar(select(AccessLog).where(AccessLog.what == "referred to a social enterprise"))
    page = client.get(f"/participants/{participant.id}/matches").get_data(as_text=True)
    assert "Väntar på svar" in page and f'href="{refer_url(participant, listing)}"' not in page
    # Once is enough while the referral is open.
    client.post(refer_url(participant, listing), data={"message_to_partner": "Igen"})
    assert len(db.session.scalars(select(Referral)).all()) == 1


def test_a_closed_listing_takes_no_referrals(login, specialist, participant, listing):
    listing.status = ListingStatus.CLOSED
    db.session.flush()
    login(specialist).post(refer_url(participant, listing), data={"message_to_partner": "Hej"})
    assert db.session.scalar(select(Referral)) is None


def test_the_specialist_sees_the_answer_and_may_withdraw(login, specialist, participant, referral):
    client = login(specialist)
    client.post(f"/referrals/{referral.id}/withdraw")
    db.session.refresh(referral)
    assert referral.status == ReferralStatus.WITHDRAWN
    accepted = factories.make_referral(participant, referral.listing, status="accepted",
                                       partner_message="Välkommen på måndag")
    assert "Välkommen på måndag" in client.get(f"/participants/{participant.id}/matches").get_data(as_text=True)
    assert accepted.status == ReferralStatus.ACCEPTED


def test_specialists_read_a_listing(login, specialist, listing):
    page = login(specialist).get(f"/listings/{listing.id}").get_data(as_text=True)
    assert "Butiksarbete i returbutiken" in page and "Sortera och prismärka" in page


@pytest.mark.parametrize("role", ["team_lead", "job_specialist"])
def test_other_teams_cannot_refer_or_withdraw(login, other_team, participant, listing, referral, role):
    client = login(factories.make_user(role=role, team=other_team))
    assert client.get(f"/listings/{listing.id}").status_code == 200  # listings serve the whole region
    assert client.get(refer_url(participant, listing)).status_code == 403
    assert client.post(refer_url(participant, listing), data={"message_to_partner": "x"}).status_code == 403
    assert client.post(f"/referrals/{referral.id}/withdraw").status_code == 403


def test_team_lead_of_the_team_may_refer(login, team, participant, listing):
    client = login(factories.make_user(role="team_lead", team=team))
    assert client.post(refer_url(participant, listing), data={"message_to_partner": ""}).status_code == 302
    assert db.session.scalar(select(Referral)) is not None


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_cannot_refer(login, participant, listing, referral, role, organisation):
    kwargs = {"partner_organisation": organisation} if role == "partner" else {}
    client = login(factories.make_user(role=role, **kwargs))
    assert client.get(f"/listings/{listing.id}").status_code == 403
    assert client.get(refer_url(participant, listing)).status_code == 403
    assert client.post(f"/referrals/{referral.id}/withdraw").status_code == 403


def test_referral_waits_until_disclosure_was_discussed(login, specialist, team, organisation, listing):
    person = factories.make_participant(team, specialist, first_name="Ola", last_name="Ny")
    factories.make_consent(person, party_kind="social_enterprise", partner_organisation_id=organisation.id,
                           decided_on=date(2026, 11, 1))
    client = login(specialist)
    response = client.post(refer_url(person, listing), data={"message_to_partner": "Hej"}, follow_redirects=True)
    assert "Prata om öppenhet med Ola Ny" in response.get_data(as_text=True)
    assert db.session.scalar(select(Referral)) is None
    factories.make_disclosure(person, "none")  # "none" toward employers: the partner may not learn of him either
    client.post(refer_url(person, listing), data={"message_to_partner": "Hej"})
    assert db.session.scalar(select(Referral)) is None


def test_a_partner_answer_reaches_the_specialist_once(login, specialist, participant, listing):
    from datetime import UTC, datetime

    from crm.nudges.engine import evaluate_rule
    from crm.nudges.models import Nudge
    from crm.partners import services

    referral = factories.make_referral(participant, listing)
    partner_user = factories.make_user("partner", partner_organisation=listing.partner_organisation)
    services.answer_referral(referral, partner_user, True, "Välkommen på måndag", date(2026, 11, 20))
    for day in (20, 21):
        evaluate_rule("referral_answered", datetime(2026, 11, day, 9, tzinfo=UTC))
    (nudge,) = db.session.scalars(select(Nudge).where(Nudge.rule == "referral_answered")).all()
    assert (nudge.user_id, nudge.subject_id) == (specialist.id, participant.id)
    page = login(specialist).get(f"/participants/{participant.id}").get_data(as_text=True)
    assert 'id="partner-answers"' in page and "Välkommen på måndag" in page
