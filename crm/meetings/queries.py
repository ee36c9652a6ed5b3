"""Reads for the meeting pages, each a bounded number of queries."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from .models import Meeting, MeetingAction, MeetingSeries

RECENT_MEETINGS = 12  # the list shows the latest; older minutes stay reachable by their address


def team_series(team_id: int) -> list[MeetingSeries]:
    return db.session.scalars(select(MeetingSeries).where(MeetingSeries.team_id == team_id)
                              .order_by(MeetingSeries.id)).all()


def recent_meetings(team_id: int, limit: int = RECENT_MEETINGS) -> list[Meeting]:
    return db.session.scalars(
        select(Meeting).where(Meeting.team_id == team_id).options(joinedload(Meeting.series))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(limit)).all()


def meeting_detail(meeting_id: int) -> Meeting | None:
    return db.session.scalar(
        select(Meeting).where(Meeting.id == meeting_id)
        .options(joinedload(Meeting.series), joinedload(Meeting.minutes_saved_by),
                 selectinload(Meeting.actions).options(joinedload(MeetingAction.owner),
                                                       joinedload(MeetingAction.employer),
                                                       joinedload(MeetingAction.next_step),
                                                       joinedload(MeetingAction.done_by))))


def action_detail(action_id: int) -> MeetingAction | None:
    return db.session.scalar(select(MeetingAction).where(MeetingAction.id == action_id)
                             .options(joinedload(MeetingAction.next_step), joinedload(MeetingAction.meeting)))


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The series' meeting after this one, once planned (saving the minutes plans it)."""
    return db.session.scalar(select(Meeting).where(Meeting.series_id == meeting.series_id,
                                                   Meeting.held_on > meeting.held_on)
                             .order_by(Meeting.held_on).limit(1))
