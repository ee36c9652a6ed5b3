"""An admin answers a participant's request: finds her, downloads a copy, and erases her record."""
import json
from datetime import timedelta

import pytest

from crm.core import clock

from .. import factories
from .conftest import ARTIFACTS, check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def test_admin_exports_and_erases_a_participant(phone, live_data, request):
    with live_data():
        team = factories.make_team(name="Integritetsteamet")
        sara = factories.make_user(team=team, name="Sara Specialist")
        admin = factories.make_user(role="admin", email="admin-privacy@example.se", name="Ada Admin")
        person = factories.make_participant(team, sara, first_name="Örjan", last_name="Ekström", phone="070-999 88 77",
                                            status="closed", closed_on=clock.today() - timedelta(days=30))
        bakery = factories.make_employer(team, name="Bageriet AB")
        contact = factories.make_contact(bakery, sara, summary="Presenterade Örjan Ekström för bagaren")
        contact.participants.append(person)
        person_id, email = person.id, admin.email

    sign_in(phone, email)
    phone.goto("/privacy/")
    phone.get_by_label("Deltagarnummer eller namn").fill("örjan ek")
    phone.get_by_role("button", name="Sök").click()
    phone.get_by_role("link", name="Örjan Ekström").click()
    phone.get_by_role("heading", name="Örjan Ekström").wait_for()
    check_phone_page(phone)

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Ladda ner JSON").click()
    copy = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert copy["records"]["participant"][0]["last_name"] == "Ekström"
    assert copy["records"]["employer_contacts"][0]["summary"] == "Presenterade Örjan Ekström för bagaren"

    phone.get_by_label("Skriv deltagarens nummer för att bekräfta").fill(str(person_id))
    phone.get_by_label("Begärans diarienummer eller referens (valfritt)").fill("Dnr 2026-42")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"{request.node.name}_before.png", full_page=True)
    phone.get_by_role("button", name="Radera för gott").click()

    phone.get_by_text(f"Deltagare nr {person_id} är raderad").wait_for()
    phone.get_by_role("heading", name=f"Raderad deltagare nr {person_id}").wait_for()
    assert "Ekström" not in phone.content()
