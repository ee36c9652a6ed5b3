"""URL helpers: local redirect targets only, and record ids within range."""
from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter

MAX_RECORD_ID = 2**31 - 1  # what an id column holds (PostgreSQL's integer)


def safe_next(target: str | None) -> str | None:
    if not target:
        return None
    target = target.strip().replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


class RecordIdConverter(IntegerConverter):
    """`<int:…>` in URLs, bounded to what an id column holds: a larger number is a 404, not a
    database error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_RECORD_ID)
        super().__init__(url_map, *args, **kwargs)
