"""Partner A reaches its own listings and referrals on every portal route, and none of partner B's."""
import pytest

from crm.extensions import db
from crm.partners.models import ListingStatus, ReferralStatus

from .. import factories
from ..core.test_route_access import PARTNER_ROUTES


def _objects(organisation, participant):
    listing = factories.make_listing(organisation, title=f"Plats hos {organisation.name}")
    return {"listing_id": listing.id, "referral_id": factories.make_referral(participant, listing).id}


@pytest.fixture
def world(team, specialist):
    a, b = factories.make_partner_organisation("Företag A"), factories.make_partner_organisation("Företag B")
    participant = factories.make_participant(team, specialist)
    return {"a": a, "a_user": factories.make_user(role="partner", partner_organisation=a),
            "own": _objects(a, participant), "theirs": _objects(b, participant)}


def _portal_rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint in PARTNER_ROUTES]
    assert {rule.endpoint for rule in rules} == PARTNER_ROUTES  # every listed route exists
    return rules


def test_every_portal_route_refuses_another_organisations_records(app, login, world):
    client = login(world["a_user"])
    checked = 0
    for rule in _portal_rules(app):
        if not rule.arguments:
            continue
        path = rule.build(world["theirs"], append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method,
                                   data={"status": "closed", "answer": "accepted", "partner_message": "x"})
            assert response.status_code in (403, 404), (rule.endpoint, method, response.status_code)
            checked += 1
    assert checked >= 7
    db.session.expire_all()
    from crm.partners.models import Listing, Referral
    assert db.session.get(Listing, world["theirs"]["listing_id"]).status == ListingStatus.OPEN
    assert db.session.get(Referral, world["theirs"]["referral_id"]).status == ReferralStatus.PENDING


def test_the_same_routes_reach_the_partners_own_records(app, login, world):
    """The counterpart that makes the refusals meaningful: the routes do work for one's own records."""
    client = login(world["a_user"])
    for rule in _portal_rules(app):
        path = rule.build(world["own"], append_unknown=False)[1]
        if "GET" in rule.methods:
            # start and end wait for an accepted referral (409) but are not refused
            assert client.get(path).status_code in (200, 409), rule.endpoint


def test_lists_show_only_the_partners_own_records(login, world):
    client = login(world["a_user"])
    for path in ("/partner/", "/partner/referrals"):
        page = client.get(path).get_data(as_text=True)
        assert "Plats hos Företag A" in page and "Plats hos Företag B" not in page, path
