"""The one place that reads the wall clock, so every rule can take `now` as a parameter."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Stockholm")


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """Today's date where the team works (Sweden), not in UTC."""
    return utcnow().astimezone(LOCAL_TZ).date()


def as_utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes even for timezone-aware columns; treat them as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
