"""Saved searches, storing fetched ads as leads, and turning a lead into an opening or an employer."""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from ..contacts import services as contacts
from ..core.clock import local_date, utcnow
from ..employers import services as employers
from ..extensions import db
from ..openings import services as openings
from ..participants.models import JobPreferenceCode, JobPreferences, Participant, ParticipantStatus, PreferenceCodeKind
from ..reference import municipality_code, occupation_name
from .ads import Ad, MalformedAd, parse_ad
from .client import FetchFailed, JobSearchClient, Query
from .models import Lead, LeadSearch

log = logging.getLogger(__name__)
FIRST_STEP_DAYS = 3  # a new employer's first step "contact about …" falls due this many days on


@dataclass
class FetchResult:
    new: int = 0
    changed: int = 0
    closed: int = 0
    malformed: int = 0
    failed: str | None = None
    refused: bool = False  # the API refused this search's query; the others may still be fetched


def client_from_config() -> JobSearchClient:
    config = current_app.config
    return JobSearchClient(base_url=config["JOBSEARCH_URL"], user_agent=config["JOBSEARCH_USER_AGENT"],
                           timeout=config["JOBSEARCH_TIMEOUT"], retries=config["JOBSEARCH_RETRIES"],
                           backoff_seconds=config["JOBSEARCH_BACKOFF_SECONDS"])


# --- Saved searches ------------------------------------------------------------------------
def wanted_by_participants(team_id: int) -> tuple[list[str], list[str]]:
    """Occupations and municipality codes that the team's active participants want."""
    rows = db.session.execute(
        select(JobPreferenceCode.kind, JobPreferenceCode.code)
        .join(JobPreferences, JobPreferences.id == JobPreferenceCode.preferences_id)
        .join(Participant, Participant.id == JobPreferences.participant_id)
        .where(Participant.team_id == team_id, Participant.status == ParticipantStatus.ACTIVE,
               JobPreferenceCode.kind.in_([PreferenceCodeKind.OCCUPATION, PreferenceCodeKind.MUNICIPALITY]))
    ).all()
    occupations = sorted({code for kind, code in rows if kind == PreferenceCodeKind.OCCUPATION})
    places = sorted({c for kind, name in rows if kind == PreferenceCodeKind.MUNICIPALITY
                     if (c := municipality_code(name))})
    return occupations, places


def save_search(team, user, values: dict, search: LeadSearch | None = None, now: datetime | None = None) -> LeadSearch:
    now = now or utcnow()
    if search is None:
        search = LeadSearch(team_id=team.id, created_at=now)
        db.session.add(search)
    search.name = values["name"].strip()
    search.occupation_codes = " ".join(sorted(set(values.get("occupations") or ())))
    search.municipality_codes = " ".join(sorted(set(values.get("municipalities") or ())))
    search.free_text = (values.get("free_text") or "").strip() or None
    search.active = bool(values.get("active", True))
    search.updated_at, search.updated_by_id = now, user.id
    db.session.flush()
    return search


# --- Fetching ------------------------------------------------------------------------------
def fetch_search(search: LeadSearch, client: JobSearchClient, now: datetime) -> FetchResult:
    """Fetch one search and store its ads. Ads of this search not found again are closed, but only
    after a complete fetch: a fetch that failed half-way closes nothing."""
    result = FetchResult()
    query = Query(tuple(search.occupations), tuple(search.municipalities), search.free_text)
    seen: set[str] = set()
    try:
        for hits in client.pages(query):
            ads = _parse(search, hits, result)
            seen.update(ad.ad_id for ad in ads)
            _store(search, ads, now, result)
    except FetchFailed as problem:
        result.failed, result.refused = str(problem)[:300], problem.refused
        search.last_error = result.failed
        log.warning("lead search %s (team %s): fetch failed: %s", search.id, search.team_id, problem)
        db.session.flush()
        return result
    for lead in db.session.scalars(select(Lead).where(Lead.search_id == search.id, Lead.closed_at.is_(None))):
        if lead.ad_id not in seen:
            lead.closed_at = now
            result.closed += 1
    search.last_fetched_at, search.last_error = now, None
    db.session.flush()
    return result


