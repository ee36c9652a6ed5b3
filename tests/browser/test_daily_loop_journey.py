"""The specialist's daily loop (issue 19): a visit logged from My week in few taps on a phone; on a desktop
the top bar, the menu that Escape closes and the header's search, used with the keyboard."""
from datetime import timedelta

import pytest

from crm.core import clock

from .. import factories
from .conftest import ARTIFACTS, check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 800}
SMALLEST_TARGET = 44  # CSS px, WCAG 2.2 2.5.5 (enhanced), asked for every control on a phone


class Actions:
    """Counts what the user does: taps (clicks) and texts typed."""

    def __init__(self, page):
        self.page, self.taps, self.texts = page, 0, 0

    def tap(self, locator):
        self.taps += 1
        locator.click()

    def type(self, locator, text):
        self.texts += 1
        locator.fill(text)


def small_targets(page, selector: str) -> list:
    """Visible controls matching `selector` smaller than 44×44 CSS px."""
    return page.evaluate("""([selector, least]) => [...document.querySelectorAll(selector)]
        .filter((e) => e.offsetParent !== null)
        .map((e) => [e.textContent.trim().slice(0, 30) || e.name || e.id, e.getBoundingClientRect()])
        .filter(([, box]) => box.width < least || box.height < least)
        .map(([name, box]) => `${name} ${Math.round(box.width)}×${Math.round(box.height)}`)""",
                         [selector, SMALLEST_TARGET])


@pytest.fixture
def specialist_with_a_step_due(live_data):
    with live_data():
        team = factories.make_team()  # one per test: the live server's data lives through the session
        user = factories.make_user(team=team, name="Vera Vardag")
        employer = factories.make_employer(team, name="Cykelverkstan AB", stage="relationship",
                                           municipality="Borås", responsible_specialist_id=user.id)
        person = factories.make_contact_person(employer, name="Cecilia Cykel", role="Ägare", phone="070-111 22 33")
        factories.make_contact(employer, user, clock.utcnow() - timedelta(days=6), contact_person=person)
        factories.make_next_step(employer, user, clock.today(), what="Besök Cecilia")
        factories.make_participant(team, user, first_name="Cyrus", last_name="Berg")
        factories.make_opening(employer, title="Cykelmekaniker")
        return user.email


def test_a_visit_from_my_week_takes_three_taps_and_two_texts(phone, specialist_with_a_step_due):
    sign_in(phone, specialist_with_a_step_due)
    phone.get_by_role("heading", name="Min vecka").wait_for()
    tabs = phone.get_by_role("navigation", name="Flikar")
    assert small_targets(phone, ".tab-bar a") == []
    check_phone_page(phone)
    user = Actions(phone)

    user.tap(tabs.get_by_role("link", name="Logga kontakt"))
    phone.get_by_role("heading", name="Ett steg ska göras").wait_for()
    assert small_targets(phone, ".pick-list a, main button, main input, main summary") == []
    phone.screenshot(path=ARTIFACTS / "daily_loop_pick_phone.png", full_page=True)
    check_phone_page(phone)
    user.tap(phone.locator("section[aria-labelledby=due-heading]").get_by_role("link", name="Cykelverkstan AB"))

    phone.get_by_label("Sammanfattning").wait_for()
    # Defaults folded in one line; the person met last time already chosen.
    assert phone.get_by_text("Personligt möte · nu · Lära känna arbetsgivarens behov — ändra").is_visible()
    assert phone.get_by_label("Person du träffade").input_value() != "0"
    save = phone.get_by_role("button", name="Spara kontakt").first
    user.type(phone.get_by_label("Sammanfattning"), "Cecilia vill ha hjälp i verkstaden två dagar i veckan.")
    user.type(phone.get_by_label("Nästa steg", exact=True), "Visa Cyrus profil")
    phone.screenshot(path=ARTIFACTS / "daily_loop_log_phone.png", full_page=False)
    assert small_targets(phone, "main button, main input:not([type=checkbox]):not([type=radio]), main select,"
                                " main summary") == []
    check_phone_page(phone)
    user.tap(save)

    phone.get_by_role("heading", name="Min vecka").wait_for()
    assert phone.get_by_text("Kontakten med Cykelverkstan AB är loggad.").is_visible()
    assert (user.taps, user.texts) == (3, 2)  # the target: at most 4 taps and 2 texts


def test_desktop_top_bar_menu_and_search_by_keyboard(browser, live_server, specialist_with_a_step_due):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, specialist_with_a_step_due)
    page.get_by_role("heading", name="Min vecka").wait_for()
    bar = page.locator("ul.top-bar")
    for label in ("Min vecka", "Arbetsgivare", "Deltagare", "Lediga jobb", "Inkorg"):
        assert bar.get_by_role("link", name=label).is_visible(), label
    assert not page.get_by_role("navigation", name="Flikar").is_visible()

    page.get_by_text("Meny", exact=True).click()
    assert page.locator("details.main-menu").get_attribute("open") is not None
    page.keyboard.press("Escape")
    assert page.locator("details.main-menu").get_attribute("open") is None

    search = page.get_by_role("searchbox", name="Sök")
    search.focus()
    page.keyboard.type("cyk")
    results = page.locator("#search-suggestions")
    results.get_by_role("heading", name="Arbetsgivare").wait_for()
    for name in ("Cykelverkstan AB", "Cecilia Cykel", "Cykelmekaniker"):
        assert results.get_by_role("link", name=name).first.is_visible(), name
    page.screenshot(path=ARTIFACTS / "daily_loop_search_desktop.png")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent").startswith("Cykelverkstan AB")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Cykelverkstan AB").wait_for()
    context.close()


def test_search_works_as_a_page_without_javascript(browser, live_server, specialist_with_a_step_due):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, specialist_with_a_step_due)
    page.get_by_role("searchbox", name="Sök").fill("berg")
    page.get_by_role("searchbox", name="Sök").press("Enter")
    page.get_by_role("heading", name="Sök", exact=True).wait_for()
    assert page.get_by_role("link", name="Cyrus Berg").is_visible()
    context.close()
