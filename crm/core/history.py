"""Who changed what and when, for any record that keeps a history (employers, later others)."""
import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .clock import utcnow
from .models import UTCDateTime

ACTION_LABELS = {
    "created": _l("created the record"),
    "updated": _l("changed"),
    "archived": _l("archived the record"),
    "restored": _l("restored the record"),
    "person_saved": _l("saved a contact person"),
    "person_removed": _l("removed a contact person"),
    "merged": _l("merged a duplicate into this record"),
    "merged_into": _l("merged this record into another"),
    "imported": _l("imported the record from a spreadsheet"),
    "stage_changed": _l("changed the stage"),
    "corrected": _l("corrected the entry"),
}


class RecordChange(db.Model):
    __tablename__ = "record_changes"
    __table_args__ = (Index("ix_record_changes_entity", "entity_type", "entity_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # created, updated, archived, restored, merged …
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


def snapshot(obj, fields) -> dict[str, Any]:
    """The values of `fields` in a JSON-friendly form, for comparing before and after an edit."""
    return {name: _unwrap(getattr(obj, name)) for name in fields}


def _unwrap(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _plain(value: Any) -> Any:
    """Dates and times as ISO text, decimals as numbers: what the JSON history can hold."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def diff(before: dict[str, Any], after: dict[str, Any], prefix: str = "") -> dict[str, list]:
    """{field: [old, new]} for the fields whose value changed."""
    keys = before.keys() | after.keys()
    return {prefix + k: [_plain(before.get(k)), _plain(after.get(k))]
            for k in sorted(keys) if before.get(k) != after.get(k)}


def record_change(entity, action: str, user, changes: dict | None = None, now=None) -> RecordChange:
    entry = RecordChange(
        entity_type=entity.__tablename__,
        entity_id=entity.id,
        action=action,
        changes=changes or {},
        user_id=user.id if user is not None else None,
        changed_at=now or utcnow(),
    )
    db.session.add(entry)
    return entry


def history_of(entity, limit: int = 50) -> list[RecordChange]:
    return db.session.scalars(
        select(RecordChange)
        .where(RecordChange.entity_type == entity.__tablename__, RecordChange.entity_id == entity.id)
        .options(db.joinedload(RecordChange.user))
        .order_by(RecordChange.changed_at.desc(), RecordChange.id.desc())
        .limit(limit)
    ).all()
