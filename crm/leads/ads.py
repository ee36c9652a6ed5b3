"""An ad from the JobSearch API in the fields a lead keeps: read defensively, one ad at a time, so
that a malformed ad is refused alone and the rest of the page is stored."""
import re
from dataclasses import dataclass
from datetime import date, datetime

from ..core.clock import LOCAL_TZ, as_utc, local_date
from ..employers.orgnr import InvalidOrganisationNumber, normalise
from ..reference import municipality_codes

FULL_TIME_HOURS = 40
_SSYK = re.compile(r"^\d{4}$")


class MalformedAd(ValueError):
    """The ad lacks what a lead needs (an id, a headline, an employer); str() says what."""


@dataclass(frozen=True)
class Ad:
    ad_id: str
    headline: str
    employer_name: str
    organisation_number: str | None
    occupation_code: str | None
    occupation_label: str | None
    municipality_code: str | None
    municipality: str | None
    hours_min: int | None
    hours_max: int | None
    working_hours: str | None
    duration: str | None
    url: str | None
    published_at: datetime | None
    deadline_on: date | None
    removed: bool

    FIELDS = ("headline", "employer_name", "organisation_number", "occupation_code", "occupation_label",
              "municipality_code", "municipality", "hours_min", "hours_max", "working_hours", "duration",
              "url", "published_at", "deadline_on")


def _obj(hit: dict, name: str) -> dict:
    value = hit.get(name)
    return value if isinstance(value, dict) else {}


def _text(value, length: int) -> str | None:
    return " ".join(value.split())[:length] or None if isinstance(value, str) else None


def organisation_number(raw) -> str | None:
    """NNNNNN-NNNN, or None when missing or invalid, or a sole trader's personal identity number
    (personal data the register must not hold)."""
    if not isinstance(raw, str | int):
        return None
    try:
        return normalise(str(raw))
    except InvalidOrganisationNumber:
        return None


def _timestamp(value) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:  # the API gives Swedish local time without an offset
        parsed = parsed.replace(tzinfo=LOCAL_TZ)
    return as_utc(parsed)


def _hours(percent) -> int | None:
    if isinstance(percent, int | float) and not isinstance(percent, bool) and 0 < percent <= 100:
        return round(percent * FULL_TIME_HOURS / 100)
    return None


def parse_ad(hit) -> Ad:
    if not isinstance(hit, dict):
        raise MalformedAd("not an object")
    ad_id = hit.get("id")
    if not isinstance(ad_id, str | int) or not str(ad_id).strip():
        raise MalformedAd("no id")
    headline = _text(hit.get("headline"), 300)
    if not headline:
        raise MalformedAd("no headline")
    employer = _obj(hit, "employer")
    employer_name = _text(employer.get("name"), 200) or _text(employer.get("workplace"), 200)
    if not employer_name:
        raise MalformedAd("no employer")
    group = _obj(hit, "occupation_group")
    code = group.get("legacy_ams_taxonomy_id")
    code = str(code) if isinstance(code, str | int) and _SSYK.match(str(code)) else None
    place = _obj(hit, "workplace_address")
    municipality_code = place.get("municipality_code")
    municipality_code = municipality_code if municipality_code in municipality_codes() else None
    municipality = (municipality_codes().get(municipality_code) if municipality_code
                    else _text(place.get("municipality"), 80))
    scope = _obj(hit, "scope_of_work")
    deadline = _timestamp(hit.get("application_deadline"))
    return Ad(
        ad_id=str(ad_id).strip()[:40], headline=headline, employer_name=employer_name,
        organisation_number=organisation_number(employer.get("organization_number")),
        occupation_code=code, occupation_label=_text(group.get("label"), 200),
        municipality_code=municipality_code, municipality=municipality,
        hours_min=_hours(scope.get("min")), hours_max=_hours(scope.get("max")),
        working_hours=_text(_obj(hit, "working_hours_type").get("label"), 80),
        duration=_text(_obj(hit, "duration").get("label"), 120),
        url=_text(hit.get("webpage_url"), 500),
        published_at=_timestamp(hit.get("publication_date")),
        deadline_on=local_date(deadline) if deadline else None,
        removed=hit.get("removed") is True,
    )
