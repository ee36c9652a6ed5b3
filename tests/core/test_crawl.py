"""Follow every link each demo user can see, from their start page: no page of the demo programme fails,
and none refuses the user who was shown the link.

A net under the pages' own tests: realistic data in every state (ended jobs, starts at the social
enterprise, declined consents, meetings with actions) reaches templates that the tests' factories may not.
"""
import random
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from crm.demo import data
from crm.demo.cli import load_demo_team

PER_ENDPOINT = 3  # pages of one kind (one employer page is much like the next)
# Kinds of page each role reaches in the demo (about 60, 55, 10 and 7): a floor, so a crawl that
# stopped at the start page would fail.
REACHES_AT_LEAST = {"team_lead": 50, "job_specialist": 45, "admin": 8, "partner": 5}
ONE_OF_EACH_ROLE = {role: email for email, _name, role in reversed([*data.PEOPLE, data.PARTNER_USER])}
SKIP = {"auth.logout", "static"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


@pytest.fixture
def demo(app):
    load_demo_team(random.Random(2026))


@pytest.mark.parametrize("role", REACHES_AT_LEAST)
def test_every_page_a_demo_user_can_reach_answers(app, client, demo, role):
    login = client.post("/login", data={"email": ONE_OF_EACH_ROLE[role], "password": data.PASSWORD})
    assert login.status_code == 302
    urls = app.url_map.bind("localhost")
    queue, seen, per_endpoint, failures = deque(["/"]), {"/"}, Counter(), []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500 or response.status_code in (403, 404):  # a link the user should not see
            failures.append((url, response.status_code))
        if response.status_code in (301, 302, 303):
            found = [response.headers["Location"]]
        elif response.mimetype == "text/html":
            found = _links(response.get_data(as_text=True))
        else:
            continue
        for href in found:
            target = urldefrag(href).url
            parts = urlsplit(target)
            if parts.netloc not in ("", "localhost") or not parts.path.startswith("/") or target in seen:
                continue
            try:
                endpoint, _args = urls.match(parts.path, method="GET")
            except (NotFound, MethodNotAllowed):
                failures.append((f"{url} links to {target}", 404))
                continue
            if endpoint in SKIP or per_endpoint[endpoint] >= PER_ENDPOINT:
                continue
            per_endpoint[endpoint] += 1
            seen.add(target)
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert not failures, failures
    assert len(per_endpoint) >= REACHES_AT_LEAST[role], sorted(per_endpoint)
