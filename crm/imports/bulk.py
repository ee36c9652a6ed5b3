"""Bulk edit from the employer list: one statement per change over the chosen employers, and one
history entry per employer that changed (inserted in bulk).

The employers are always given as a query of ids and restricted to the team here again, so that
neither a hand-made list of ids nor a stale filter reaches another team's records.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, delete, insert, literal, or_, select, update

from ..core.clock import utcnow
from ..core.history import RecordChange
from ..employers.models import Employer, Stage, Tag, employer_tags
from ..extensions import db


@dataclass(frozen=True)
class BulkChange:
    stage: Stage | None = None
    specialist_id: int | None = None
    add_tag: str | None = None
    remove_tag_id: int | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.stage, self.specialist_id, self.add_tag, self.remove_tag_id))


def _chosen(team_id: int, ids: Select):
    return Employer.id.in_(select(Employer.id).where(Employer.team_id == team_id, Employer.id.in_(ids)))


def _has_tag(tag_id: int):
    return Employer.id.in_(select(employer_tags.c.employer_id).where(employer_tags.c.tag_id == tag_id))


def _find_tag(team_id: int, name: str) -> Tag | None:
    return db.session.scalar(select(Tag).where(Tag.team_id == team_id, Tag.name == name))


def _would_change(team_id: int, ids: Select, change: BulkChange) -> dict[str, Select]:
    """Per change, the ids of the chosen employers it changes (with their current value)."""
    chosen = _chosen(team_id, ids)
    queries = {}
    if change.stage is not None:
        queries["stage"] = select(Employer.id, Employer.stage).where(chosen, Employer.stage != change.stage)
    if change.specialist_id is not None:
        queries["responsible_specialist_id"] = select(Employer.id, Employer.responsible_specialist_id).where(
            chosen, or_(Employer.responsible_specialist_id.is_(None),
                        Employer.responsible_specialist_id != change.specialist_id))
    if change.add_tag is not None:
        tag = _find_tag(team_id, change.add_tag)
        queries["add_tag"] = select(Employer.id, literal(None)).where(chosen, *([~_has_tag(tag.id)] if tag else []))
    if change.remove_tag_id is not None:
        name = db.session.scalar(select(Tag.name).where(Tag.id == change.remove_tag_id, Tag.team_id == team_id))
        queries["remove_tag"] = select(Employer.id, literal(name)).where(chosen, _has_tag(change.remove_tag_id))
    return queries


def count_changes(team_id: int, ids: Select, change: BulkChange) -> tuple[int, int]:
    """(employers chosen, employers that the change would change) for the confirmation."""
    chosen = db.session.scalar(select(db.func.count()).where(_chosen(team_id, ids)))
    changing: set[int] = set()
    for query in _would_change(team_id, ids, change).values():
        changing.update(db.session.scalars(query.with_only_columns(Employer.id)))
    return chosen, len(changing)


def apply_bulk(team_id: int, user, ids: Select, change: BulkChange, now: datetime | None = None) -> int:
    """Apply `change` to the chosen employers of the team; return how many employers changed."""
    now = now or utcnow()
    history: dict[int, dict] = {}
    for kind, query in _would_change(team_id, ids, change).items():
        rows = db.session.execute(query).all()  # (id, value before) of each employer that changes
        if not rows:
            continue
        changed = query.with_only_columns(Employer.id)
        if kind == "stage":
            _update(changed, now, user, stage=change.stage)
            key, new = "stage", change.stage.value
        elif kind == "responsible_specialist_id":
            _update(changed, now, user, responsible_specialist_id=change.specialist_id)
            key, new = kind, change.specialist_id
        elif kind == "add_tag":
            tag = _find_tag(team_id, change.add_tag) or _new_tag(team_id, change.add_tag)
            db.session.execute(insert(employer_tags).from_select(
                ["employer_id", "tag_id"], select(Employer.id, literal(tag.id)).where(Employer.id.in_(changed))))
            key, new = "tags", tag.name
        else:
            db.session.execute(delete(employer_tags).where(employer_tags.c.tag_id == change.remove_tag_id,
                                                           employer_tags.c.employer_id.in_(changed)))
            key, new = "tags", None
        for employer_id, old in rows:
            history.setdefault(employer_id, {})[key] = [getattr(old, "value", old), new]
    if history:
        db.session.execute(insert(RecordChange), [
            {"entity_type": Employer.__tablename__, "entity_id": employer_id, "action": "updated",
             "changes": changes, "user_id": user.id, "changed_at": now} for employer_id, changes in history.items()])
    db.session.expire_all()  # the bulk statements bypassed the objects in the session
    return len(history)


def _update(ids: Select, now: datetime, user, **values) -> None:
    """One UPDATE for every chosen employer; the version moves on, so an edit form opened before
    the bulk change is refused instead of silently undoing it."""
    db.session.execute(
        update(Employer).where(Employer.id.in_(ids))
        .values(**values, updated_at=now, updated_by_id=user.id, version=Employer.version + 1)
        .execution_options(synchronize_session=False))


def _new_tag(team_id: int, name: str) -> Tag:
    tag = Tag(team_id=team_id, name=name)
    db.session.add(tag)
    db.session.flush()
    return tag
