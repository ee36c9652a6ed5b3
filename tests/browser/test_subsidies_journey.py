"""A specialist on a phone starts a wage-subsidy negotiation from a participant's page, records that
it was raised with AF, and sees it in the team's overview."""
from datetime import date

import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.participants import services as participant_services
from crm.subsidies.models import Negotiation, NegotiationStatus

from .. import factories
from .conftest import ARTIFACTS, check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def snap(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"subsidies_{name}.png", full_page=True)


def test_specialist_negotiates_a_wage_subsidy_on_a_phone(phone, live_data, live_server):
    with live_data():
        team = factories.make_team(name="Lönebidragsteamet")
        user = factories.make_user(team=team, email="stod@example.se", name="Siri Stöd")
        employer = factories.make_employer(team, name="Bageriet Solrosen AB", municipality="Nyköping")
        factories.make_opening(employer, title="Bagarbiträde")
        factories.make_opening(factories.make_employer(team, name="Lagret AB"), title="Truckförare")
        officer = factories.make_agency_contact(team, name="Helena Strand", phone="010-486 10 01")
        person = factories.make_participant(team, user, first_name="Lina", last_name="Lindqvist",
                                            af_case_officer_id=officer.id)
        factories.make_consent(person, "arbetsformedlingen", decided_on=date(2026, 10, 5))
        factories.make_consent(person, employer=employer, decided_on=date(2026, 10, 5))
        participant_services.record_disclosure(person, user, "limited", {"share_support"}, date(2026, 10, 5),
                                               date(2026, 10, 5))
        email, person_id, officer_id = user.email, person.id, officer.id

    sign_in(phone, email)
    phone.goto(f"/participants/{person_id}")
    phone.locator("#subsidies").get_by_text("Helena Strand").wait_for()
    phone.locator("#subsidies").get_by_role("link", name="Ny förhandling").click()
    phone.get_by_label("Arbetsgivare").fill("Bageriet Solrosen AB")
    phone.get_by_label("Arbetsgivare").press("Enter")  # lists only this employer's openings
    phone.get_by_label("Ledigt jobb").select_option(label="Bagarbiträde")
    assert phone.get_by_label("Ledigt jobb").locator("option").all_inner_texts() == ["—", "Bagarbiträde"]
    phone.get_by_label("Stödform").select_option(label="Lönebidrag för utveckling i anställning")
    phone.get_by_label("Begärd andel av lönekostnaden (%)").fill("60")
    phone.get_by_label("Lön som andelen gäller (kr i månaden)").fill("24000")
    snap(phone, "new")
    phone.get_by_label("Lön som andelen gäller (kr i månaden)").press("Enter")  # the main button, not the first
    phone.get_by_text("Förhandlingen är påbörjad som utkast.").wait_for()
    phone.get_by_role("link", name="Tagit upp med AF").click()
    phone.get_by_label("Uppgifter som delats, och med vem").fill("Till AF: yrkesprofil och att stöd behövs.")
    snap(phone, "step")
    phone.get_by_role("button", name="Registrera steget").click()
    phone.get_by_text("Steget är registrerat").wait_for()
    snap(phone, "detail")
    check_phone_page(phone)
    phone.goto("/subsidies/")
    phone.get_by_role("heading", name="Öppna förhandlingar").wait_for()
    snap(phone, "overview")
    check_phone_page(phone)
    with live_data():
        negotiation = db.session.scalar(select(Negotiation).where(Negotiation.participant_id == person_id))
        assert negotiation.status == NegotiationStatus.RAISED_WITH_AF and negotiation.af_officer_id == officer_id
        assert negotiation.opening.title == "Bagarbiträde"
