"""The daily digest: one e-mail per staff member with open nudges, in their language (crm.core.mail
sends it, or writes it to the outbox folder)."""
from datetime import datetime
from email.message import EmailMessage

from flask import render_template
from flask_babel import ngettext

from ..core.clock import local_date
from ..core.mail import compose, external_url, in_language_of, send_once
from . import engine, queries


def send_digests(now: datetime) -> int:
    """Build and send today's digests to those who have not had theirs; the number of e-mails sent."""
    today = local_date(now)
    messages = [_message(user, nudges, now) for user, nudges in queries.digest_recipients(today).items()]
    return send_once("digest", today.isoformat(), messages, now)


def _message(user, nudges, now: datetime) -> EmailMessage:
    with in_language_of(user):
        items = [{"message": engine.message(n), "link": external_url(engine.link(n)), "due_on": n.due_on}
                 for n in nudges]
        body = render_template("nudges/digest.txt", user=user, items=items, today=local_date(now),
                               inbox_url=external_url("/nudges/"))
        subject = ngettext("Your employer work today: %(num)s reminder",
                           "Your employer work today: %(num)s reminders", len(items))
    return compose(user.email, subject, body, now)
