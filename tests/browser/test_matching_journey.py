"""A specialist on a phone opens the openings that fit a participant and puts them forward."""
from datetime import date

import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.matching.models import Proposal, ProposalKind
from crm.participants import services as participant_services

from .. import factories
from .conftest import check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def test_specialist_matches_a_participant_and_proposes_them(phone, live_data):
    with live_data():
        team = factories.make_team(name="Matchningsteamet")
        user = factories.make_user(team=team, email="matcha@example.se", name="Mira Match")
        warehouse = factories.make_employer(team, name="Lagret i Nyköping AB", sni_code="52100")
        cafe = factories.make_employer(team, name="Kaféet vid torget", sni_code="56100")
        anna = factories.make_participant(team, specialist=user, first_name="Anna", last_name="Lind")
        participant_services.save_preferences(anna, user, {
            "hours_min": 20, "hours_max": 30, "occupations": ["4322"], "municipalities": ["Nyköping"],
            "tasks_liked": "packa", "reviewed_on": date(2026, 11, 1)})
        factories.make_consent(anna, employer=warehouse, decided_on=date(2026, 11, 1))
        factories.make_disclosure(anna, decided_on=date(2026, 11, 1))
        factories.make_opening(warehouse, title="Packare", occupation_code="4322", hours_min=20, hours_max=25,
                               municipality="Nyköping", tasks="Packa order")
        factories.make_opening(cafe, title="Barista", occupation_code="5131", municipality="Nyköping",
                               evenings=True)
        email, anna_id = user.email, anna.id

    sign_in(phone, email)
    phone.goto(f"/participants/{anna_id}")
    phone.get_by_role("link", name="Matchande jobb").click()
    first = phone.locator("ol.matches > li").first
    first.get_by_text("Packare").wait_for()
    assert first.get_by_text("Ett yrke som deltagaren vill ha: Lager- och terminalpersonal").is_visible()
    assert phone.get_by_text("Barista").count() == 0  # evening work is a hard no for Anna
    first.get_by_role("button", name="Föreslå").click()
    phone.get_by_text("Anna Lind är föreslagen till Packare.").wait_for()
    check_phone_page(phone)

    with live_data():
        proposal = db.session.scalar(select(Proposal).where(Proposal.participant_id == anna_id))
        assert proposal.kind == ProposalKind.PROPOSED
