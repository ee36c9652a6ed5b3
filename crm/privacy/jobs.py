"""Scheduled work of the privacy room: a monthly word to the admins when closed participants are past
their team's retention period (the list under Privacy is otherwise only seen when someone looks)."""
from datetime import datetime

from flask import render_template
from flask_babel import ngettext
from sqlalchemy import select

from ..auth.models import Role, User
from ..core.clock import local_date
from ..core.mail import compose, external_url, in_language_of, send_once
from ..core.scheduler import scheduled_job
from ..extensions import db
from . import services


@scheduled_job("privacy.retention_reminder", cron={"day": 1, "hour": 7, "minute": 0}, once_per_day=True)
def remind_of_retention(now: datetime) -> int:
    """E-mail every active admin how many closed participants are due for review: a number and a
    link, never a name (e-mail leaves the app). The number of e-mails sent."""
    _due, total = services.retention_due(local_date(now), limit=0)
    if not total:
        return 0
    admins = db.session.scalars(select(User).where(User.role == Role.ADMIN, User.active)).all()
    messages = []
    for admin in admins:
        with in_language_of(admin):
            subject = ngettext("%(num)s closed participant is past the retention period",
                               "%(num)s closed participants are past the retention period", total)
            body = render_template("privacy/retention_reminder.txt", user=admin, total=total,
                                   url=external_url("/privacy/"))
        messages.append(compose(admin.email, subject, body, now))
    return send_once("retention", local_date(now).isoformat(), messages, now)
