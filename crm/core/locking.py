"""Optimistic locking: a save based on an older version of a record is refused, not applied.

Records carry a `version` column (SQLAlchemy's version_id_col also guards the final UPDATE);
forms carry the version the user saw in a hidden field.
"""
from datetime import datetime

from .history import history_of, snapshot


class EditConflict(Exception):
    """Someone saved the record after this user opened it; saving would overwrite their change."""

    def __init__(self, current: dict, changed_by, changed_at: datetime | None):
        super().__init__("edit conflict")
        self.current = current
        self.changed_by = changed_by
        self.changed_at = changed_at


def check_version(record, fields, seen_version: int | None) -> None:
    if seen_version is None or seen_version == record.version:
        return
    latest = next(iter(history_of(record, limit=1)), None)
    raise EditConflict(snapshot(record, fields), latest.user if latest else None,
                       latest.changed_at if latest else None)


def seen_version(form) -> int | None:
    """The version the user's form was based on (its hidden `version` field)."""
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None
