"""What goes into a user's calendar feed: a registry of sources that rooms add to.

A source is `fn(user, today) -> Iterable[FeedEvent]`, registered with @feed_source. A room with
dated things for a user (meetings, for instance) adds a module with its source to SOURCE_MODULES.
Events carry what a calendar on a phone or in Outlook may show: employer names and a participant's
first name and initial at most; never health, disclosure or notes.
"""
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import url_for
from flask_babel import gettext as _

from ..contacts import queries as contact_queries

# Modules whose import registers sources; a room with dated events adds its module here.
SOURCE_MODULES = ("crm.calendar.sources", "crm.followup.feed")
AHEAD_DAYS = 90  # how far ahead recurring things are listed


@dataclass(frozen=True)
class FeedEvent:
    uid: str  # stable across refreshes, so that calendars update the event rather than duplicate it
    summary: str
    starts: date | datetime  # a date: an all-day event
    ends: date | datetime | None = None
    description: str | None = None
    url: str | None = None


Source = Callable[[object, date], Iterable[FeedEvent]]
SOURCES: dict[str, Source] = {}


def feed_source(name: str):
    def register(fn: Source) -> Source:
        if name in SOURCES and SOURCES[name] is not fn:
            raise RuntimeError(f"two feed sources named {name}")
        SOURCES[name] = fn
        return fn

    return register


def load_sources() -> dict[str, Source]:
    for module in SOURCE_MODULES:
        importlib.import_module(module)
    return SOURCES


@feed_source("next_steps")
def next_steps(user, today: date) -> Iterable[FeedEvent]:
    """The user's open next steps on their due dates. The step's own text stays in the app: it is
    free text, and a synced calendar is no place for whatever someone typed."""
    for step in contact_queries.open_next_steps(owner_id=user.id):
        yield FeedEvent(
            uid=f"next-step-{step.id}", starts=step.due_on, ends=step.due_on + timedelta(days=1),
            summary=_("Next step: %(employer)s", employer=step.employer.name),
            url=url_for("employers.detail", employer_id=step.employer_id, _external=True) + "#next-steps")
