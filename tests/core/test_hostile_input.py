"""Property-based: every form in the app, fed random and hostile values, never answers 5xx, never
stores anything from a refused submission, and always escapes what it echoes back.

Forms are found by walking the URL map and reading each page's <form> fields, so forms added later
are covered without listing them here.
"""
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from crm.extensions import db

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
    from .. import factories

    user = specialist if role == "job_specialist" else factories.make_user(role="team_lead", team=team)
    client = login(user)
    forms = _forms(app, client, records)
    assert len(forms) > 20, forms  # the walk found the app's forms

    @settings(max_examples=8, deadline=None, database=None,
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
