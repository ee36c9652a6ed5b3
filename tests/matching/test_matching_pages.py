"""Matching through the app: real records, both directions, proposals with consent and disclosure."""
from datetime import date

import pytest
from sqlalchemy import select

from crm.core.audit import AccessLog
from crm.extensions import db
from crm.matching.models import Proposal, ProposalKind, ProposalStatus
from crm.openings.models import OpeningStatus
from crm.participants import services as participant_services
from crm.participants.models import DisclosureLevel
from crm.placements.models import Placement

from .. import factories

TODAY = date(2026, 11, 24)


@pytest.fixture
def scene(team, specialist):
    """Anna wants warehouse work in Nyköping on weekdays; three openings, one of them in the evening."""
    warehouse = factories.make_employer(team, name="Lagret AB", sni_code="52100")
    cafe = factories.make_employer(team, name="Kaféet", sni_code="56100")
    anna = factories.make_participant(team, specialist=specialist, first_name="Anna", last_name="Lind")
    factories.make_disclosure(anna)
    participant_services.save_preferences(anna, specialist, {
        "hours_min": 20, "hours_max": 30, "weekdays": True, "evenings": False, "weekends": False,
        "occupations": ["4322"], "municipalities": ["Nyköping"], "tasks_liked": "packa", "reviewed_on": TODAY,
    })
    packer = factories.make_opening(warehouse, title="Packare", occupation_code="4322", hours_min=20, hours_max=25,
                                    municipality="Nyköping", tasks="Packa order")
    barista = factories.make_opening(cafe, title="Barista", occupation_code="5131", hours_min=20, hours_max=25,
                                     municipality="Nyköping")
    evening = factories.make_opening(warehouse, title="Kvällspackare", occupation_code="4322", evenings=True,
                                     municipality="Nyköping")
    return {"anna": anna, "warehouse": warehouse, "cafe": cafe, "packer": packer, "barista": barista,
            "evening": evening}


def test_openings_ranked_for_a_participant_with_reasons(login, specialist, scene):
    client = login(specialist)
    page = client.get(f"/participants/{scene['anna'].id}/matches").get_data(as_text=True)
    assert page.index("Packare") < page.index("Barista")
    assert "Kvällspackare" not in page  # evening work is a hard no
    assert "Kvällsarbete, som deltagaren inte vill ha (1)" in page  # and the count of what was left out says why
    assert "Lager- och terminalpersonal" in page  # the wanted occupation, by name
    assert db.session.scalar(select(AccessLog).where(AccessLog.participant_id == scene["anna"].id,
                                                     AccessLog.what == "matching")) is not None


def test_participants_ranked_for_an_opening(login, specialist, scene, team):
    factories.make_participant(team, first_name="Bo", last_name="Ek")  # no preferences: fits anything, scores 0
    factories.make_participant(team, first_name="Passiv", last_name="Person", status="passive")
    page = login(specialist).get(f"/openings/{scene['packer'].id}/matches").get_data(as_text=True)
    assert page.index("Anna Lind") < page.index("Bo Ek")
    assert "Passiv Person" not in page


def test_proposal_needs_consent_for_the_employer(login, specialist, scene):
    client = login(specialist)
    url = f"/openings/{scene['packer'].id}/proposals"
    response = client.post(url, data={"participant_id": scene["anna"].id}, follow_redirects=True)
    assert "samtycke" in response.get_data(as_text=True)
    assert db.session.scalar(select(Proposal)) is None

    factories.make_consent(scene["anna"], employer=scene["warehouse"], decided_on=date(2026, 11, 1))
    client.post(url, data={"participant_id": scene["anna"].id})
    proposal = db.session.scalar(select(Proposal))
    assert proposal.kind == ProposalKind.PROPOSED and proposal.status == ProposalStatus.PENDING


def test_no_disclosure_records_an_own_application_without_sharing(login, specialist, scene):
    participant_services.record_disclosure(scene["anna"], specialist, DisclosureLevel.NONE, set(),
                                           decided_on=date(2026, 11, 1), today=TODAY, employer=scene["warehouse"])
    client = login(specialist)
    page = client.post(f"/openings/{scene['packer'].id}/proposals", data={"participant_id": scene["anna"].id},
                       follow_redirects=True).get_data(as_text=True)
    assert "på egen hand" in page
    assert db.session.scalar(select(Proposal)).kind == ProposalKind.OWN_APPLICATION


def test_a_hire_becomes_a_job_start_and_fills_the_opening(login, specialist, scene):
    factories.make_consent(scene["anna"], employer=scene["warehouse"], decided_on=date(2026, 11, 1))
    client = login(specialist)
    client.post(f"/openings/{scene['packer'].id}/proposals", data={"participant_id": scene["anna"].id})
    proposal = db.session.scalar(select(Proposal))
    response = client.post(f"/proposals/{proposal.id}", data={"status": "hired", "decided_on": "2026-11-20"})
    assert response.headers["Location"].endswith(f"/proposals/{proposal.id}/placement")
    response = client.post(f"/proposals/{proposal.id}/placement", data={
        "participant_id": scene["anna"].id, "title": "Packare", "occupation_code": "4322",
        "started_on": "2026-12-01", "hours_per_week": "25", "monthly_wage": "24000",
        "employment_form": "permanent", "competitive": "y", "opening_filled": "y"})
    assert response.status_code == 302
    placement = db.session.scalar(select(Placement))
    db.session.refresh(proposal)
    db.session.refresh(scene["packer"])
    assert placement.hours_per_week == 25 and placement.employer_id == scene["warehouse"].id
    assert proposal.status == ProposalStatus.HIRED and proposal.placement_id == placement.id
    assert scene["packer"].status == OpeningStatus.FILLED


def test_other_teams_cannot_match_or_propose(login, other_team, scene):
    client = login(factories.make_user(team=other_team))
    assert client.get(f"/participants/{scene['anna'].id}/matches").status_code == 403
    assert client.get(f"/openings/{scene['packer'].id}/matches").status_code == 403
    assert client.post(f"/openings/{scene['packer'].id}/proposals",
                       data={"participant_id": scene["anna"].id}).status_code == 403


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_never_see_matching(login, scene, role):
    client = login(factories.make_user(role=role))
    assert client.get(f"/participants/{scene['anna'].id}/matches").status_code == 403
    assert client.get(f"/openings/{scene['packer'].id}/matches").status_code == 403


def test_team_lead_may_match(login, team, scene):
    client = login(factories.make_user(role="team_lead", team=team))
    assert client.get(f"/participants/{scene['anna'].id}/matches").status_code == 200
    assert client.get(f"/openings/{scene['packer'].id}/matches").status_code == 200
