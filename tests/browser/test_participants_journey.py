"""A specialist on a phone adds a participant, records consent and preferences, chooses no disclosure
toward one employer, and sees the warning on that employer's page."""
import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.participants.disclosure import effective_disclosure
from crm.participants.models import DisclosureLevel, Participant

from .. import factories
from .conftest import ARTIFACTS, check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def snap(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"participants_{name}.png", full_page=True)


def test_specialist_records_a_participant_and_no_disclosure_on_a_phone(phone, live_data, live_server):
    with live_data():
        team = factories.make_team(name="Deltagarteamet")
        user = factories.make_user(team=team, email="deltagare@example.se", name="Dana Deltagarspecialist")
        employer = factories.make_employer(team, name="Kaféet Lyktan AB", municipality="Nyköping")
        email, employer_id = user.email, employer.id

    sign_in(phone, email)
    phone.get_by_text("Meny").click()  # the menu lists every page; the tabs repeat the daily ones
    phone.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Deltagare").click()
    phone.get_by_role("link", name="Ny deltagare").click()
    phone.get_by_label("Förnamn").fill("Lina")
    phone.get_by_label("Efternamn").fill("Lindqvist")
    phone.get_by_label("Telefon").fill("070-123 45 67")
    phone.get_by_label("Status").select_option("active")
    phone.get_by_role("button", name="Spara").click()
    phone.get_by_role("heading", name="Lina Lindqvist").wait_for()

    phone.get_by_role("link", name="Registrera ett beslut").click()
    phone.get_by_label("Part", exact=True).select_option("employer")
    employer_field = phone.get_by_label("Arbetsgivare")
    employer_field.press_sequentially("lyktan")  # the register suggests names as one types
    phone.locator('#employer-suggestions option[value="Kaféet Lyktan AB"]').wait_for(state="attached")
    employer_field.fill("Kaféet Lyktan AB")
    phone.get_by_label("Vad som får utbytas").fill("Yrkesprofil och önskemål om arbete")
    snap(phone, "consent_form")
    phone.get_by_role("button", name="Spara").click()
    phone.locator("#consent").get_by_text("Får delas").wait_for()

    phone.locator("#preferences").get_by_role("link", name="Uppdatera").click()
    phone.get_by_label("Önskade yrken").select_option(["5120", "9412"])
    phone.get_by_label("Timmar i veckan, minst").fill("20")
    phone.get_by_label("Timmar i veckan, högst").fill("30")
    phone.get_by_label("Kvällar").check()
    phone.get_by_label("Längsta restid enkel väg (minuter)").fill("40")
    phone.get_by_label("Lägsta lön (kr i månaden)").fill("22000")
    snap(phone, "preferences_form")
    phone.get_by_role("button", name="Spara").click()
    phone.locator("#preferences").get_by_text("20–30").wait_for()
    snap(phone, "overview")
    check_phone_page(phone)

    phone.locator("#disclosure").get_by_role("link", name="Ändra").click()
    phone.get_by_role("link", name="Lägg till ett val för en arbetsgivare").click()
    phone.get_by_label("Arbetsgivare").fill("Kaféet Lyktan AB")
    phone.get_by_label("Ingen", exact=True).check()
    phone.get_by_role("button", name="Spara").click()
    phone.get_by_role("heading", name="Historik").wait_for()
    snap(phone, "disclosure")
    check_phone_page(phone)

    phone.goto(f"/employers/{employer_id}")
    warning = phone.get_by_role("heading", name="Kontakta inte för deras räkning")
    warning.wait_for()
    warning.scroll_into_view_if_needed()
    assert phone.get_by_role("link", name="Lina L.").is_visible()
    check_phone_page(phone)

    with live_data():
        participant = db.session.scalar(select(Participant).where(Participant.last_name == "Lindqvist"))
        assert participant.preferences.occupations == ["5120", "9412"]
        assert effective_disclosure(participant, employer_id) == DisclosureLevel.NONE
        assert participant.consents[0].employer_id == employer_id
