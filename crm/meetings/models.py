"""The employer-strategy meeting held every second week: its series, each meeting, and the actions decided."""
import enum
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from sqlalchemy import JSON, ForeignKey, Index, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db

FORTNIGHTLY = "FREQ=WEEKLY;INTERVAL=2"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    HELD = "held"


class MeetingSeries(db.Model):
    """A recurring meeting of one team; its dates are an RFC 5545 rule counted from `first_on`."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    first_on: Mapped[date]
    rrule: Mapped[str] = mapped_column(String(200), default=FORTNIGHTLY)
    starts_at: Mapped[time] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meetings: Mapped[list["Meeting"]] = relationship(back_populates="series", order_by="Meeting.held_on")

    def dates_between(self, start: date, end: date) -> list[date]:
        """The series' meeting dates from `start` to `end`, both included."""
        rule = rrulestr(self.rrule, dtstart=datetime.combine(self.first_on, time()))
        return [moment.date() for moment in rule.between(datetime.combine(start, time()),
                                                          datetime.combine(end, time()), inc=True)]

    def next_date(self, on_or_after: date) -> date | None:
        rule = rrulestr(self.rrule, dtstart=datetime.combine(self.first_on, time()))
        moment = rule.after(datetime.combine(on_or_after, time()) - timedelta(seconds=1))
        return moment.date() if moment else None


class Meeting(db.Model):
    """One meeting. The agenda is worked out live until the minutes are saved; from then on the
    saved snapshot is shown, so the record stays as the team saw it."""

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_series_held_on", "series_id", "held_on", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("meeting_series.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    held_on: Mapped[date]
    status: Mapped[MeetingStatus] = mapped_column(str_enum(MeetingStatus), default=MeetingStatus.PLANNED)
    minutes: Mapped[str | None] = mapped_column(Text)
    agenda_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    minutes_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    minutes_saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Each agenda item's decision, by section key, kept with the minutes.
    decisions: Mapped[dict[str, str] | None] = mapped_column(JSON)
    # What is typed while the meeting runs ({"minutes": ..., "decisions": {key: ...}}), kept on the server
    # whenever a form on the page is sent and periodically, until the minutes are saved.
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    draft_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    minutes_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    series: Mapped[MeetingSeries] = relationship(back_populates="meetings")
    minutes_saved_by = relationship("User")
    actions: Mapped[list["MeetingAction"]] = relationship(back_populates="meeting", order_by="MeetingAction.id",
                                                          cascade="all, delete-orphan",
                                                          foreign_keys="MeetingAction.meeting_id")

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.held_on}>"


class MeetingAction(db.Model):
    """A decision with an owner and a due date; it returns on every agenda until it is done."""

    __tablename__ = "meeting_actions"
    __table_args__ = (
        Index("ix_meeting_actions_team_open", "team_id", "done_on", "due_on"),
        Index("ix_meeting_actions_owner_open", "owner_id", "done_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    text: Mapped[str] = mapped_column(String(300))
    # The agenda item (section key) it was decided under; None for the meeting as a whole.
    section: Mapped[str | None] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    due_on: Mapped[date]
    # When the action concerns an employer it is also a next step in the contact log.
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"))
    next_step_id: Mapped[int | None] = mapped_column(ForeignKey("next_steps.id", ondelete="SET NULL"))
    done_on: Mapped[date | None]
    done_note: Mapped[str | None] = mapped_column(String(300))
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The latest meeting that reviewed it and carried it on to a new due date.
    carried_to_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    carried_count: Mapped[int] = mapped_column(default=0, server_default="0")

    meeting: Mapped[Meeting] = relationship(back_populates="actions", foreign_keys=[meeting_id])
    owner = relationship("User", foreign_keys=[owner_id])
    done_by = relationship("User", foreign_keys=[done_by_id])
    employer = relationship("Employer")
    next_step = relationship("NextStep")

    @property
    def finished_on(self) -> date | None:
        """Done here, or done as its next step in the contact log (whichever came first)."""
        step_done = self.next_step.done_on if self.next_step is not None else None
        return min(d for d in (self.done_on, step_done, date.max) if d is not None) if (
            self.done_on or step_done) else None

    def is_overdue(self, today: date) -> bool:
        return self.finished_on is None and self.due_on < today

    def __repr__(self) -> str:
        return f"<MeetingAction {self.id} due {self.due_on}>"
