"""Password links: a reset asked for on the sign-in page, or an invitation an admin sends a new user.
Each works once and for a limited time; asking gives the same answer whether the account exists or not."""
import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..sessions import services as sessions
from . import mail
from .models import AccountAction, PasswordToken, TokenPurpose, User
from .services import NO_PASSWORD, find_user_by_email, record_event, set_password


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetime(purpose: TokenPurpose) -> timedelta:
    config = current_app.config
    if purpose == TokenPurpose.RESET:
        return timedelta(minutes=config["PASSWORD_RESET_MINUTES"])
    return timedelta(days=config["INVITATION_DAYS"])


def issue(user: User, purpose: TokenPurpose, now: datetime) -> str:
    """A new link for `user`; any earlier link of the same kind stops working."""
    db.session.execute(delete(PasswordToken).where(PasswordToken.user_id == user.id,
                                                   PasswordToken.purpose == purpose))
    token = secrets.token_urlsafe(32)
    db.session.add(PasswordToken(user_id=user.id, purpose=purpose, token_hash=_hash(token), created_at=now,
                                 expires_at=now + _lifetime(purpose)))
    db.session.flush()
    return token


def request_reset(email: str, now: datetime) -> None:
    """E-mail a reset link if `email` belongs to an active account; the caller answers the same either way.
    One mail per account per RESET_MAIL_INTERVAL: asking again and again fills no one's inbox."""
    user = find_user_by_email(email)
    if user is None or not user.active or user.password_hash == NO_PASSWORD:
        return
    recent = db.session.scalar(select(PasswordToken.created_at).where(
        PasswordToken.user_id == user.id, PasswordToken.purpose == TokenPurpose.RESET))
    interval = timedelta(minutes=current_app.config["PASSWORD_RESET_MAIL_INTERVAL_MINUTES"])
    if recent is not None and now - recent < interval:
        return
    mail.send_password_reset(user, issue(user, TokenPurpose.RESET, now), now)


def invite(user: User, actor: User, now: datetime) -> None:
    """Send `user` a link to choose their own password (a new account, or an invitation sent again)."""
    mail.send_invitation(user, issue(user, TokenPurpose.INVITATION, now), now)
    record_event(user, AccountAction.INVITATION_SENT, actor, now)


def find(token: str, now: datetime) -> PasswordToken | None:
    """The link's record while it may still be used; None when unknown, used or expired."""
    row = db.session.scalar(select(PasswordToken).where(PasswordToken.token_hash == _hash(token or "")))
    if row is None or row.expires_at <= now or not row.user.active:
        return None
    return row


def redeem(row: PasswordToken, password: str, now: datetime) -> User:
    """Set the password and spend the link (and every other link of the user); every session ends."""
    user = row.user
    set_password(user, password)
    db.session.execute(delete(PasswordToken).where(PasswordToken.user_id == user.id))
    sessions.end_all(user)
    record_event(user, AccountAction.PASSWORD_RESET, user, now)
    db.session.flush()
    return user
