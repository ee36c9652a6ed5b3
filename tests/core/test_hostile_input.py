"""Property-based: every form in the app, fed random and hostile values, never answers 5xx, never
stores anything from a refused submission, and always escapes what it echoes back. And every page,
asked with hostile query values, answers below 500.

Forms and pages are found by walking the URL map and reading each page's <form> fields, and the query
arguments by reading the code, so those added later are covered without listing them here.
"""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from crm.extensions import db
from crm.partners.models import PartnerOrganisation

from .. import factories
from .test_route_access import (
    _routes,
    records,  # noqa: F401  (one real record of each kind)
)

SCRIPT = "<script>alert(1)</script>"
HOSTILE = st.sampled_from([
    "", " ", "x" * 10_000, SCRIPT, "'; DROP TABLE employers; --", "' OR '1'='1", "=HYPERLINK(\"http://x\")",
    "😀🇸🇪 Åsa Öberg", "\x00", "\u202e", "-1", "0", "99999999999999999999", "1e309", "NaN", "2026-02-30",
    "0001-01-01", "9999-12-31", "1900-01-01T00:00", "../../etc/passwd", "%s%n", "{{7*7}}", "None", "true",
])
VALUES = st.one_of(HOSTILE, st.text(max_size=300), st.integers().map(str), st.dates().map(str))
SKIP = {"auth.login", "auth.logout"}  # login has its own tests; logging out changes who is asking


