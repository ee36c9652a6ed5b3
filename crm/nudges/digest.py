"""The daily digest: one e-mail per staff member with open nudges, in their language.

Sent over SMTP when MAIL_SERVER is configured; otherwise written as .eml files to the outbox
folder (instance/outbox/), so a development machine or a test can read what would have gone out.
"""
import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale, ngettext

from ..core.clock import local_date
from . import engine, queries


def send_digests(now: datetime) -> int:
    """Build and deliver today's digests; the number of e-mails sent."""
    today = local_date(now)
    messages = [_message(user, nudges, now) for user, nudges in queries.digest_recipients(today).items()]
    if messages:
        _deliver(messages, f"{now.astimezone(UTC):%Y%m%dT%H%M}")
    return len(messages)


def _message(user, nudges, now: datetime) -> EmailMessage:
    config = current_app.config
    with current_app.test_request_context(), \
            force_locale(user.locale or config["BABEL_DEFAULT_LOCALE"]):
        items = [{"message": engine.message(n), "link": _external(engine.link(n)), "due_on": n.due_on}
                 for n in nudges]
        body = render_template("nudges/digest.txt", user=user, items=items, today=local_date(now),
                               inbox_url=_external("/nudges/"))
        subject = ngettext("Your employer work today: %(num)s reminder",
                           "Your employer work today: %(num)s reminders", len(items))
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config["MAIL_FROM"]
    message["To"] = user.email
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="crm.local")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message


def _external(path: str | None) -> str | None:
    return current_app.config["BASE_URL"].rstrip("/") + path if path else None


def outbox_folder() -> Path:
    """Where messages go when no mail server is configured (the erasure of a participant looks here too)."""
    return Path(current_app.config.get("MAIL_OUTBOX") or Path(current_app.instance_path) / "outbox")


def _deliver(messages: list[EmailMessage], stamp: str) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        outbox = outbox_folder()
        outbox.mkdir(parents=True, exist_ok=True)
        for message in messages:
            recipient = "".join(ch if ch.isalnum() else "_" for ch in message["To"])
            (outbox / f"digest-{stamp}-{recipient}.eml").write_bytes(bytes(message))
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        for message in messages:
            smtp.send_message(message)
