"""Outgoing e-mail: over SMTP when MAIL_SERVER is configured; otherwise written as .eml files to the
outbox folder (instance/outbox/), so that a development machine or a test can read what would have gone out."""
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app
from flask_babel import force_locale


@contextmanager
def in_language_of(user) -> Iterator[None]:
    """Write a message for `user` outside any request: in their language, with url_for working."""
    with current_app.test_request_context(), \
            force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        yield


def compose(to: str, subject: str, body: str, now: datetime) -> EmailMessage:
    """A plain-text message from the app, marked as automatic (no out-of-office replies)."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="crm.local")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message


def external_url(path: str | None) -> str | None:
    """A link into the app as an e-mail must write it: absolute, from BASE_URL."""
    return current_app.config["BASE_URL"].rstrip("/") + path if path else None


def outbox_folder() -> Path:
    """Where messages go when no mail server is configured (the erasure of a participant looks here too)."""
    return Path(current_app.config.get("MAIL_OUTBOX") or Path(current_app.instance_path) / "outbox")


def deliver(messages: list[EmailMessage], kind: str, now: datetime) -> None:
    """Send `messages`; in the outbox each file is named by `kind`, time and recipient."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        outbox = outbox_folder()
        outbox.mkdir(parents=True, exist_ok=True)
        stamp = f"{now.astimezone(UTC):%Y%m%dT%H%M}"
        for message in messages:
            recipient = "".join(ch if ch.isalnum() else "_" for ch in message["To"])
            (outbox / f"{kind}-{stamp}-{recipient}.eml").write_bytes(bytes(message))
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        for message in messages:
            smtp.send_message(message)
