"""An admin sets up the second factor at the first sign-in on a phone, signs in again with a code, and
signs out everywhere."""
import re

import pyotp
import pytest

from .. import factories
from .conftest import check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def test_second_factor_enrolment_and_sign_in(phone, live_data, live_server, monkeypatch):
    monkeypatch.setitem(live_server.app.config, "TWO_FACTOR_REQUIRED_ROLES", ("admin",))
    with live_data():
        email = factories.make_user(role="admin", email="ada.tva@example.se", name="Ada Två").email

    sign_in(phone, email)
    phone.wait_for_url("**/two-factor/enrol")
    check_phone_page(phone)
    assert phone.locator(".qr svg").count() == 1
    secret = phone.text_content("details code").strip()
    phone.get_by_label("Kod").fill(pyotp.TOTP(secret).now())
    phone.get_by_role("button", name="Slå på").click()
    phone.wait_for_selector(".recovery-codes")
    check_phone_page(phone)
    codes = re.findall(r"[0-9a-f]{6}-[0-9a-f]{6}", phone.text_content(".recovery-codes"))
    assert len(codes) == 10
    phone.click("text=Jag har sparat dem, fortsätt")
    phone.wait_for_url("**/account")
    check_phone_page(phone)
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Logga ut överallt").click()
    phone.wait_for_url("**/login")

    sign_in(phone, email)
    phone.wait_for_url("**/two-factor/verify")
    check_phone_page(phone)
    phone.get_by_label("Kod").fill(codes[0])
    phone.get_by_role("button", name="Logga in").click()
    phone.wait_for_selector(".flashes")  # signed in, on the admin's start page
    assert "9 återstår" in phone.text_content(".flashes")
