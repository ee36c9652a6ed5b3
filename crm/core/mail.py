"""Outgoing e-mail: over SMTP when MAIL_SERVER is configured; otherwise written as .eml files to the
outbox folder (instance/outbox/), so that a development machine or a test can read what would have gone out.

Every e-mail goes out exactly once: `send_once` records each message as sent (kind, recipient, key) the
moment the server accepted it, so a retry after a refusal, a crash or a kill sends only what did not go.
"""
import logging
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .models import UTCDateTime
from .scheduler import JobIncomplete

log = logging.getLogger(__name__)


class SentMail(db.Model):
    """One message accepted by the mail server: never sent again for the same kind, recipient and key."""

    __tablename__ = "sent_mail"
    __table_args__ = (UniqueConstraint("kind", "recipient", "key", name="uq_sent_mail_kind_recipient_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(254))
    key: Mapped[str] = mapped_column(String(120))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MailError(JobIncomplete):
    """The mail server could not be reached or refused; what was sent before is recorded as sent."""


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


def send_once(kind: str, key: str, messages: list[EmailMessage], now: datetime) -> int:
    """Send each message unless one of this `kind` and `key` (a local day, a token) already went to its
    recipient; the number sent. Each accepted message is recorded and committed at once, so call this
    when the session's other changes may be committed too. MailError (logged, with the counts) when
    the server fails: what went is recorded, a later call sends the rest."""
    already = set(db.session.scalars(select(SentMail.recipient).where(SentMail.kind == kind, SentMail.key == key)))
    waiting = [m for m in messages if m["To"] not in already]
    sent = 0
    try:
        with _connection() as send:
            for message in waiting:
                send(message, kind, now)
                db.session.add(SentMail(kind=kind, recipient=message["To"], key=key, sent_at=now))
                db.session.commit()
                sent += 1
    except (smtplib.SMTPException, OSError) as error:  # ssl.SSLError is an OSError
        db.session.rollback()
        log.error("%s mail: %d of %d sent, %d not sent (to be retried): %s",
                  kind, sent, len(waiting), len(waiting) - sent, error)
        raise MailError(f"{kind} mail: {len(waiting) - sent} of {len(waiting)} not sent: {error}") from error
    return sent


@contextmanager
def _connection():
    """A function that sends one message: over one SMTP connection, or into the outbox folder."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        yield _to_outbox
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            # smtplib's own default context checks no certificate; a mail server must prove who it is.
            smtp.starttls(context=ssl.create_default_context(cafile=config.get("MAIL_TLS_CA_FILE")))
            smtp.ehlo()
        elif config.get("MAIL_REQUIRE_TLS"):
            raise smtplib.SMTPNotSupportedError(
                f"{config['MAIL_SERVER']} does not offer STARTTLS and MAIL_REQUIRE_TLS is set; nothing was sent")
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        yield lambda message, kind, now: smtp.send_message(message)


def _to_outbox(message: EmailMessage, kind: str, now: datetime) -> None:
    """In the outbox each file is named by `kind`, time and recipient."""
    outbox = outbox_folder()
    outbox.mkdir(parents=True, exist_ok=True)
    recipient = "".join(ch if ch.isalnum() else "_" for ch in message["To"])
    (outbox / f"{kind}-{now.astimezone(UTC):%Y%m%dT%H%M}-{recipient}.eml").write_bytes(bytes(message))
