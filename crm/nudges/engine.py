"""The nudge engine: rules say which nudges should exist now; the engine makes the table agree.

A rule is a plain function `fn(now) -> Iterable[Wanted]`, registered with @nudge_rule. Evaluating
it is idempotent: missing nudges are created, resolved ones whose cause came back are reopened,
done and dismissed ones are never recreated for the same cause, and live ones whose cause is gone
are resolved. Everything is set-based: a handful of queries per rule, whatever the number of rows.
"""
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from ..extensions import db
from .models import LIVE_STATUSES, Nudge, NudgeStatus

# Modules whose import registers rules; each room with nudges adds its jobs module here.
RULE_MODULES = ("crm.contacts.jobs", "crm.participants.jobs", "crm.subsidies.jobs", "crm.followup.jobs",
                "crm.meetings.jobs", "crm.network.jobs", "crm.partners.jobs", "crm.leads.jobs")
_KEY_CHUNK = 400  # bound the number of parameters in one IN (…) on every backend


@dataclass(frozen=True)
class Wanted:
    """A nudge a rule wants to exist now, for one recipient and one cause."""

    user_id: int
    team_id: int | None
    cause_key: str
    due_on: date | None = None
    subject_type: str | None = None
    subject_id: int | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    name: str
    fn: Callable[[datetime], Iterable[Wanted]]
    message: Any  # a lazy msgid with %(name)s placeholders filled from the nudge's params
    link: Callable[[Nudge], str] | None = None


@dataclass
class Counts:
    created: int = 0
    reopened: int = 0
    updated: int = 0
    resolved: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        for name in ("created", "reopened", "updated", "resolved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


RULES: dict[str, Rule] = {}


def nudge_rule(name: str, message, link: Callable[[Nudge], str] | None = None):
    if len(name) > 40:
        raise ValueError("rule names are at most 40 characters")

    def register(fn):
        if name in RULES and RULES[name].fn is not fn:
            raise RuntimeError(f"two nudge rules named {name}")
        RULES[name] = Rule(name, fn, message, link)
        return fn

    return register


def load_rules() -> dict[str, Rule]:
    for module in RULE_MODULES:
        importlib.import_module(module)
    return RULES


def evaluate_rule(name: str, now: datetime) -> Counts:
    rule = load_rules()[name]
    wanted = {(w.cause_key, w.user_id): w for w in rule.fn(now)}
    existing = _existing(name, list(wanted))
    counts = Counts()
    for key, want in wanted.items():
        nudge = existing.get(key)
        if nudge is None:
            db.session.add(Nudge(rule=name, cause_key=want.cause_key, user_id=want.user_id, team_id=want.team_id,
                                 subject_type=want.subject_type, subject_id=want.subject_id, params=want.params,
                                 due_on=want.due_on, status=NudgeStatus.OPEN, created_at=now))
            counts.created += 1
        elif nudge.status == NudgeStatus.RESOLVED:
            nudge.status, nudge.closed_at, nudge.snoozed_until = NudgeStatus.OPEN, None, None
            _refresh(nudge, want)
            counts.reopened += 1
        elif nudge.status in LIVE_STATUSES and _refresh(nudge, want):
            counts.updated += 1
    for key, nudge in existing.items():
        if key not in wanted and nudge.status in LIVE_STATUSES:
            nudge.status, nudge.closed_at = NudgeStatus.RESOLVED, now
            counts.resolved += 1
    db.session.flush()
    return counts


def evaluate_all(now: datetime) -> dict[str, Counts]:
    return {name: evaluate_rule(name, now) for name in sorted(load_rules())}


def _existing(name: str, keys: list[tuple[str, int]]) -> dict[tuple[str, int], Nudge]:
    """The rule's live nudges, plus any nudge (whatever its status) for a cause wanted now."""
    found = {(n.cause_key, n.user_id): n for n in db.session.scalars(
        select(Nudge).where(Nudge.rule == name, Nudge.status.in_(LIVE_STATUSES)))}
    causes = sorted({cause for cause, _user in keys})
    wanted = set(keys)
    for start in range(0, len(causes), _KEY_CHUNK):
        for nudge in db.session.scalars(select(Nudge).where(
                Nudge.rule == name, Nudge.status.not_in(LIVE_STATUSES),
                Nudge.cause_key.in_(causes[start:start + _KEY_CHUNK]))):
            if (nudge.cause_key, nudge.user_id) in wanted:
                found[(nudge.cause_key, nudge.user_id)] = nudge
    return found


def _refresh(nudge: Nudge, want: Wanted) -> bool:
    """Keep the message current (an employer renamed, a count that moved); True if anything changed."""
    changed = False
    for name in ("params", "due_on", "subject_type", "subject_id", "team_id"):
        if getattr(nudge, name) != getattr(want, name):
            setattr(nudge, name, getattr(want, name))
            changed = True
    return changed


def message(nudge: Nudge) -> str:
    rule = load_rules().get(nudge.rule)
    if rule is None:
        return nudge.rule
    return str(rule.message) % _Params(nudge.params)


def link(nudge: Nudge) -> str | None:
    rule = load_rules().get(nudge.rule)
    return rule.link(nudge) if rule and rule.link else None


class _Params(dict):
    """A missing placeholder shows as empty rather than breaking the inbox."""

    def __missing__(self, key):
        return ""
