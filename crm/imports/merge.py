"""Merging two records of one employer: everything that names the merged record moves to the kept one.

What names an employer is found from the schema, not listed by hand: every column with a foreign key
to employers.id, in every room, today's and those added later. The merged record is archived, not
deleted: its own history stays readable under its old address and says where it went.
"""
from datetime import datetime

from sqlalchemy import (
    Column,
    Index,
    PrimaryKeyConstraint,
    Table,
    UniqueConstraint,
    and_,
    delete,
    exists,
    or_,
    select,
    update,
)

from ..core.clock import utcnow
from ..core.history import diff, record_change, snapshot
from ..employers.models import Employer
from ..employers.services import EDITABLE_FIELDS
from ..extensions import db
from ..nudges.models import LIVE_STATUSES, Nudge
from .models import DuplicateDismissal


class CannotMerge(Exception):
    """Two records that must not become one; `str(error)` is a key the view explains."""


def employer_references() -> list[tuple[Table, Column]]:
    """Every (table, column) whose foreign key points at employers.id."""
    employers = db.metadata.tables["employers"]
    return [(table, column) for table in db.metadata.sorted_tables for column in table.columns
            if any(fk.column is employers.c.id for fk in column.foreign_keys)]


def _unique_column_sets(table: Table, column: Column) -> list[list[Column]]:
    candidates = [c for c in table.constraints if isinstance(c, UniqueConstraint | PrimaryKeyConstraint)]
    candidates += [i for i in table.indexes if isinstance(i, Index) and i.unique]
    return [list(c.columns) for c in candidates if any(col is column for col in c.columns)]


def _move(table: Table, column: Column, from_id: int, to_id: int) -> int:
    """Point `column` at `to_id` instead of `from_id`. A row that would then break a unique rule
    (the kept employer already has the same tag, say) is the kept row's twin and is dropped."""
    for columns in _unique_column_sets(table, column):
        twin = table.alias("twin")
        same_rest = [twin.c[c.name] == c for c in columns if c is not column]
        twin_exists = exists(select(twin.c[column.name]).where(and_(twin.c[column.name] == to_id, *same_rest)))
        db.session.execute(delete(table).where(column == from_id, twin_exists))
    return db.session.execute(update(table).where(column == from_id).values({column.name: to_id})).rowcount


def merge_employers(kept: Employer, other: Employer, user, now: datetime | None = None) -> dict[str, int]:
    """Merge `other` into `kept`; return how many rows moved per table."""
    if kept.id == other.id:
        raise CannotMerge("same")
    if kept.team_id != other.team_id:
        raise CannotMerge("team")
    if kept.organisation_number and other.organisation_number:
        raise CannotMerge("numbers")  # two legal persons; the register keeps both
    now = now or utcnow()
    before = snapshot(kept, EDITABLE_FIELDS)
    if other.organisation_number:
        number, other.organisation_number = other.organisation_number, None
        db.session.flush()  # free the number first: it is unique per team
        kept.organisation_number = number
    for name in EDITABLE_FIELDS:
        if getattr(kept, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(kept, name, getattr(other, name))
    if other.notes and kept.notes and other.notes not in kept.notes:
        kept.notes = f"{kept.notes}\n\n{other.notes}"
    kept.updated_at, kept.updated_by_id = now, user.id
    other.archived_at = other.archived_at or now
    other.updated_at, other.updated_by_id = now, user.id
    changes = diff(before, snapshot(kept, EDITABLE_FIELDS))
    kept_id, other_id, kept_name, other_name, team_id = kept.id, other.id, kept.name, other.name, kept.team_id
    db.session.flush()

    # A pair ruled out as duplicates means nothing once one of the two is gone.
    db.session.execute(delete(DuplicateDismissal).where(
        (DuplicateDismissal.first_id == other_id) | (DuplicateDismissal.second_id == other_id)))
    moved = {}
    for table, column in employer_references():
        count = _move(table, column, other_id, kept_id)
        if count:
            moved[f"{table.name}.{column.name}"] = count
    moved["nudges"] = _move_nudges(team_id, other_id, kept_id, kept_name)
    db.session.expire_all()  # the bulk statements bypassed the objects in the session

    record_change(kept, "merged", user, {**changes, "merged_from": [None, other_name]}, now=now)
    record_change(other, "merged_into", user, {"merged_into": [None, kept_name]}, now=now)
    db.session.flush()
    return {name: count for name, count in moved.items() if count}


def _move_nudges(team_id: int, from_id: int, to_id: int, name: str) -> int:
    """Nudges name their employer by subject id or in their message parameters (JSON, so checked
    here rather than in SQL; a team has few live nudges)."""
    nudges = db.session.scalars(select(Nudge).where(Nudge.team_id == team_id, or_(
        Nudge.status.in_(LIVE_STATUSES), and_(Nudge.subject_type == "employer", Nudge.subject_id == from_id)))).all()
    moved = 0
    for nudge in nudges:
        named = nudge.subject_type == "employer" and nudge.subject_id == from_id
        if named:
            nudge.subject_id = to_id
        if (nudge.params or {}).get("employer_id") == from_id:
            nudge.params = {**nudge.params, "employer_id": to_id, "employer": name}
            named = True
        moved += named
    db.session.flush()
    return moved