class FormFields(HTMLParser):
    """The names of the fields of the page's POST forms (hidden ones included, CSRF excluded)."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append((attrs.get("action") or "", set()))
        elif (tag in ("input", "select", "textarea") and self.forms and attrs.get("name")
              and attrs["name"] != "csrf_token" and attrs.get("type") != "submit"):
            self.forms[-1][1].add(attrs["name"])


def _table_counts() -> dict[str, int]:
    return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def _forms(app, client, records):  # noqa: F811
    found = {}
    for endpoint, method, path in _routes(app, records):
        if method != "GET" or endpoint in SKIP:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        parser = FormFields()
        parser.feed(response.get_data(as_text=True))
        for action, fields in parser.forms:
            target = action or path
            if target.startswith("/") and fields and target not in found and "/logout" not in target \
                    and "/language" not in target:
                found[target] = sorted(fields)
    return found


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_every_form_survives_hostile_input(app, login, records, specialist, team, role):  # noqa: F811
    user = specialist if role == "job_specialist" else factories.make_user(role="team_lead", team=team)
    client = login(user)
    forms = _forms(app, client, records)
    assert len(forms) > 20, forms  # the walk found the app's forms

    # The same examples on every run (CI must not be a lottery), and no shrinking: the assertion names the form.
    @settings(max_examples=8, deadline=None, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(data=st.data())
    def post_hostile(data):
        for target, fields in forms.items():
            values = {name: data.draw(VALUES, label=f"{target} {name}") for name in fields}
            before = _table_counts()
            response = client.post(target, data=values)
            assert response.status_code < 500, (target, values)
            page = response.get_data(as_text=True)
            assert SCRIPT not in page, (target, "echoed unescaped")
            if response.status_code >= 400:
                db.session.expire_all()
                assert _table_counts() == before, (target, "a refused submission stored something")

    post_hostile()


# Every query argument the code reads (request.args.get("…"), arg_int("…"), …) and those the filter
# forms read from the query string.
QUERY_NAMES = sorted(set(re.findall(r'(?:args\.get|arg_\w+)\(\s*"(\w+)"',
                                    "\n".join(p.read_text() for p in Path("crm").rglob("*.py"))))
                     | {"start", "end", "q", "page", "sort", "specialist", "tag", "stage", "next"})
HOSTILE_QUERY = ["99999999999999999999", "-99999999999", "2147483648", "9999-12-31", "0001-01-01", "9999-W52",
                 "0001-W01", "2026-W99", "x" * 5000, "-1", "1e309", "a%00b", "'; --"]
CONTROL = ["\x00", "/\r\nSet-Cookie: x=1"]


@pytest.mark.parametrize("role", ["job_specialist", "team_lead", "admin", "partner"])
def test_every_page_survives_hostile_query_values(app, login, records, team, role):  # noqa: F811
    """Every page, every argument, every value would be thousands of requests: each page gets a few
    requests in which every argument carries another hostile value (shifted per page and role, so
    that over the walk each argument meets each value), and one with NUL or CR/LF everywhere."""
    organisation = db.session.get(PartnerOrganisation, records["organisation_id"])
    user = factories.make_user(role=role, team=team if role in ("job_specialist", "team_lead") else None,
                               partner_organisation=organisation if role == "partner" else None)
    client = login(user)
    shift = ["job_specialist", "team_lead", "admin", "partner"].index(role) * 3
    pages = [(endpoint, path) for endpoint, method, path in _routes(app, records)
             if method == "GET" and endpoint != "auth.logout"]
    for n, (endpoint, path) in enumerate(pages):
        for k in range(2):
            query = {name: HOSTILE_QUERY[(n + i + k + shift) % len(HOSTILE_QUERY)]
                     for i, name in enumerate(QUERY_NAMES)}
            response = client.get(path, query_string=query)
            assert response.status_code < 500, (endpoint, query)
        response = client.get(path, query_string=dict.fromkeys(QUERY_NAMES, CONTROL[n % 2]))
        assert response.status_code == 400, endpoint


@pytest.mark.parametrize("query, status", [
    ({"page": "99999999999999999999"}, 404), ({"page": "-5"}, 200), ({"page": "100001"}, 404),
    ({"specialist": "2147483648"}, 404),
    ({"q": "a\x00b"}, 400), ({"q": "a\r\nb"}, 400),
])
def test_out_of_range_and_control_characters_are_refused_in_the_users_language(login, specialist, query, status):
    response = login(specialist).get("/participants/" if "specialist" in query else "/employers/",
                                     query_string=query)
    assert response.status_code == status
    if status == 400:
        assert "Adressen innehåller tecken som inte är tillåtna." in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["start=0001-01-01", "end=9999-12-31", "start=2101-01-01&end=2101-02-01"])
def test_report_periods_outside_1900_to_2100_are_a_400(login, team_lead, query):
    response = login(team_lead).get(f"/reports/fidelity?{query}")
    assert response.status_code == 400
    assert "Datum måste ligga mellan 1900 och 2100." in response.get_data(as_text=True)


def test_far_weeks_are_a_400_and_unreadable_ones_this_week(login, specialist):
    client = login(specialist)
    assert client.get("/week/?week=9999-W52").status_code == 400
    assert client.get("/week/?week=2026-W99").status_code == 200
    assert client.get("/week/?week=2100-W52").status_code == 200


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: x=1", "/employers/\x00", "//evil.example/", "https://evil.example/"])
def test_language_switch_goes_home_rather_than_to_a_hostile_next(client, target):
    response = client.post("/language", data={"language": "en", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/employers/\r\nSet-Cookie: x=1", "/employers/\nx"])
def test_sign_in_goes_home_rather_than_to_a_next_with_a_line_break(client, specialist, target):
    response = client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD, "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("headers, status", [
    ({"Origin": "https://evil.example"}, 403), ({"Referer": "https://evil.example/page"}, 403),
    ({"Origin": "null", "Referer": "https://evil.example/"}, 403),
    ({"Origin": "http://localhost"}, 302), ({"Referer": "http://localhost/employers/"}, 302), ({}, 302),
])
def test_state_changing_requests_from_another_site_are_refused(client, headers, status):
    response = client.post("/language", data={"language": "en"}, headers=headers)
    assert response.status_code == status


def test_after_a_database_error_the_error_page_still_renders(app, login, specialist, monkeypatch):
    """On PostgreSQL a failed statement aborts the transaction; the error page must roll back first."""
    from sqlalchemy import text

    client = login(specialist)

    def failing():
        db.session.execute(text("INSERT INTO teams (name) VALUES (NULL)"))  # refused: aborts the transaction

    monkeypatch.setitem(app.view_functions, "employers.index", failing)
    monkeypatch.setattr(app, "testing", False)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = client.get("/employers/")
    assert response.status_code == 500
    assert "<nav" in response.get_data(as_text=True)  # inside the layout, with the signed-in user's menu
