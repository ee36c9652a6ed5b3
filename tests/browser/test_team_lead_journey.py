"""A team lead opens the dashboard on a phone and at desktop width, then the meeting agenda, and records an action."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.core import clock
from crm.extensions import db
from crm.meetings.models import MeetingAction

from .. import factories
from .conftest import ARTIFACTS, check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser


def _charts_drawn(page) -> list[dict]:
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length === 4 && "
                           "[...document.querySelectorAll('canvas[data-chart]')].every(c => c.width > 0)")
    return page.eval_on_selector_all("canvas[data-chart]", "cs => cs.map(c => ({w: c.clientWidth, h: c.clientHeight}))")


def test_team_lead_dashboard_agenda_and_action(phone, browser, live_data, live_server, request):
    today = clock.today()
    with live_data():
        team = factories.make_team(name="Teamet i Nyköping")
        lead = factories.make_user(role="team_lead", team=team, email="lead@example.se", name="Lena Lead")
        sara = factories.make_user(team=team, name="Sara Specialist")
        employer = factories.make_employer(team, name="Bageriet i Nyköping AB", stage="relationship", sni_code="10710")
        for days in (1, 3, 9, 16, 30):
            factories.make_contact(employer, sara, contacted_at=clock.utcnow() - timedelta(days=days))
        person = factories.make_participant(team, sara, first_name="Nora")
        factories.make_placement(person, employer, started_on=today - timedelta(days=20))
        factories.make_opening(employer, title="Bagarbiträde")
        series = factories.make_meeting_series(team, first_on=today - timedelta(days=14))
        factories.make_meeting(series, today - timedelta(days=14))
        meeting_id = factories.make_meeting(series, today).id
        email, sara_id = lead.email, sara.id

    sign_in(phone, email)
    phone.get_by_role("heading", name="Min vecka").wait_for()
    phone.goto("/reports/")
    phone.get_by_role("heading", name="Teamets översikt").wait_for()
    sizes = _charts_drawn(phone)
    assert all(size["w"] > 0 and size["h"] > 0 for size in sizes), sizes
    check_phone_page(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"{request.node.name}_phone_dashboard.png", full_page=True)

    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    wide = desktop.new_page()
    sign_in(wide, email)
    wide.get_by_role("heading", name="Min vecka").wait_for()
    wide.goto("/reports/")
    assert all(size["w"] > 300 for size in _charts_drawn(wide))
    wide.screenshot(path=ARTIFACTS / f"{request.node.name}_desktop.png", full_page=True)
    desktop.close()

    phone.goto(f"/meetings/{meeting_id}")
    phone.get_by_role("heading", name="Dagordning").wait_for()
    assert phone.get_by_text("Bagarbiträde").is_visible()
    phone.get_by_label("Vad ska göras", exact=True).fill("Besök bageriet med Noras profil")
    phone.get_by_label("Vem", exact=True).select_option(str(sara_id))
    phone.get_by_label("Senast", exact=True).fill((today + timedelta(days=7)).isoformat())
    # The employer is typed; the register suggests names as one types (the server resolves the name either way).
    phone.get_by_label("Arbetsgivare (valfritt)").fill("bageriet")
    suggestion = phone.locator("#employer-suggestions option").first
    suggestion.wait_for(state="attached")
    assert suggestion.get_attribute("value") == "Bageriet i Nyköping AB"
    phone.get_by_label("Arbetsgivare (valfritt)").fill(suggestion.get_attribute("value"))
    phone.get_by_role("button", name="Lägg till åtgärden").click()
    phone.get_by_text("Åtgärden är tillagd.").wait_for()
    check_phone_page(phone)

    with live_data():
        action = db.session.scalar(select(MeetingAction).where(MeetingAction.meeting_id == meeting_id))
        assert (action.owner_id, action.text) == (sara_id, "Besök bageriet med Noras profil")
        assert action.next_step_id is not None  # about an employer: also a next step on its page
