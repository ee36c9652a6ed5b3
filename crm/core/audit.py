"""The access log: who saw or changed a participant's record, when, and what (field names, never values).

Participants have a right to know who has read about them (GDPR art. 15, the Patient Data Act's
spirit), so every view and change is written here in the same transaction as the request.
"""
import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, insert, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .clock import utcnow
from .models import UTCDateTime, str_enum


class AuditAction(enum.StrEnum):
    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    AUDIT_VIEW = "audit_view"  # reading the log is itself logged


AUDIT_ACTION_LABELS = {
    AuditAction.VIEW: _l("viewed"),
    AuditAction.CREATE: _l("created"),
    AuditAction.UPDATE: _l("changed"),
    AuditAction.DELETE: _l("removed"),
    AuditAction.AUDIT_VIEW: _l("read the audit trail"),
}


class AccessLog(db.Model):
    __tablename__ = "access_logs"
    __table_args__ = (Index("ix_access_logs_participant_at", "participant_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    action: Mapped[AuditAction] = mapped_column(str_enum(AuditAction))
    # What was seen or changed, as page or field names: never the personal data itself.
    what: Mapped[str] = mapped_column(String(200))

    user = relationship("User")

    @property
    def action_label(self) -> str:
        return AUDIT_ACTION_LABELS[self.action]


def audit(user, participant, action: AuditAction | str, what: str, now: datetime | None = None) -> AccessLog:
    entry = AccessLog(user_id=user.id if user is not None else None, participant_id=participant.id,
                      action=AuditAction(action), what=what[:200], at=now or utcnow())
    db.session.add(entry)
    return entry


def audit_each(user, participants, action: AuditAction | str, what: str, now: datetime | None = None) -> None:
    """One entry per participant, written as one statement (a report or an export names many)."""
    at = now or utcnow()
    rows = [{"user_id": user.id if user is not None else None, "participant_id": participant.id,
             "action": AuditAction(action), "what": what[:200], "at": at} for participant in participants]
    if rows:
        db.session.execute(insert(AccessLog), rows)


def audit_trail(participant_id: int, limit: int = 500) -> list[AccessLog]:
    return db.session.scalars(
        select(AccessLog)
        .where(AccessLog.participant_id == participant_id)
        .options(db.joinedload(AccessLog.user))
        .order_by(AccessLog.at.desc(), AccessLog.id.desc())
        .limit(limit)
    ).all()
