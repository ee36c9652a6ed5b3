"""A specialist on a phone logs a face-to-face visit with the "Log contact" button and sees My week count it."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.contacts.models import EmployerContact
from crm.core import clock
from crm.extensions import db

from .. import factories
from .conftest import ARTIFACTS, check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def test_specialist_logs_a_visit_and_my_week_counts_it(phone, live_data, live_server):
    with live_data():
        team = factories.make_team(name="Kontaktteamet")
        user = factories.make_user(team=team, email="logga@example.se", name="Lo Loggare")
        employer = factories.make_employer(team, name="Bageriet Mobil AB", stage="relationship",
                                           responsible_specialist_id=user.id)
        factories.make_contact_person(employer, name="Berit Bagare", role="Ägare", is_decision_maker=True)
        factories.make_contact(employer, user, clock.utcnow() - timedelta(minutes=30))
        factories.make_next_step(employer, user, clock.today() - timedelta(days=1), what="Ring Berit")
        email, employer_id = user.email, employer.id

    sign_in(phone, email)
    phone.get_by_role("heading", name="Min vecka").wait_for()  # the start page for staff
    before = int(phone.locator("#f2f-count").inner_text())
    assert before == 1
    assert phone.get_by_text("Försenat").first.is_visible()
    phone.screenshot(path=ARTIFACTS / "contacts_my_week_before.png", full_page=True)

    phone.get_by_role("link", name="Logga kontakt").click()
    phone.get_by_role("heading", name="Senast kontaktade").wait_for()
    phone.get_by_role("link", name="Bageriet Mobil AB").first.click()
    # Defaults: now, a face-to-face visit to learn the employer's needs, due in a week, owner me.
    assert phone.get_by_label("Personligt möte").is_checked()
    assert phone.get_by_label("Lära känna arbetsgivarens behov").is_checked()
    phone.get_by_label("Person du träffade").select_option(label="Berit Bagare, Ägare")
    phone.get_by_label("Sammanfattning").fill("Berit visade bageriet. De behöver hjälp med disk och packning.")
    phone.get_by_label("Ring Berit").check()  # the overdue step is taken care of by this visit
    phone.get_by_label("Nästa steg", exact=True).fill("Återbesök med en deltagares profil")
    phone.screenshot(path=ARTIFACTS / "contacts_log_form.png", full_page=True)
    phone.get_by_role("button", name="Spara kontakt").first.click()

    phone.get_by_role("heading", name="Min vecka").wait_for()
    assert phone.get_by_text("Kontakten med Bageriet Mobil AB är loggad.").is_visible()
    assert int(phone.locator("#f2f-count").inner_text()) == before + 1
    check_phone_page(phone)

    with live_data():
        contacts = db.session.scalars(select(EmployerContact).where(EmployerContact.employer_id == employer_id)
                                      .order_by(EmployerContact.id)).all()
        assert len(contacts) == 2
        assert contacts[-1].form.value == "face_to_face" and contacts[-1].contact_person.name == "Berit Bagare"
        assert [s.what for s in contacts[-1].next_steps] == ["Återbesök med en deltagares profil"]

    phone.goto(f"/employers/{employer_id}")
    phone.get_by_role("heading", name="Kontakter").wait_for()
    check_phone_page(phone)
    phone.screenshot(path=ARTIFACTS / "contacts_employer_page.png", full_page=True)
