"""Enrolling, checking and resetting the second factor (TOTP with recovery codes); rules take `now`."""
import hashlib
import secrets
from datetime import datetime

import pyotp
import segno
from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from .models import RecoveryCode, SecondFactor

RECOVERY_CODES = 10
STEP_SECONDS = 30


def is_required(user) -> bool:
    """Whether `user` must have a second factor: by role (TWO_FACTOR_REQUIRED_ROLES) or by team."""
    if user.role in current_app.config["TWO_FACTOR_REQUIRED_ROLES"]:
        return True
    return bool(user.is_staff and user.team and user.team.two_factor_required)


def factor(user) -> SecondFactor | None:
    return db.session.get(SecondFactor, user.id)


def is_enrolled(user) -> bool:
    row = factor(user)
    return row is not None and row.confirmed_at is not None


def enrolled_user_ids() -> set[int]:
    return set(db.session.scalars(select(SecondFactor.user_id).where(SecondFactor.confirmed_at.is_not(None))))


def begin(user, now: datetime) -> SecondFactor:
    """The secret waiting for its first code: created once, kept until confirmed or reset."""
    row = factor(user)
    if row is None:
        row = SecondFactor(user_id=user.id, secret=pyotp.random_base32(), created_at=now)
        db.session.add(row)
    db.session.flush()
    return row


def provisioning_uri(user, row: SecondFactor) -> str:
    return pyotp.TOTP(row.secret).provisioning_uri(name=user.email, issuer_name=current_app.config["TOTP_ISSUER"])


def qr_svg(uri: str, title: str) -> str:
    """The QR code as inline SVG markup, drawn here: no image request, no third party sees the secret."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff", title=title)


def _code_step(row: SecondFactor, code: str, now: datetime) -> int | None:
    """The time step `code` belongs to (this one or a neighbour, for clock drift), if it is right."""
    totp = pyotp.TOTP(row.secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in (current, current - 1, current + 1):
        if secrets.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


def _hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def confirm(user, code: str, now: datetime) -> list[str] | None:
    """Finish enrolment with the first code from the app; the new recovery codes, or None if wrong."""
    row = factor(user)
    step = _code_step(row, _normalise(code), now) if row is not None else None
    if step is None:
        return None
    row.confirmed_at, row.last_step = now, step
    return new_recovery_codes(user)


def new_recovery_codes(user) -> list[str]:
    """Ten new codes (the old ones stop working), shown once: only their hashes are stored."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(code)) for code in codes)
    db.session.flush()
    return codes


def verify(user, code: str, now: datetime) -> str | None:
    """Check a sign-in code: "totp", "recovery" (that code is now spent), or None when it is wrong."""
    row = factor(user)
    if row is None or row.confirmed_at is None:
        return None
    step = _code_step(row, _normalise(code), now)
    if step is not None and (row.last_step is None or step > row.last_step):
        row.last_step = step
        return "totp"
    recovery = db.session.scalar(select(RecoveryCode).where(RecoveryCode.user_id == user.id,
                                                            RecoveryCode.code_hash == _hash(code)))
    if recovery is not None:
        db.session.delete(recovery)
        return "recovery"
    return None


def recovery_codes_left(user) -> int:
    return db.session.scalar(select(db.func.count()).select_from(RecoveryCode)
                             .where(RecoveryCode.user_id == user.id))


def reset(user) -> None:
    """Remove the second factor and its codes: the user enrols again (if required, at the next sign-in)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.execute(delete(SecondFactor).where(SecondFactor.user_id == user.id))
