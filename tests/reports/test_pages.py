"""The dashboard, the reports and the CSV exports for each role; exports open in a spreadsheet."""
import codecs
import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.core import clock
from crm.core.audit import AccessLog
from crm.extensions import db

from .. import factories


@pytest.fixture
def users(specialist, team_lead, partner, admin):
    return {"job_specialist": specialist, "team_lead": team_lead, "partner": partner, "admin": admin}


DASHBOARD = {"job_specialist": 200, "team_lead": 200, "partner": 403, "admin": 403}
REPORTS = {"job_specialist": 403, "team_lead": 200, "partner": 403, "admin": 403}
PAGES = ["/reports/fidelity", "/reports/outcomes", "/reports/export/employers.csv", "/reports/export/contacts.csv",
         "/reports/export/placements.csv", "/reports/export/fidelity.csv", "/reports/export/outcomes.csv"]


@pytest.mark.parametrize("role", DASHBOARD)
def test_who_sees_the_dashboard_and_the_reports(login, users, role):
    client = login(users[role])
    assert client.get("/reports/").status_code == DASHBOARD[role]
    for page in PAGES:
        assert client.get(page).status_code == REPORTS[role], page


def test_an_unknown_export_is_not_found(login, team_lead):
    assert login(team_lead).get("/reports/export/secrets.csv").status_code == 404


def test_the_dashboard_draws_from_data_blocks_with_tables_beside(login, specialist, team):
    factories.make_employer(team, stage="relationship")
    page = login(specialist).get("/reports/").get_data(as_text=True)
    assert page.count("<canvas") == 4 and page.count('type="application/json"') == 4
    assert page.count("<table") == 4  # each chart's figures as a table
    assert "vendor/chartjs/chart.umd.js" in page and "js/charts.js" in page
    assert "<script>" not in page  # the CSP forbids inline scripts


def test_the_fidelity_page_links_the_records_and_names_the_human_items(login, team_lead, team):
    for _ in range(3):
        factories.make_participant(team, team_lead)
    page = login(team_lead).get("/reports/fidelity?start=2026-09-01&end=2026-11-30").get_data(as_text=True)
    assert "/participants/?status=active" in page
    assert "/reports/export/placements.csv?start=2026-09-01&amp;end=2026-11-30" in page
    assert page.count('class="score score-5"') >= 1  # caseload 3: a 5


def _rows(response):
    data = response.get_data()
    assert response.mimetype == "text/csv"
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_exports_open_in_a_spreadsheet(login, team_lead, team, specialist):
    employer = factories.make_employer(team, name="=HYPERLINK(\"x\") Åkeri AB", sni_code="49410")
    factories.make_contact(employer, specialist, contacted_at=clock.utcnow() - timedelta(hours=2))
    client = login(team_lead)
    employers = _rows(client.get("/reports/export/employers.csv"))
    assert employers[0][:2] == ["Namn", "Organisationsnummer"]
    assert employers[1][0] == "'=HYPERLINK(\"x\") Åkeri AB"  # neutralised, and UTF-8 kept
    contacts = _rows(client.get("/reports/export/contacts.csv"))
    assert len(contacts) == 2 and contacts[1][1].endswith("Åkeri AB")
    fidelity = _rows(client.get("/reports/export/fidelity.csv"))
    assert len(fidelity) == 1 + 9 + 7 and all(len(row) == len(fidelity[0]) for row in fidelity)
    outcomes = _rows(client.get("/reports/export/outcomes.csv"))
    assert outcomes[0] == ["Uppgift", "Värde"]


def test_exports_filter_employers_like_the_list(login, team_lead, team):
    factories.make_employer(team, name="Kafé Ett AB", stage="relationship")
    factories.make_employer(team, name="Lager Två AB", stage="prospect")
    rows = _rows(login(team_lead).get("/reports/export/employers.csv?stage=relationship"))
    assert [row[0] for row in rows[1:]] == ["Kafé Ett AB"]


def test_a_placements_export_is_written_in_the_participants_audit_trails(login, team_lead, team, specialist):
    person = factories.make_participant(team, specialist, first_name="Dana", last_name="Dahl")
    factories.make_placement(person, factories.make_employer(team), started_on=clock.today() - timedelta(days=3))
    rows = _rows(login(team_lead).get("/reports/export/placements.csv"))
    assert rows[1][0] == "Dana Dahl"
    entries = db.session.scalars(select(AccessLog).where(AccessLog.participant_id == person.id)).all()
    assert [(e.user_id, e.what) for e in entries] == [(team_lead.id, "placements export (CSV)")]


def _chart_data(page: str, chart_id: str) -> dict:
    import json
    import re

    return json.loads(re.search(rf'<script type="application/json" id="{chart_id}-data">(.*?)</script>', page,
                                re.S).group(1))


def test_the_dashboards_figures_lead_to_their_records_with_the_target_drawn(login, team, team_lead, specialist):
    colleague = factories.make_user(team=team, name="Olle Ordinarie")
    employer = factories.make_employer(team, stage="relationship", sni_code="56100")
    factories.make_placement(factories.make_participant(team, specialist), employer,
                             started_on=clock.today() - timedelta(days=3))
    lead_page = login(team_lead).get("/reports/?months=6").get_data(as_text=True)
    contacts = _chart_data(lead_page, "chart-contacts")
    assert contacts["target"] == 6 and len(contacts["labels"]) == 26  # six months in whole weeks
    by_name = {s["name"]: s for s in contacts["series"]}
    year, number, _ = clock.today().isocalendar()
    week = f"{year}-W{number:02d}"
    assert contacts["labels"][-1] == f"v. {number}"
    assert by_name["Sara Specialist"]["links"][-1] == f"/week/{specialist.id}?week={week}"
    stages = _chart_data(lead_page, "chart-stages")["series"][0]["links"]
    assert "/employers/?stage=relationship" in stages
    assert _chart_data(lead_page, "chart-industries")["series"][0]["links"] == ["/employers/?industry=56"]
    assert f'<a href="/week/{specialist.id}?week={week}">0</a>' in lead_page  # the table links too
    assert 'id="specialist"' in lead_page
    one = _chart_data(login(team_lead).get(f"/reports/?specialist={colleague.id}").get_data(as_text=True),
                      "chart-contacts")
    assert [s["name"] for s in one["series"]] == ["Olle Ordinarie"] and len(one["labels"]) == 13  # three months


def test_a_specialist_is_led_only_to_their_own_week(app, specialist, team):
    colleague = factories.make_user(team=team, name="Olle Ordinarie")
    client = app.test_client()
    client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    page = client.get(f"/reports/?specialist={colleague.id}&months=99").get_data(as_text=True)
    series = {s["name"]: s for s in _chart_data(page, "chart-contacts")["series"]}
    assert set(series) == {"Sara Specialist", "Olle Ordinarie"}  # no selector for a specialist: everyone shown
    assert all(series["Sara Specialist"]["links"]) and not any(series["Olle Ordinarie"]["links"])
    assert 'id="specialist"' not in page
