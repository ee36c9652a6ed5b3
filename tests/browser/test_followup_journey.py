"""A specialist on a phone makes a follow-up plan after a job start, logs a contact, and subscribes
to the calendar."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.core.clock import today
from crm.extensions import db
from crm.followup.models import FollowUpContact, FollowUpPlan

from .. import factories
from .conftest import check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def test_specialist_plans_follow_up_and_logs_a_contact(phone, live_data):
    with live_data():
        team = factories.make_team(name="Uppföljningsteamet")
        user = factories.make_user(team=team, email="folj@example.se", name="Frida Följ")
        bakery = factories.make_employer(team, name="Bageriet i Nyköping AB")
        anna = factories.make_participant(team, specialist=user, first_name="Anna", last_name="Lind")
        placement = factories.make_placement(anna, bakery, started_on=today() - timedelta(days=12),
                                             title="Bagarbiträde")
        email, placement_id = user.email, placement.id

    sign_in(phone, email)
    phone.goto(f"/placements/{placement_id}")
    phone.get_by_role("link", name="Uppföljningsstöd").click()
    phone.get_by_role("heading", name="Föreslagen plan").wait_for()
    phone.get_by_label("Kontakt med den anställda").select_option("every_2_weeks")
    phone.get_by_role("button", name="Spara planen").click()
    phone.get_by_text("Uppföljningsplanen är sparad.").wait_for()
    # Made on day 12: nothing is owed from before; the weekly contacts of the first month come next.
    assert phone.locator("li.overdue").count() == 0
    assert phone.get_by_text("Varje vecka första månaden").first.is_visible()
    phone.get_by_label("Med", exact=True).select_option("employee")
    phone.get_by_label("Vad som kom upp").fill("Trivs, men morgnarna är tunga.")
    phone.get_by_label("Anpassningar som vi kom överens om").fill("Börjar en halvtimme senare.")
    phone.get_by_role("button", name="Logga kontakten").click()
    phone.get_by_text("Uppföljningskontakten är loggad.").wait_for()
    assert phone.get_by_text("Börjar en halvtimme senare.").is_visible()
    check_phone_page(phone)

    with live_data():
        plan = db.session.scalar(select(FollowUpPlan).where(FollowUpPlan.placement_id == placement_id))
        contact = db.session.scalar(select(FollowUpContact).where(FollowUpContact.plan_id == plan.id))
        assert contact.held_on == today() and "INTERVAL=2" in plan.employee_rule


def _bo_with_a_plan(live_data, email):
    with live_data():
        team = factories.make_team(name=f"Team {email}")
        user = factories.make_user(team=team, email=email, name="Kalle Kalender")
        cafe = factories.make_employer(team, name="Kaféet vid torget")
        bo = factories.make_participant(team, specialist=user, first_name="Bo", last_name="Berg")
        placement = factories.make_placement(bo, cafe, started_on=today() - timedelta(days=40))
        factories.make_followup_plan(placement, on=placement.started_on)


def test_my_week_lists_follow_ups_on_a_phone(phone, live_data):
    _bo_with_a_plan(live_data, "vecka@example.se")
    sign_in(phone, "vecka@example.se")
    phone.goto("/week/")
    section = phone.locator("#follow-ups")
    section.get_by_text("Bo B.").first.wait_for()
    assert "Berg" not in section.inner_text()
    assert section.get_by_text("Försenat").first.is_visible()
    section.scroll_into_view_if_needed()
    check_phone_page(phone)


def test_calendar_address_on_a_phone(phone, live_data):
    _bo_with_a_plan(live_data, "kalender@example.se")
    sign_in(phone, "kalender@example.se")
    phone.goto("/account")
    phone.get_by_role("button", name="Skapa en kalenderadress").click()
    url = phone.get_by_label("Kalenderadress").input_value()
    assert url.endswith(".ics")
    check_phone_page(phone)
