"""Optimistic locking: a save based on an older version of a record is refused, not applied.

Records carry a `version` column (SQLAlchemy's version_id_col also guards the final UPDATE);
forms carry the version the user saw in a hidden field, and a form sent without it is refused.
Two saves at the same moment both pass the check; the UPDATE of the later one then finds a newer
version (StaleDataError), and `flush_edit` turns that into the same EditConflict.
"""
from datetime import datetime

from sqlalchemy import false, inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import BadRequest

from ..extensions import db
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
    """Refuse an edit based on an older version (None: code that edits without a form, such as an import)."""
    if seen_version is None or seen_version == record.version:
        return
    raise _conflict(record, fields)


def _conflict(record, fields) -> EditConflict:
    latest = next(iter(history_of(record, limit=1)), None)
    return EditConflict(snapshot(record, fields), latest.user if latest else None,
                        latest.changed_at if latest else None, record.version)


def flush_edit(record, fields) -> None:
    """Write an edit now rather than at commit, so that losing a race with another save is an
    EditConflict showing the winner's changes (and the form keeps the user's input), not a 500.
    The race shows as StaleDataError (the UPDATE found a newer version) or, on SQLite, as a write
    refused because the other save committed first: either way the record's version tells."""
    based_on = record.version
    try:
        db.session.flush()
    except (StaleDataError, OperationalError):
        db.session.rollback()
        if db.session.get_bind().dialect.name == "sqlite":
            _wait_for_other_writer(record)
        if record.version == based_on:
            raise
        raise _conflict(record, fields) from None


def _wait_for_other_writer(record) -> None:
    """SQLite refuses the loser's write at once, while the winner has not committed yet: a write that
    matches no row, first in a new transaction, waits for the winner (busy timeout); then the
    record's version is the winner's."""
    column = inspect(record).mapper.version_id_col
    db.session.execute(column.table.update().where(false()).values({column.name: column}))


class MissingVersion(BadRequest):
    description = "The form was sent without the version of the record it edits."


def seen_version(form, required: bool = True) -> int | None:
    """The version the user's form was based on (its hidden `version` field); a form that must carry
    one and does not is refused (400), never saved unchecked. Read from what was sent, not from the
    record the form was filled from (which WTForms falls back to when the field is missing)."""
    try:
        return int(form.version.raw_data[0])
    except (TypeError, ValueError, IndexError):
        if required:
            raise MissingVersion() from None
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
    flush_edit(record, fields)
    return changes
