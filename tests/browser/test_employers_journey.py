"""A specialist on a phone signs in and adds an employer."""
import pytest
from sqlalchemy import select

from crm.employers.models import Employer
from crm.extensions import db

from .. import factories
from .conftest import check_phone_page

pytestmark = pytest.mark.browser


def sign_in(page, email, password=factories.PASSWORD):
    page.goto("/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def test_specialist_adds_an_employer_on_a_phone(phone, live_data, live_server):
    with live_data():
        team = factories.make_team(name="Browserteamet")
        user = factories.make_user(team=team, email="mobil@example.se", name="Mia Mobil")
        email = user.email

    sign_in(phone, email)
    phone.get_by_role("heading", name="Min vecka").wait_for()  # staff start on My week
    phone.goto("/employers/")
    phone.get_by_role("link", name="Ny arbetsgivare").click()
    phone.get_by_label("Namn").fill("Mobilkaféet AB")
    phone.get_by_label("Organisationsnummer").fill("556016 0680")
    phone.get_by_label("Kommun").fill("Nyköping")
    phone.get_by_label("Relationsfas").select_option("contacted")
    phone.get_by_role("button", name="Spara").click()

    phone.get_by_role("heading", name="Mobilkaféet AB").wait_for()
    assert phone.get_by_text("556016-0680").is_visible()
    # Nothing on the page is wider than the phone's screen.
    check_phone_page(phone)

    with live_data():
        employer = db.session.scalar(select(Employer).where(Employer.name == "Mobilkaféet AB"))
        assert employer.organisation_number == "556016-0680"
        assert employer.stage.value == "contacted"