def _parse(search: LeadSearch, hits: list, result: FetchResult) -> list[Ad]:
    """A page's ads; a malformed one is refused on its own, logged, and the rest are kept."""
    ads = []
    for hit in hits:
        try:
            ads.append(parse_ad(hit))
        except MalformedAd as problem:
            result.malformed += 1
            log.warning("lead search %s: ad %r refused (%s)", search.id,
                        hit.get("id") if isinstance(hit, dict) else None, problem)
    return ads


def _store(search: LeadSearch, ads: list[Ad], now: datetime, result: FetchResult) -> None:
    """One page of ads: the team's leads for them read in one query, written in one flush."""
    ids = {ad.ad_id for ad in ads}
    known = {lead.ad_id: lead for lead in db.session.scalars(
        select(Lead).where(Lead.team_id == search.team_id, Lead.ad_id.in_(ids)))} if ids else {}
    for ad in ads:
        lead = known.get(ad.ad_id)
        if ad.removed:
            if lead is not None and lead.closed_at is None:
                lead.closed_at = now
                result.closed += 1
            continue
        if lead is None:
            lead = known[ad.ad_id] = Lead(team_id=search.team_id, search_id=search.id, ad_id=ad.ad_id,
                                          first_seen_at=now)
            for name in Ad.FIELDS:
                setattr(lead, name, getattr(ad, name))
            db.session.add(lead)
            result.new += 1
        else:
            changed = [name for name in Ad.FIELDS if getattr(lead, name) != getattr(ad, name)]
            for name in changed:
                setattr(lead, name, getattr(ad, name))
            if changed or lead.closed_at is not None:  # an ad published again opens the lead again
                lead.changed_at, lead.closed_at = now, None
                result.changed += 1
            lead.search_id = lead.search_id or search.id
        lead.last_seen_at = now
    db.session.flush()


def fetch_all(now: datetime, client: JobSearchClient | None = None) -> dict[int, FetchResult]:
    """Every active search of every team, each in a savepoint of its own: an error in one is logged
    and leaves the others and the app unharmed. The scheduler commits once at the end, so its lock
    (a transaction-scoped advisory lock on PostgreSQL) holds for the whole run."""
    client = client or client_from_config()
    results = {}
    ids = db.session.scalars(select(LeadSearch.id).where(LeadSearch.active).order_by(LeadSearch.id)).all()
    for search_id in ids:
        try:
            with db.session.begin_nested():
                results[search_id] = fetch_search(db.session.get(LeadSearch, search_id), client, now)
        except Exception:  # a bad search must not stop the others
            log.exception("lead search %s: fetch stopped by an error", search_id)
            continue
        result = results[search_id]
        if result.failed and not result.refused:
            log.warning("JobSearch unreachable (%s); the other searches wait for the next run", result.failed)
            break
    return results


# --- From lead to register -----------------------------------------------------------------
def opening_values(lead: Lead) -> dict:
    return {"title": lead.headline[:200], "occupation_code": lead.occupation_code, "municipality": lead.municipality,
            "hours_min": lead.hours_min, "hours_max": lead.hours_max, "tasks": None, "competitive": True,
            "requires_disclosure": False}


def make_opening(lead: Lead, employer, user, now: datetime | None = None):
    """The ad becomes an opening at the employer already in the register (one step)."""
    opening = openings.create_opening(employer, user, opening_values(lead), now=now)
    lead.opening_id = opening.id
    db.session.flush()
    return opening


def make_employer(lead: Lead, team, user, now: datetime | None = None):
    """An unknown employer joins the register with the ad's name, number and municipality, and a first
    next step: contact them about the occupation the ad asks for."""
    now = now or utcnow()
    employer = employers.create_employer(team, user, {
        "name": lead.employer_name, "organisation_number": lead.organisation_number,
        "municipality": lead.municipality, "notes": _("Found through a job ad on %(source)s: %(url)s",
                                                      source=lead.source, url=lead.url or lead.ad_id)}, now=now)
    what = _("Contact about %(occupation)s", occupation=lead.occupation_label or lead.headline)[:300]
    contacts.add_next_step(employer, user, contacts.PlannedStep(
        what=what, due_on=local_date(now) + timedelta(days=FIRST_STEP_DAYS), owner_id=user.id), now=now)
    return employer


def occupation_of(lead: Lead, language: str) -> str | None:
    return occupation_name(lead.occupation_code, language) or lead.occupation_label
