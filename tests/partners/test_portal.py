"""The partner portal: listings a social enterprise maintains, and the referrals it answers."""
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from crm.core.clock import today
from crm.extensions import db
from crm.partners.models import Listing, ListingKind, ListingStatus, ReferralStatus
from crm.placements.models import EmploymentForm, Placement

from .. import factories

LISTING = {"title": "Kaféarbete", "kind": "work_placement", "tasks": "Disk och servering", "hours_min": "10",
           "hours_max": "20", "weekdays": "y", "schedule": "Mån–tor 9–13", "location": "Storgatan 1",
           "municipality": "Nyköping", "supervisor": "Eva Ek", "places": "2", "period_start_on": "2026-12-01",
           "period_end_on": "2027-05-31"}


def test_the_portal_is_a_partners_home_page(login, partner_user, listing):
    client = login(partner_user)
    response = client.get("/", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.request.path == "/partner/"
    assert "Butiksarbete i returbutiken" in page
    assert 'href="/partner/referrals"' in page  # in the menu


def test_a_partner_lists_a_placement(login, partner_user, organisation):
    client = login(partner_user)
    assert client.get("/partner/listings/new").status_code == 200
    response = client.post("/partner/listings/new", data=LISTING)
    assert response.status_code == 302
    listing = db.session.scalar(select(Listing).where(Listing.title == "Kaféarbete"))
    assert listing.partner_organisation_id == organisation.id and listing.created_by_id == partner_user.id
    assert listing.kind == ListingKind.WORK_PLACEMENT and listing.places == 2 and listing.hours_max == 20
    assert listing.period_end_on == date(2027, 5, 31) and listing.status == ListingStatus.OPEN


@pytest.mark.parametrize("change, field", [
    ({"period_end_on": "2026-11-01"}, "period_end_on"),
    ({"hours_min": "30"}, "hours_max"),
    ({"places": "0"}, "places"),
    ({"kind": ""}, "kind"),
    ({"municipality": "Atlantis"}, "municipality"),
])
def test_invalid_listings_come_back_with_422(login, partner_user, change, field):
    response = login(partner_user).post("/partner/listings/new", data={**LISTING, **change})
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(Listing)) is None


def test_a_partner_edits_and_closes_its_listing(login, partner_user, listing):
    client = login(partner_user)
    page = client.get(f"/partner/listings/{listing.id}/edit").get_data(as_text=True)
    assert "Butiksarbete i returbutiken" in page
    response = client.post(f"/partner/listings/{listing.id}/edit",
                           data={**LISTING, "title": "Butik", "version": listing.version})
    assert response.status_code == 302
    client.post(f"/partner/listings/{listing.id}/status", data={"status": "closed"})
    db.session.refresh(listing)
    assert listing.title == "Butik" and listing.status == ListingStatus.CLOSED
    client.post(f"/partner/listings/{listing.id}/status", data={"status": "open"})
    db.session.refresh(listing)
    assert listing.status == ListingStatus.OPEN


def test_a_stale_edit_is_refused_with_409(login, partner_user, listing):
    client = login(partner_user)
    seen = listing.version
    client.post(f"/partner/listings/{listing.id}/edit", data={**LISTING, "title": "Först", "version": seen})
    response = client.post(f"/partner/listings/{listing.id}/edit", data={**LISTING, "title": "Sen", "version": seen})
    assert response.status_code == 409
    db.session.refresh(listing)
    assert listing.title == "Först"


def test_the_partner_accepts_a_referral_with_a_message(login, partner_user, referral):
    client = login(partner_user)
    assert "Maja Berg" in client.get("/partner/referrals").get_data(as_text=True)
    page = client.get(f"/partner/referrals/{referral.id}").get_data(as_text=True)
    assert "070-123 45 67" in page and "maja.berg@example.se" in page and "gillar att sortera" in page
    response = client.post(f"/partner/referrals/{referral.id}",
                           data={"answer": "accepted", "partner_message": "Välkommen på måndag kl 9."})
    assert response.status_code == 302
    db.session.refresh(referral)
    assert referral.status == ReferralStatus.ACCEPTED and referral.answered_by_id == partner_user.id
    assert referral.partner_message == "Välkommen på måndag kl 9." and referral.answered_on == today()
    # An answer is given once.
    response = client.post(f"/partner/referrals/{referral.id}", data={"answer": "declined", "partner_message": "x"})
    assert response.status_code == 422
    db.session.refresh(referral)
    assert referral.status == ReferralStatus.ACCEPTED


def test_declining_needs_a_message(login, partner_user, referral):
    client = login(partner_user)
    assert client.post(f"/partner/referrals/{referral.id}", data={"answer": "declined"}).status_code == 422
    client.post(f"/partner/referrals/{referral.id}", data={"answer": "declined", "partner_message": "Fullt nu."})
    db.session.refresh(referral)
    assert referral.status == ReferralStatus.DECLINED


def test_a_work_placement_start_and_end_are_a_non_competitive_placement(login, partner_user, referral, organisation):
    referral.status = ReferralStatus.ACCEPTED
    db.session.flush()
    client = login(partner_user)
    page = client.get(f"/partner/referrals/{referral.id}/start").get_data(as_text=True)
    assert 'name="employment_form"' not in page  # a work placement is not employment
    response = client.post(f"/partner/referrals/{referral.id}/start",
                           data={"started_on": "2026-11-03", "hours_per_week": "15"})
    assert response.status_code == 302
    placement = db.session.scalar(select(Placement))
    assert placement.partner_organisation_id == organisation.id and placement.employer_id is None
    assert placement.listing_id == referral.listing_id and placement.title == "Butiksarbete i returbutiken"
    assert placement.employment_form == EmploymentForm.WORK_PLACEMENT and not placement.competitive
    db.session.refresh(referral)
    assert referral.placement_id == placement.id
    assert "Började 3 nov. 2026" in client.get("/partner/referrals").get_data(as_text=True)
    assert client.post(f"/partner/referrals/{referral.id}/start",
                       data={"started_on": "2026-11-03", "hours_per_week": "15"}).status_code == 422
    response = client.post(f"/partner/referrals/{referral.id}/end",
                           data={"ended_on": "2026-11-20", "end_reason": "contract_ended"})
    assert response.status_code == 302
    db.session.refresh(placement)
    assert placement.ended_on == date(2026, 11, 20)
    assert "Slutade 20 nov. 2026" in client.get("/partner/referrals").get_data(as_text=True)


