"""Authorisation in one place: named actions, a rule per action, and `can(user, action, obj)`.

Views never test roles themselves; they call `require(...)` (or load the object through a
loader that does) so that every denial is a 403 decided here and tested per role.
"""
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from ..auth.models import Role

Rule = Callable[[Any, Any], bool]
_RULES: dict[str, Rule] = {}


def rule(*actions: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        for action in actions:
            if action in _RULES:
                raise RuntimeError(f"two rules for {action}")
            _RULES[action] = fn
        return fn

    return register


def can(user, action: str, obj: Any = None) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return _RULES[action](user, obj)


def require(action: str, obj: Any = None) -> None:
    if not can(current_user, action, obj):
        abort(403)


def permission_required(action: str):
    """Decorator for views whose permission does not depend on a record."""

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            require(action)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def _same_team(user, record) -> bool:
    return user.is_staff and record is not None and record.team_id == user.team_id


# --- Administration -------------------------------------------------------------------
@rule("admin.manage_users", "admin.manage_teams")
def _admin(user, _obj) -> bool:
    return user.role == Role.ADMIN


# --- Employer register ----------------------------------------------------------------
@rule("employer.list", "employer.create")
def _employer_register(user, _obj) -> bool:
    return user.is_staff


@rule("employer.view", "employer.edit", "employer.archive")
def _employer_record(user, employer) -> bool:
    return _same_team(user, employer)
