"""Every e-mail about signing in, in one place (so that the way mail is delivered can change here only)."""
import hashlib
from datetime import datetime

from flask import current_app, render_template, url_for
from flask_babel import lazy_gettext as _l

from ..core.mail import MailError, compose, external_url, in_language_of, send_once


def _send(user, kind: str, subject, template: str, link_to: tuple, now: datetime, key: str, **context) -> None:
    """Write the message in the user's language with an absolute link (`link_to`: endpoint and values).
    `key` says what "once" means; a mail server that refuses is logged, and the page answers as usual
    (a reset page must not reveal more when mail fails)."""
    endpoint, values = link_to
    with in_language_of(user):
        link = external_url(url_for(endpoint, **values))
        message = compose(user.email, str(subject),
                          render_template(template, user=user, link=link, **context), now)
    try:
        send_once(kind, key, [message], now)
    except MailError:
        current_app.logger.warning("The %s mail to user %s was not sent", kind, user.id)


def _token_key(token: str) -> str:
    """One mail per link, without keeping the link itself anywhere but in the mail."""
    return hashlib.sha256(token.encode()).hexdigest()


def send_password_reset(user, token: str, now: datetime) -> None:
    _send(user, "password-reset", _l("Choose a new password"), "auth/mail/reset.txt",
          ("auth.set_password", {"token": token}), now, _token_key(token))


def send_invitation(user, token: str, now: datetime) -> None:
    _send(user, "invitation", _l("Your account in the CRM"), "auth/mail/invitation.txt",
          ("auth.set_password", {"token": token}), now, _token_key(token))


def send_failed_sign_ins(user, failures: int, now: datetime) -> None:
    _send(user, "failed-sign-ins", _l("Failed attempts to sign in to your account"), "auth/mail/failures.txt",
          ("auth.forgot_password", {}), now, now.isoformat(), failures=failures)
