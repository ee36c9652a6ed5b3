"""Follow-up contacts in the user's calendar feed: what is owed now and what is planned ahead."""
from collections.abc import Iterator
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _

from ..calendar.sources import AHEAD_DAYS, FeedEvent, feed_source
from ..core.formats import day_date
from . import queries, schedule
from .models import Audience


@feed_source("followups")
def followups(user, today: date) -> Iterator[FeedEvent]:
    """Planned follow-ups of the user's participants for the next 90 days; what is overdue shows once
    per audience on today, so it is not lost in the past. First name and initial only, never notes."""
    for plan in queries.active_plans(specialist_id=user.id):
        placement = plan.placement
        names = {"participant": placement.participant.short_name, "employer": placement.workplace_name}
        overdue_shown = set()
        for occurrence in schedule.open_occurrences(plan, today + timedelta(days=AHEAD_DAYS)):
            if occurrence.audience == Audience.EMPLOYEE:
                summary = _("Follow-up: %(participant)s (%(employer)s)", **names)
            else:
                summary = _("Follow-up: supervisor at %(employer)s (%(participant)s)", **names)
            on = occurrence.due_on
            if occurrence.is_overdue(today):
                if occurrence.audience in overdue_shown:
                    continue
                overdue_shown.add(occurrence.audience)
                summary = _("%(summary)s, overdue since %(date)s", summary=summary, date=day_date(on))
                on = today
            yield FeedEvent(
                uid=f"followup-{plan.id}-{occurrence.audience.value}-{occurrence.due_on:%Y%m%d}",
                starts=on, ends=on + timedelta(days=1), summary=summary,
                url=url_for("followup.plan", placement_id=plan.placement_id, _external=True))
