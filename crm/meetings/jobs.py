"""The meeting room's nudge rule: an action decided at a meeting reminds its owner as it falls due."""
from collections.abc import Iterator
from datetime import datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..core.clock import local_date
from ..extensions import db
from ..nudges.engine import Wanted, nudge_rule
from .models import MeetingAction

NOTICE_DAYS = 3  # the owner is reminded this many days before the due date, and until it is done


@nudge_rule("meeting_action_due", message=_l("Action from the employer-strategy meeting: %(what)s"),
            link=lambda nudge: url_for("meetings.actions") + f"#action-{nudge.subject_id}")
def meeting_action_due(now: datetime) -> Iterator[Wanted]:
    """Each open action due within NOTICE_DAYS (or overdue), to its owner. The due date is part of the
    cause; when the action is done, the rule stops wanting it and the nudge resolves. An action about an
    employer *is* that employer's next step, which reminds its owner (next_step_due): one task, one nudge."""
    rows = db.session.execute(
        select(MeetingAction.id, MeetingAction.owner_id, MeetingAction.team_id, MeetingAction.due_on,
               MeetingAction.text)
        .join(User, User.id == MeetingAction.owner_id)
        .where(MeetingAction.done_on.is_(None), MeetingAction.next_step_id.is_(None), User.active,
               MeetingAction.due_on <= local_date(now) + timedelta(days=NOTICE_DAYS))
    )
    for action_id, owner_id, team_id, due_on, text in rows:
        yield Wanted(owner_id, team_id, f"action:{action_id}:{due_on.isoformat()}", due_on, "meeting_action",
                     action_id, {"what": text})
