"""Optimistic locking: a save based on an older version of a record is refused, not applied.

Records carry a `version` column (SQLAlchemy's version_id_col also guards the final UPDATE);
forms carry the version the user saw in a hidden field.
"""
from datetime import datetime

from .clock import utcnow
from .history import diff, history_of, record_change, snapshot


class EditConflict(Exception):
    """Someone saved the record after this user opened it; saving would overwrite their change."""

    def __init__(self, current: dict, changed_by, changed_at: datetime | None, version: int):
        super().__init__("edit conflict")
        self.current = current
        self.changed_by = changed_by
        self.changed_at = changed_at
        # What the form's hidden `version` carries from now on: the user has seen these changes,
        # so saving again goes through (crm.core.web.form_page puts it there).
        self.version = version


def check_version(record, fields, seen_version: int | None) -> None:
    if seen_version is None or seen_version == record.version:
        return
    latest = next(iter(history_of(record, limit=1)), None)
    raise EditConflict(snapshot(record, fields), latest.user if latest else None,
                       latest.changed_at if latest else None, record.version)


def seen_version(form) -> int | None:
    """The version the user's form was based on (its hidden `version` field)."""
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


def assign(record, fields, values: dict) -> None:
    """Set those of `fields` that `values` (a form's data) holds; an empty text is stored as None."""
    for name in fields:
        if name in values:
            setattr(record, name, None if values[name] == "" else values[name])


def apply_edit(record, fields, values: dict, user, seen_version: int | None, now: datetime | None = None) -> dict:
    """One edit of a versioned record: refused with EditConflict when someone saved since
    `seen_version`; otherwise applied, and written to the history when anything changed. The changes."""
    check_version(record, fields, seen_version)
    before = snapshot(record, fields)
    assign(record, fields, values)
    changes = diff(before, snapshot(record, fields))
    if changes:
        record.updated_at = now or utcnow()
        record_change(record, "updated", user, changes, now=record.updated_at)
    return changes
