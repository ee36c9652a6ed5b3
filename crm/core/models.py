"""Column helpers shared by the models of every room."""
from datetime import datetime

from sqlalchemy import DateTime, Enum, TypeDecorator

from .clock import as_utc


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every backend (SQLite stores no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect):
        return None if value is None else as_utc(value)


def str_enum(enum_class) -> Enum:
    """A Python StrEnum stored as its plain string values (portable; no native database enum)."""
    values = [member.value for member in enum_class]
    return Enum(enum_class, native_enum=False, length=max(20, *map(len, values)), values_callable=lambda _: values)
