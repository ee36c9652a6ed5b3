"""A specialist on a phone adds the SIP coordinator to a participant's network, starts a SIP, records a
meeting with an interpreter and an action the team owns, and opens the plan to print."""
from datetime import date

import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.network.models import Sip

from .. import factories
from .conftest import ARTIFACTS, check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def snap(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"network_{name}.png", full_page=True)


def test_specialist_walks_a_sip_on_a_phone(phone, live_data, live_server):
    with live_data():
        team = factories.make_team(name="SIP-teamet")
        user = factories.make_user(team=team, email="sip@example.se", name="Sam Samordning")
        person = factories.make_participant(team, user, first_name="Omar", last_name="Okafor",
                                            needs_interpreter=True, preferred_language="somaliska")
        factories.make_consent(person, "social_services", decided_on=date(2026, 1, 5))
        email, person_id = user.email, person.id

    sign_in(phone, email)
    phone.goto(f"/participants/{person_id}")
    phone.get_by_role("link", name="Nätverk och SIP").click()
    phone.get_by_role("link", name="Lägg till en person").click()
    phone.get_by_label("Organisation", exact=True).select_option(label="Socialtjänsten")
    phone.get_by_label("Eller en ny person: namn").fill("Siv Samordnare")
    phone.get_by_label("Kontor eller enhet").fill("Socialtjänsten Nyköping")
    phone.get_by_role("button", name="Spara").click()
    phone.get_by_text("Nätverket är uppdaterat.").wait_for()
    phone.locator("#members").get_by_text("Får dela").wait_for()
    snap(phone, "network")
    check_phone_page(phone)

    phone.get_by_role("link", name="Påbörja en SIP").click()
    phone.get_by_label("Deltagarens mål").fill("Ett arbete inom handeln, 20 timmar i veckan")
    phone.get_by_role("button", name="Spara").click()
    phone.get_by_text("SIP:en är påbörjad.").wait_for()
    phone.locator("#meetings").get_by_role("link", name="Lägg till").click()
    phone.get_by_label("Plats").fill("Socialkontoret")
    phone.get_by_label("Socialtjänsten: Siv Samordnare, Socialtjänsten Nyköping").check()
    assert phone.get_by_label("Tolkspråk").input_value() == "somaliska"
    phone.get_by_role("button", name="Spara").click()
    phone.locator("#meetings").get_by_text("Tolk: somaliska").wait_for()
    phone.locator("#actions").get_by_role("link", name="Lägg till").click()
    phone.get_by_label("Vad ska göras", exact=True).fill("Följa med på intervjun hos ICA")
    phone.locator("#due_on").fill("2099-01-15")
    phone.get_by_role("button", name="Spara").click()
    phone.locator("#actions").get_by_text("Följa med på intervjun hos ICA").wait_for()
    snap(phone, "sip")
    check_phone_page(phone)

    phone.get_by_role("link", name="Skriv ut till deltagaren").click()
    phone.get_by_role("heading", name="Din samordnade plan").wait_for()
    phone.get_by_text("Din arbetsspecialist").wait_for()
    snap(phone, "print")
    with live_data():
        sip = db.session.scalar(select(Sip).where(Sip.participant_id == person_id))
        assert [(m.place, m.interpreter_language) for m in sip.meetings] == [("Socialkontoret", "somaliska")]
        assert sip.actions[0].step.owner.email == email
