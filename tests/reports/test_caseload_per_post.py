"""Caseload per full-time post: the employment rate is set through the app, and the fidelity item scores the
largest caseload per full-time post, on the page and in the CSV, in Swedish number formats."""
import csv
import io
from decimal import Decimal

import pytest

from crm.extensions import db

from .. import factories

PERIOD = "start=2026-11-02&end=2026-11-15"


def _loaded(team, specialist, count):
    for _ in range(count):
        factories.make_participant(team, specialist)


def test_the_issues_example_21_and_10_scores_4(login, team, team_lead, specialist):
    _loaded(team, specialist, 21)
    _loaded(team, factories.make_user(team=team, name="Berit Bo"), 10)
    page = login(team_lead).get(f"/reports/fidelity?{PERIOD}").get_data(as_text=True)
    item = page[page.index('id="item-caseload"'):page.index('id="item-contact_frequency"')]
    assert '<span class="score score-4">4</span>' in item  # 21 > 20: not the 5 an average of 15,5 would give
    assert '<dd data-figure="value">21 <small>deltagare per heltidstjänst</small></dd>' in item
    assert '<td class="num" data-figure="team-average">15,5</td>' in item


def test_a_half_time_specialist_counts_per_full_time_post(login, team, team_lead, specialist):
    _loaded(team, specialist, 11)  # 11 at half time = 22 per full-time post
    _loaded(team, factories.make_user(team=team), 18)
    client = login(team_lead)
    response = client.post(f"/admin/users/{specialist.id}/employment", data={"percent": "50"})
    assert response.status_code == 302
    db.session.refresh(specialist)
    assert specialist.employment_fraction == Decimal("0.50")
    page = client.get(f"/reports/fidelity?{PERIOD}").get_data(as_text=True)
    item = page[page.index('id="item-caseload"'):page.index('id="item-contact_frequency"')]
    assert '<span class="score score-4">4</span>' in item
    assert '<dd data-figure="denominator">0,5 <small>' in item
    assert '<td class="num" data-figure="team-average">19,3</td>' in item  # 29 over 1,5 posts
    rows = list(csv.reader(io.StringIO(client.get(f"/reports/export/fidelity.csv?{PERIOD}").get_data(
        as_text=True).lstrip("\ufeff")), delimiter=";"))
    caseload = next(row for row in rows if row[0] == "Antal deltagare per arbetsspecialist")
    assert caseload[2:7] == ["22", "deltagare per heltidstjänst", "4", "11", "0,5"]
    # The caseload page warns by the same rule: 22 per full-time post is over the limit of 20.
    caseloads = client.get("/participants/").get_data(as_text=True)
    assert caseloads.count("Över teamets gräns") == 1


@pytest.mark.parametrize("role, own_team, status", [("admin", False, 200), ("team_lead", True, 200),
                                                    ("team_lead", False, 403), ("job_specialist", True, 403),
                                                    ("partner", False, 403)])
def test_who_sets_an_employment_rate(login, team, other_team, specialist, role, own_team, status):
    if role == "partner":
        user = factories.make_user("partner", partner_organisation=factories.make_partner_organisation())
    elif role == "admin":
        user = factories.make_user("admin")
    else:
        user = factories.make_user(role, team=team if own_team else other_team)
    client = login(user)
    assert client.get(f"/admin/users/{specialist.id}/employment").status_code == status
    assert client.post(f"/admin/users/{specialist.id}/employment", data={"percent": "80"}).status_code == (
        302 if status == 200 else 403)
    db.session.refresh(specialist)
    assert specialist.employment_fraction == (Decimal("0.80") if status == 200 else Decimal("1.00"))


def test_only_staff_have_an_employment_rate(login, admin, partner):
    assert login(admin).get(f"/admin/users/{partner.id}/employment").status_code == 403
    assert login(admin).get("/admin/users/999999/employment").status_code == 404


@pytest.mark.parametrize("typed", ["0", "101", "halv", ""])
def test_a_wrong_rate_is_refused_in_the_form(login, team_lead, specialist, typed):
    response = login(team_lead).post(f"/admin/users/{specialist.id}/employment", data={"percent": typed})
    assert response.status_code == 422
    db.session.refresh(specialist)
    assert specialist.employment_fraction == Decimal("1.00")