def test_paid_employment_on_ordinary_terms_is_competitive(login, partner_user, participant, organisation):
    listing = factories.make_listing(organisation, title="Cykelmekaniker", kind="paid_employment", hours_max=30)
    referral = factories.make_referral(participant, listing, status="accepted")
    client = login(partner_user)
    assert "30" in client.get(f"/partner/referrals/{referral.id}/start").get_data(as_text=True)
    client.post(f"/partner/referrals/{referral.id}/start", data={
        "started_on": "2026-11-03", "hours_per_week": "30", "employment_form": "permanent", "monthly_wage": "24000"})
    placement = db.session.scalar(select(Placement))
    assert placement.competitive and placement.employment_form == EmploymentForm.PERMANENT
    assert placement.monthly_wage == 24000


def test_a_start_needs_an_accepted_referral(login, partner_user, referral):
    client = login(partner_user)
    assert client.get(f"/partner/referrals/{referral.id}/start").status_code == 409
    assert client.post(f"/partner/referrals/{referral.id}/start",
                       data={"started_on": "2026-11-03", "hours_per_week": "15"}).status_code == 409
    assert db.session.scalar(select(Placement)) is None


def test_a_partner_placement_shows_the_organisation_to_specialists(login, specialist, referral, organisation):
    from crm.partners import services

    referral.status = ReferralStatus.ACCEPTED
    placement = services.record_start(referral, specialist, {"started_on": date(2026, 11, 3),
                                                             "hours_per_week": 15.0}, today())
    client = login(specialist)
    assert organisation.name in client.get(f"/placements/{placement.id}").get_data(as_text=True)
    assert organisation.name in client.get("/placements/?show=all").get_data(as_text=True)
    assert organisation.name in client.get(f"/participants/{referral.participant_id}").get_data(as_text=True)


def test_work_placements_are_not_counted_as_job_starts(referral, specialist, team):
    from crm.partners import services
    from crm.placements.queries import job_start_figures

    referral.status = ReferralStatus.ACCEPTED
    services.record_start(referral, specialist, {"started_on": date(2026, 11, 3), "hours_per_week": 15.0}, today())
    assert job_start_figures(team.id, date(2026, 1, 1), date(2026, 12, 31)).starts == 0


def test_a_placement_is_at_an_employer_or_a_social_enterprise_never_both(team, participant, organisation):
    employer = factories.make_employer(team)
    with pytest.raises(IntegrityError), db.session.begin_nested():
        factories.make_placement(participant, employer, partner_organisation_id=organisation.id)


def test_a_deactivated_organisation_loses_the_portal(login, admin, partner_user, organisation, app):
    client = app.test_client()
    client.post("/login", data={"email": partner_user.email, "password": factories.PASSWORD})
    assert client.get("/partner/").status_code == 200
    login(admin).post(f"/admin/partners/{organisation.id}/active", data={"active": "0"})
    db.session.refresh(organisation)
    assert not organisation.active
    assert client.get("/partner/").status_code == 302  # signed out
    client.post("/login", data={"email": partner_user.email, "password": factories.PASSWORD})
    assert client.get("/partner/").status_code == 403


def test_admin_renames_an_organisation(login, admin, organisation):
    client = login(admin)
    assert organisation.name in client.get("/admin/teams").get_data(as_text=True)
    response = client.post(f"/admin/partners/{organisation.id}", data={"name": "Returen", "municipality": "Nyköping"})
    assert response.status_code == 302
    db.session.refresh(organisation)
    assert organisation.name == "Returen" and organisation.municipality == "Nyköping"
    other = factories.make_partner_organisation("Cykelköket")
    assert client.post(f"/admin/partners/{other.id}", data={"name": "returen"}).status_code == 422


@pytest.mark.parametrize("role", ["job_specialist", "team_lead", "partner"])
def test_only_admins_manage_organisations(login, organisation, team, role):
    client = login(factories.make_user(role=role, team=team))
    assert client.get(f"/admin/partners/{organisation.id}").status_code == 403
    assert client.post(f"/admin/partners/{organisation.id}/active", data={"active": "0"}).status_code == 403
    db.session.refresh(organisation)
    assert organisation.active


@pytest.mark.parametrize("role", ["job_specialist", "team_lead", "admin"])
def test_only_partners_use_the_portal(login, team, listing, referral, role):
    client = login(factories.make_user(role=role, team=team))
    for path in ["/partner/", "/partner/listings/new", "/partner/referrals", f"/partner/referrals/{referral.id}",
                 f"/partner/listings/{listing.id}/edit", f"/partner/referrals/{referral.id}/start"]:
        assert client.get(path).status_code == 403, path
    assert client.post(f"/partner/listings/{listing.id}/status", data={"status": "closed"}).status_code == 403
    assert client.post(f"/partner/referrals/{referral.id}",
                       data={"answer": "accepted", "partner_message": "x"}).status_code == 403
    db.session.refresh(referral)
    assert referral.status == ReferralStatus.PENDING
