"""The one place that reads the wall clock, so every rule can take `now` as a parameter."""
from datetime import UTC, date, datetime, time, timedelta
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


def local_date(value: datetime) -> date:
    """The Swedish calendar date of a UTC timestamp."""
    return as_utc(value).astimezone(LOCAL_TZ).date()


def local_midnight(day: date) -> datetime:
    """The UTC instant at which `day` begins in Sweden (for date-range queries on *_at columns)."""
    return datetime.combine(day, time(), LOCAL_TZ).astimezone(UTC)


def iso_week(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week that contains `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
