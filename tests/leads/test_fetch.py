"""The scheduled fetch against recorded answers: paging, changed and closed ads, joining by
organisation number, malformed ads refused one by one, errors survived, and no duplicates."""
import logging
from datetime import UTC, date, datetime

from sqlalchemy import select

from crm.extensions import db
from crm.leads import services
from crm.leads.models import Lead, LeadSearch

from .. import factories
from ..statements import counting

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


def _search(team, **values):
    return services.save_search(team, factories.make_user(role="team_lead", team=team), {
        "name": "Kök i Nyköping", "occupations": ["5120", "9412"], "municipalities": ["0480"], **values}, now=NOW)


def _three_pages(jobsearch):
    jobsearch.pages.update({0: "search_page1.json", 2: "search_page2.json", 4: "search_page3.json"})


def _leads(team):
    return {lead.ad_id: lead for lead in db.session.scalars(select(Lead).where(Lead.team_id == team.id))}


def test_pages_through_the_search_politely_and_stores_the_ads(team, jobsearch, caplog):
    search = _search(team, free_text="kock")
    _three_pages(jobsearch)
    with caplog.at_level(logging.WARNING, logger="crm.leads.services"):
        result = services.fetch_search(search, jobsearch.client, NOW)

    assert [r["params"]["offset"] for r in jobsearch.requests] == [["0"], ["2"], ["4"]]
    first = jobsearch.requests[0]
    assert first["path"] == "/search"
    assert first["params"]["occupation-group"] == ["5120", "9412"]
    assert first["params"]["municipality"] == ["0480"]
    assert first["params"]["q"] == ["kock"] and first["params"]["limit"] == ["2"]
    assert first["user_agent"] == "ips-crm-test"
    assert jobsearch.sleeps == [0.5, 0.5]  # a pause between pages
    assert (result.new, result.changed, result.closed, result.malformed, result.failed) == (4, 0, 0, 1, None)
    assert "ad '29000004' refused (no headline)" in caplog.text

    leads = _leads(team)
    assert sorted(leads) == ["29000001", "29000002", "29000003", "29000005"]
    cook = leads["29000001"]
    assert (cook.headline, cook.employer_name, cook.organisation_number) == (
        "Kock till lunchrestaurang", "Bageriet i Nyköping AB", "556677-8899")
    assert (cook.occupation_code, cook.municipality_code, cook.municipality) == ("5120", "0480", "Nyköping")
    assert (cook.hours_min, cook.hours_max, cook.working_hours) == (40, 40, "Heltid")
    assert cook.deadline_on == date(2026, 12, 20)
    assert cook.url == "https://arbetsformedlingen.se/platsbanken/annonser/29000001"
    assert leads["29000002"].organisation_number == "556016-0680"
    assert (leads["29000002"].hours_min, leads["29000002"].hours_max) == (20, 30)
    # A sole trader's personal identity number is personal data: never kept.
    assert leads["29000003"].organisation_number is None
    # Partial ads are kept with what they have.
    partial = leads["29000005"]
    assert (partial.organisation_number, partial.municipality_code, partial.municipality) == (None, None, "Okänd")
    assert (partial.hours_min, partial.deadline_on) == (None, None)
    assert search.last_fetched_at == NOW and search.last_error is None


def test_nothing_of_the_ads_contact_persons_is_kept(team, jobsearch):
    _three_pages(jobsearch)
    services.fetch_search(_search(team), jobsearch.client, NOW)
    columns = [c.name for c in Lead.__table__.columns]
    values = " ".join(str(getattr(lead, c)) for lead in _leads(team).values() for c in columns)
    assert "Karin" not in values and "070-123" not in values and "rekrytering@" not in values


def test_a_refetch_updates_changed_ads_closes_gone_and_removed_ones_and_never_duplicates(team, jobsearch):
    search = _search(team)
    _three_pages(jobsearch)
    services.fetch_search(search, jobsearch.client, NOW)
    again = services.fetch_search(search, jobsearch.client, NOW)
    assert (again.new, again.changed, again.closed) == (0, 0, 0)
    assert len(_leads(team)) == 4

    jobsearch.pages.clear()
    jobsearch.pages[0] = "search_refetch.json"
    result = services.fetch_search(search, jobsearch.client, LATER)

    leads = _leads(team)
    assert len(leads) == 4
    assert (result.new, result.changed, result.closed) == (0, 1, 3)
    cook = leads["29000001"]
    assert cook.headline == "Kock till lunchrestaurang, 2 tjänster"
    assert (cook.deadline_on, cook.changed_at, cook.closed_at, cook.first_seen_at) == (
        date(2026, 12, 27), LATER, None, NOW)
    assert {ad for ad, lead in leads.items() if lead.closed_at == LATER} == {"29000002", "29000003", "29000005"}


