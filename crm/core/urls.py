"""URL helpers: local redirect targets only, and query arguments and record ids within range.

Every view reads `request.args` through the `arg_*` helpers: an unreadable value means the default,
a value out of range is a 404 (ids, pages) or a 400 (dates), never a database error or an overflow.
"""
from datetime import date
from urllib.parse import urlsplit

from flask import abort, request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

MAX_RECORD_ID = 2**31 - 1  # what an id column holds (PostgreSQL's integer)
MAX_PAGE = 100_000  # far past the end of any list
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2100, 12, 31)
CONTROL_CHARACTERS = frozenset(map(chr, [*range(32), 127]))


def safe_next(target: str | None) -> str | None:
    """A path on this site to go back to; anything else (another host, CR/LF, NUL) is refused."""
    if not target or CONTROL_CHARACTERS.intersection(target.strip()):
        return None
    target = target.strip().replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def arg_int(name: str, default: int | None = None, *, low: int = 1, high: int = MAX_RECORD_ID,
            or_404: bool = True) -> int | None:
    """An integer argument such as a record id: missing or unreadable is `default`, out of range a 404
    (or `default` where it only suggests a value, as a link that preselects an employer)."""
    value = request.args.get(name, type=int)
    if value is None:
        return default
    if not low <= value <= high:
        if or_404:
            abort(404)
        return default
    return value


def arg_page(name: str = "page") -> int:
    """A page number: unreadable or below 1 is the first page, beyond any list a 404."""
    return max(1, arg_int(name, 1, low=-MAX_PAGE, high=MAX_PAGE))


def within(day: date) -> date:
    """`day` if it lies in the years the app handles (1900–2100), else a 400."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        abort(400, _("Dates must lie between %(first)s and %(last)s.", first=EARLIEST_DATE.year,
                     last=LATEST_DATE.year))
    return day


def arg_date(name: str) -> date | None:
    """An ISO date argument (2026-12-05): unreadable is None, outside 1900–2100 a 400."""
    try:
        day = date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None
    return within(day)


def arg_week(name: str = "week") -> date | None:
    """The Monday of an ISO week argument (2026-W48): unreadable is None, outside 1900–2100 a 400."""
    try:
        year, week_no = request.args.get(name, "").split("-W")
        return within(date.fromisocalendar(int(year), int(week_no), 1))
    except ValueError:
        return None


class RecordIdConverter(IntegerConverter):
    """`<int:…>` in URLs, bounded to what an id column holds: a larger number is a 404, not a
    database error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_RECORD_ID)
        super().__init__(url_map, *args, **kwargs)
