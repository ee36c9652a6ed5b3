"""Every kind of page in the demo programme, as each role sees it on a phone: it fits the screen and
axe-core finds nothing against WCAG 2.1 A and AA.

The journeys check the pages they pass through; this walks the links from each role's start page,
one page of each kind, on a server of its own with the demo team loaded (its data would collide with
the journeys' own).
"""
import random
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from werkzeug.exceptions import MethodNotAllowed, NotFound

from crm.demo import data
from crm.demo.cli import load_demo_team
from crm.extensions import db

from .conftest import PHONE, check_phone_page, serving

pytestmark = pytest.mark.browser
ONE_OF_EACH_ROLE = {role: email for email, _name, role in reversed([*data.PEOPLE, data.PARTNER_USER])}
# Kinds of page each role reaches (about 59, 56, 12 and 8): a floor, so a walk that stopped early fails.
REACHES_AT_LEAST = {"team_lead": 50, "job_specialist": 45, "admin": 10, "partner": 6}


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    with serving(tmp_path_factory, "browser_demo") as server:
        with server.app.app_context():
            load_demo_team(random.Random(2026))
            db.session.commit()
        yield server


def _pages(page, app):
    """Paths of the pages linked from this one, with the endpoint each belongs to."""
    urls = app.url_map.bind("localhost")
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
        parts = urlsplit(urldefrag(href).url)
        if parts.netloc or not parts.path.startswith("/"):
            continue
        try:
            endpoint, _args = urls.match(parts.path, method="GET")
        except (NotFound, MethodNotAllowed):
            continue
        yield endpoint, parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("role", REACHES_AT_LEAST)
def test_every_kind_of_page_fits_a_phone_and_passes_axe(browser, demo_server, role):
    context = browser.new_context(viewport=PHONE, base_url=demo_server.url, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/login")
    page.get_by_label("E-post").fill(ONE_OF_EACH_ROLE[role])
    page.get_by_label("Lösenord").fill(data.PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("load")
    queue, kinds = deque([urlsplit(page.url).path]), {"auth.logout", "static"}
    checked = 0
    while queue:
        path = queue.popleft()
        try:
            response = page.goto(path)
        except PlaywrightError as error:
            if "Download is starting" not in error.message:
                raise
            continue  # a file to download (a CSV export, a participant's copy), not a page
        assert response.ok, (path, response.status)
        check_phone_page(page)
        checked += 1
        for endpoint, path in _pages(page, demo_server.app):
            if endpoint not in kinds:
                kinds.add(endpoint)
                queue.append(path)
    context.close()
    assert checked >= REACHES_AT_LEAST[role]
