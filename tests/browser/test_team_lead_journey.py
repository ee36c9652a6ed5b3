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
    form = phone.locator("form.action-form")  # the meeting as a whole; each agenda item has a form of its own
    form.get_by_label("Vad ska göras", exact=True).fill("Besök bageriet med Noras profil")
    form.get_by_label("Vem", exact=True).select_option(str(sara_id))
    form.get_by_label("Senast", exact=True).fill((today + timedelta(days=7)).isoformat())
    # The employer is typed; the register suggests names as one types (the server resolves the name either way).
    form.get_by_label("Arbetsgivare (valfritt)").fill("bageriet")
    suggestion = phone.locator("#employer-suggestions option").first
    suggestion.wait_for(state="attached")
    assert suggestion.get_attribute("value") == "Bageriet i Nyköping AB"
    form.get_by_label("Arbetsgivare (valfritt)").fill(suggestion.get_attribute("value"))
    form.get_by_role("button", name="Lägg till åtgärden").click()
    phone.get_by_text("Åtgärden är tillagd.").wait_for()
    check_phone_page(phone)

    with live_data():
        action = db.session.scalar(select(MeetingAction).where(MeetingAction.meeting_id == meeting_id))
        assert (action.owner_id, action.text) == (sara_id, "Besök bageriet med Noras profil")
        assert action.next_step_id is not None  # about an employer: also a next step on its page


def test_minutes_survive_an_added_action_and_earlier_actions_are_carried(phone, live_data, request):
    """The lead types the minutes and a decision, adds an action on an item, carries last meeting's action:
    the text is still there after each, kept as the server's draft."""
    today = clock.today()
    with live_data():
        team = factories.make_team(name="Teamet i Flen")
        lead = factories.make_user(role="team_lead", team=team, email="lead-minutes@example.se")
        sara = factories.make_user(team=team, name="Sara Specialist")
        series = factories.make_meeting_series(team, first_on=today - timedelta(days=14))
        previous = factories.make_meeting(series, today - timedelta(days=14))
        earlier = factories.make_meeting_action(previous, sara, due_on=today, text="Ring lagret").id
        meeting_id = factories.make_meeting(series, today).id
        email, sara_id = lead.email, sara.id

    sign_in(phone, email)
    phone.get_by_role("heading", name="Min vecka").wait_for()
    phone.goto(f"/meetings/{meeting_id}")
    phone.locator("#minutes-form textarea[name=minutes]").fill("Vi gick igenom lagret och bageriet.")
    phone.locator("#decision-openings").fill("Bageriet först.")
    openings = phone.locator("#item-openings")
    openings.get_by_text("Lägg till en åtgärd på den här punkten").click()
    openings.get_by_label("Vad ska göras", exact=True).fill("Besök bageriet")
    openings.get_by_label("Vem", exact=True).select_option(str(sara_id))
    openings.get_by_label("Senast", exact=True).fill((today + timedelta(days=7)).isoformat())
    openings.get_by_role("button", name="Lägg till åtgärden").click()
    phone.get_by_text("Åtgärden är tillagd.").wait_for()
    assert phone.locator("#minutes-form textarea[name=minutes]").input_value() == "Vi gick igenom lagret och bageriet."
    assert phone.locator("#decision-openings").input_value() == "Bageriet först."
    assert phone.locator("#item-openings").get_by_text("Besök bageriet", exact=True).is_visible()

    review = phone.locator(f"#review-{earlier}")
    review.get_by_label("Nytt slutdatum").fill((today + timedelta(days=14)).isoformat())
    review.get_by_role("button", name="Flytta fram").click()
    phone.get_by_text("Flyttad till", exact=False).first.wait_for()
    assert phone.locator("#minutes-form textarea[name=minutes]").input_value() == "Vi gick igenom lagret och bageriet."
    check_phone_page(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"{request.node.name}_meeting.png", full_page=True)

    with live_data():
        from crm.meetings.models import Meeting

        kept = db.session.get(Meeting, meeting_id)
        assert kept.draft["minutes"] == "Vi gick igenom lagret och bageriet."
        carried = db.session.get(MeetingAction, earlier)
        assert (carried.due_on, carried.carried_to_id) == (today + timedelta(days=14), meeting_id)


def test_dashboard_bars_lead_to_the_records_behind_them(phone, live_data, request):
    """A stage's bar opens the employer list filtered to that stage; the contacts chart draws its target."""
    with live_data():
        team = factories.make_team(name="Teamet i Katrineholm")
        lead = factories.make_user(role="team_lead", team=team, email="lead-dashboard@example.se")
        factories.make_user(team=team, name="Sara Specialist")
        for name in ("Bageriet AB", "Lagret AB", "Kaféet AB"):
            factories.make_employer(team, name=name, stage="relationship")
        factories.make_employer(team, name="Verkstaden AB", stage="prospect")
        email = lead.email

    sign_in(phone, email)
    phone.get_by_role("heading", name="Min vecka").wait_for()
    phone.goto("/reports/?months=6")
    _charts_drawn(phone)
    target = phone.evaluate("Chart.getChart(document.getElementById('chart-contacts')).data.datasets.at(-1)")
    assert target["label"] == "Mål" and set(target["data"]) == {6}
    check_phone_page(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"{request.node.name}_dashboard.png", full_page=True)
    stages = phone.locator("#chart-stages")
    stages.scroll_into_view_if_needed()
    index = phone.evaluate("Chart.getChart(document.getElementById('chart-stages')).data.datasets[0].links"
                           ".findIndex(link => link.endsWith('stage=relationship'))")
    point = phone.evaluate(f"(() => {{ const bar = Chart.getChart(document.getElementById('chart-stages'))"
                           f".getDatasetMeta(0).data[{index}]; return {{x: bar.x - 4, y: bar.y}}; }})()")
    stages.click(position=point)
    phone.wait_for_url("**/employers/?stage=relationship")
    assert phone.get_by_text("Bageriet AB").is_visible() and phone.get_by_text("Verkstaden AB").count() == 0


def test_the_outcome_report_draws_its_funnel_and_monthly_share(phone, live_data, request):
    today = clock.today()
    with live_data():
        team = factories.make_team(name="Teamet i Vingåker")
        lead = factories.make_user(role="team_lead", team=team, email="lead-outcomes@example.se")
        sara = factories.make_user(team=team, name="Sara Specialist")
        employer = factories.make_employer(team)
        person = factories.make_participant(team, sara, entered_on=today - timedelta(days=40))
        factories.make_placement(person, employer, started_on=today - timedelta(days=10))
        email = lead.email

    sign_in(phone, email)
    phone.get_by_role("heading", name="Min vecka").wait_for()
    phone.goto("/reports/outcomes")
    phone.wait_for_function("['chart-funnel', 'chart-share'].every(id => document.getElementById(id).width > 0)")
    funnel = phone.evaluate("Chart.getChart(document.getElementById('chart-funnel')).data.datasets[0].data")
    assert funnel == [1, 1, 0, 1, 0]
    share = phone.evaluate("Chart.getChart(document.getElementById('chart-share')).data.datasets.at(-1)")
    assert share["label"] == "Mål" and set(share["data"]) == {40}
    check_phone_page(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"{request.node.name}_outcomes.png", full_page=True)