def test_the_same_ad_found_by_two_searches_is_one_lead(team, jobsearch):
    _three_pages(jobsearch)
    services.fetch_search(_search(team), jobsearch.client, NOW)
    services.fetch_search(_search(team, name="Samma igen"), jobsearch.client, NOW)
    assert len(_leads(team)) == 4


def test_http_errors_are_retried_with_back_off_then_the_search_is_left_as_it_was(team, jobsearch, caplog):
    search = _search(team)
    _three_pages(jobsearch)
    services.fetch_search(search, jobsearch.client, NOW)
    jobsearch.pages[2] = 503
    jobsearch.requests.clear()
    jobsearch.sleeps.clear()

    with caplog.at_level(logging.WARNING):
        result = services.fetch_search(search, jobsearch.client, LATER)

    assert [r["params"]["offset"] for r in jobsearch.requests] == [["0"], ["2"], ["2"], ["2"]]
    assert jobsearch.sleeps == [0.5, 2, 4]  # the page pause, then doubling back-off
    assert result.failed == "HTTP 503" and search.last_error == "HTTP 503"
    assert search.last_fetched_at == NOW
    assert not any(lead.closed_at for lead in _leads(team).values())  # a half fetch closes nothing
    assert "fetch failed: HTTP 503" in caplog.text


def test_a_client_error_is_not_retried(team, jobsearch):
    jobsearch.pages[0] = 400
    result = services.fetch_search(_search(team), jobsearch.client, NOW)
    assert result.failed == "HTTP 400" and len(jobsearch.requests) == 1


def test_a_timeout_is_survived(team, jobsearch):
    jobsearch.pages[0] = "slow"
    jobsearch.client.retries = 1
    result = services.fetch_search(_search(team), jobsearch.client, NOW)
    assert result.failed.startswith("TimeoutError") or "timed out" in result.failed
    assert _leads(team) == {}


def test_the_job_logs_an_unreachable_api_and_the_app_works_on(app, team, specialist, login, caplog):
    _search(team)
    with caplog.at_level(logging.WARNING):
        results = services.fetch_all(NOW)  # the test config points at a closed local port
    (result,) = results.values()
    assert result.failed and "fetch failed" in caplog.text
    assert login(specialist).get("/leads/").status_code == 200


def test_a_paused_search_is_not_fetched(team, jobsearch):
    _search(team, active=False)
    assert services.fetch_all(NOW, jobsearch.client) == {}
    assert jobsearch.requests == []


def test_the_job_is_registered_with_the_scheduler():
    from crm.core.scheduler import load_jobs

    job = load_jobs()["leads.fetch"]
    assert job.cron == {"hour": "6,11,15", "minute": 40}
    assert db.session.scalar(select(LeadSearch.id)) is None


def test_an_error_in_one_search_leaves_the_others(team, jobsearch, monkeypatch, caplog):
    broken, good = _search(team, name="Trasig"), _search(team, name="Hel")
    _three_pages(jobsearch)
    real = services.fetch_search

    def fetch(search, client, now):
        if search.id == broken.id:
            search.name = "ändrad mitt i"
            raise RuntimeError("boom")
        return real(search, client, now)

    monkeypatch.setattr(services, "fetch_search", fetch)
    with caplog.at_level(logging.ERROR):
        results = services.fetch_all(NOW, jobsearch.client)
    assert list(results) == [good.id] and results[good.id].new == 4
    db.session.refresh(broken)
    assert broken.name == "Trasig"  # its savepoint was rolled back
    assert f"lead search {broken.id}: fetch stopped by an error" in caplog.text


def test_a_page_of_ads_is_read_and_written_in_a_fixed_number_of_statements(team, jobsearch):
    """Three pages of two ads: each page one lookup of the team's leads and one insert, whatever its size."""
    search = _search(team)
    _three_pages(jobsearch)
    with counting() as statements:
        services.fetch_search(search, jobsearch.client, NOW)
    lookups = [s for s in statements["sql"] if s.startswith("SELECT") and "FROM leads" in s]
    assert len(lookups) == 3 + 1  # a lookup per page, then the search's open leads to close the gone ones


def test_a_refused_query_lets_the_other_searches_run_but_an_unreachable_api_stops_them(team, jobsearch):
    first, second = _search(team, name="A"), _search(team, name="B")
    jobsearch.pages[0] = 400
    results = services.fetch_all(NOW, jobsearch.client)
    assert set(results) == {first.id, second.id} and len(jobsearch.requests) == 2
    jobsearch.requests.clear()
    jobsearch.pages[0] = 503
    results = services.fetch_all(NOW, jobsearch.client)
    assert list(results) == [first.id] and len(jobsearch.requests) == 3  # three tries, then the run stops
