"""Accounts: password hashing, sign-in with throttling, and user and team administration."""
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select

from ..core.clock import utcnow
from ..extensions import db
from ..partners.models import PartnerOrganisation
from ..sessions import services as sessions
from . import mail
from .models import AccountAction, AccountEvent, LoginThrottle, Role, Team, User

MIN_PASSWORD_LENGTH = 10
# Kept in password_hash until an invited user sets a password: no password matches it.
NO_PASSWORD = "!invited"


class AccountError(ValueError):
    """A rule about accounts was broken; the message is shown to the user."""


def _hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=current_app.config["ARGON2_TIME_COST"],
        memory_cost=current_app.config["ARGON2_MEMORY_COST"],
        parallelism=current_app.config["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def set_password(user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password shorter than {MIN_PASSWORD_LENGTH}")
    user.password_hash = hash_password(password)


def check_password(user: User, password: str) -> bool:
    hasher = _hasher()
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return True


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def create_user(*, email, name, role: Role, password: str | None = None, team=None,
                partner_organisation=None) -> User:
    """A new account; without `password` nobody can sign in to it until an invitation is redeemed."""
    email = normalise_email(email)
    if find_user_by_email(email) is not None:
        raise AccountError("email taken")
    if role in (Role.JOB_SPECIALIST, Role.TEAM_LEAD) and team is None:
        raise AccountError("staff need a team")
    if role == Role.PARTNER and partner_organisation is None:
        raise AccountError("partner needs organisation")
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        team=team if role in (Role.JOB_SPECIALIST, Role.TEAM_LEAD) else None,
        partner_organisation=partner_organisation if role == Role.PARTNER else None,
    )
    if password is None:
        user.password_hash = NO_PASSWORD
    else:
        set_password(user, password)
    db.session.add(user)
    db.session.flush()
    return user


def change_password(user: User, current: str, new: str, keep_session: int | None = None) -> None:
    """A new password ends every other session: whoever knew the old one is signed out."""
    if not check_password(user, current):
        raise AccountError("wrong password")
    set_password(user, new)
    sessions.end_all(user, keep=keep_session)
    db.session.flush()


def record_event(user: User, action: AccountAction, actor: User | None, now: datetime) -> None:
    db.session.add(AccountEvent(user_id=user.id, actor_id=actor.id if actor else None, action=action, at=now))


def set_active(user: User, active: bool) -> None:
    user.active = active
    if not active:
        sessions.end_all(user)
    db.session.flush()


def set_employment_fraction(user: User, percent: int) -> None:
    """`percent` of a full-time post (1–100), kept as a fraction: 50 → 0.50."""
    user.employment_fraction = Decimal(percent) / 100
    db.session.flush()


TEAM_FIELDS = ("name", "municipality", "weekly_contact_target", "cold_after_days", "caseload_limit",
               "retention_months", "two_factor_required")


def save_team(team: Team | None, **values) -> Team:
    """Create a team (when `team` is None) or update it; team names are unique regardless of case."""
    values["name"] = values["name"].strip()
    values["municipality"] = (values.get("municipality") or "").strip() or None
    clash = select(Team.id).where(func.lower(Team.name) == values["name"].lower())
    if team is not None:
        clash = clash.where(Team.id != team.id)
    if db.session.scalar(clash):
        raise AccountError("team name taken")
    if team is None:
        team = Team()
        db.session.add(team)
    for name, value in values.items():
        if value is not None or name == "municipality":
            setattr(team, name, value)
    db.session.flush()
    return team


def create_partner_organisation(name: str, municipality: str | None = None) -> PartnerOrganisation:
    name = name.strip()
    if db.session.scalar(select(PartnerOrganisation.id).where(func.lower(PartnerOrganisation.name) == name.lower())):
        raise AccountError("organisation name taken")
    organisation = PartnerOrganisation(name=name, municipality=(municipality or "").strip() or None)
    db.session.add(organisation)
    db.session.flush()
    return organisation


# --- Throttling ------------------------------------------------------------------------
@dataclass(frozen=True)
class Throttle:
    """Whether a sign-in may be tried now; `retry_at` says when it may if not."""

    allowed: bool
    retry_at: datetime | None = None


def throttle_keys(email: str, address: str | None) -> dict[str, str]:
    """The counts one attempt adds to. Only `pair` (this account from this address) and `address` (any
    account from this address) ever slow sign-in down: failures elsewhere never stop the owner."""
    account = f"account:{normalise_email(email)}"
    address = f"address:{address or 'unknown'}"
    return {"pair": f"{account}|{address}", "address": address, "account": account}


def _soft_limits() -> dict[str, int]:
    config = current_app.config
    return {"pair": config["LOGIN_SOFT_LIMIT"], "address": config["LOGIN_ADDRESS_SOFT_LIMIT"]}


def check_throttle(keys: dict[str, str], now: datetime) -> Throttle:
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_FAILURE_WINDOW_MINUTES"])
    soft = _soft_limits()
    rows = {row.key: row for row in db.session.scalars(
        select(LoginThrottle).where(LoginThrottle.key.in_([keys[kind] for kind in soft])))}
    worst = Throttle(allowed=True)
    for kind, limit in soft.items():
        row = rows.get(keys[kind])
        if row is None or now - row.last_failure_at > window or row.failures < limit:
            continue
        # Past the soft limit each further try waits twice as long, up to LOGIN_MAX_DELAY_SECONDS.
        delay = timedelta(seconds=min(config["LOGIN_MAX_DELAY_SECONDS"], 2 ** (row.failures - limit + 1)))
        retry_at = row.last_failure_at + delay
        if retry_at > now and (worst.retry_at is None or retry_at > worst.retry_at):
            worst = Throttle(allowed=False, retry_at=retry_at)
    return worst


def record_failure(keys: dict[str, str], now: datetime, user: User | None = None) -> None:
    """Count a failed attempt; the account's own count (kept only for real accounts) tells its owner."""
    window = timedelta(minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"])
    for kind, key in keys.items():
        if kind == "account" and user is None:
            continue
        row = db.session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, last_failure_at=now)
            db.session.add(row)
        elif now - row.last_failure_at > window:
            row.failures, row.owner_told_at = 0, None
        row.failures += 1
        row.last_failure_at = now
        if kind == "account" and row.failures >= current_app.config["LOGIN_TELL_OWNER_AFTER"] \
                and row.owner_told_at is None:
            row.owner_told_at = now
            mail.send_failed_sign_ins(user, row.failures, now)
    db.session.flush()


def clear_failures(keys: dict[str, str]) -> None:
    """A successful sign-in clears the account's counts (not the address's: others may share it)."""
    for kind in ("pair", "account"):
        row = db.session.get(LoginThrottle, keys[kind])
        if row is not None:
            db.session.delete(row)


def authenticate(email: str, password: str, address: str | None, now: datetime | None = None):
    """Return (user, throttle). `user` is None when the sign-in failed or was throttled."""
    now = now or utcnow()
    keys = throttle_keys(email, address)
    throttle = check_throttle(keys, now)
    if not throttle.allowed:
        return None, throttle
    user = find_user_by_email(email)
    if user is None:
        _hasher().hash(password)  # spend the same time as a real check: no account enumeration
    if user is None or not check_password(user, password) or not user.active:
        record_failure(keys, now, user)
        return None, check_throttle(keys, now)
    clear_failures(keys)
    user.last_login_at = now
    return user, throttle
